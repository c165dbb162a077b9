package io.cairn.log;

import io.cairn.medium.AppendFile;
import io.cairn.medium.Medium;
import io.cairn.medium.ReadFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Medium} wrapper for log tests: counts syncs and bytes read, can slow syncs down (to make
 * group commit visible) and can fail appends on demand (after writing part of the bytes, as a full
 * disk or a crash mid-write would).
 */
final class InstrumentedMedium extends io.cairn.medium.ForwardingMedium {
  final AtomicLong syncs = new AtomicLong();
  final AtomicLong bytesRead = new AtomicLong();
  final AtomicLong reads = new AtomicLong();
  volatile long syncDelayMillis;
  /** When armed, the append that reaches this many more bytes writes part of them and throws. */
  private final AtomicLong appendBudget = new AtomicLong(Long.MAX_VALUE);

  InstrumentedMedium(Medium delegate) {
    super(delegate);
  }

  void failAppendsAfter(long bytes) {
    appendBudget.set(bytes);
  }

  @Override
  public AppendFile create(String name) throws IOException {
    AppendFile file = delegate.create(name);
    return new AppendFile() {
      @Override
      public void append(ByteBuffer src) throws IOException {
        long budget = appendBudget.get();
        if (src.remaining() > budget) {
          appendBudget.set(0);
          ByteBuffer part = src.duplicate();
          part.limit(part.position() + (int) Math.max(0, budget / 2));
          file.append(part);
          throw new IOException("injected: no space left on device");
        }
        if (budget != Long.MAX_VALUE) {
          appendBudget.addAndGet(-src.remaining());
        }
        file.append(src);
      }

      @Override
      public long length() {
        return file.length();
      }

      @Override
      public void flush() throws IOException {
        file.flush();
      }

      @Override
      public void sync() throws IOException {
        syncs.incrementAndGet();
        long delay = syncDelayMillis;
        if (delay > 0) {
          try {
            Thread.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
        }
        file.sync();
      }

      @Override
      public void close() throws IOException {
        file.close();
      }
    };
  }

  @Override
  public ReadFile open(String name) throws IOException {
    ReadFile file = delegate.open(name);
    return new ReadFile() {
      @Override
      public void readFully(long position, ByteBuffer dst) throws IOException {
        reads.incrementAndGet();
        bytesRead.addAndGet(dst.remaining());
        file.readFully(position, dst);
      }

      @Override
      public long length() throws IOException {
        return file.length();
      }

      @Override
      public void close() throws IOException {
        file.close();
      }
    };
  }






}
