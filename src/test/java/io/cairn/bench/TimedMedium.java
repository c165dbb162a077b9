package io.cairn.bench;

import io.cairn.medium.AppendFile;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Medium} that passes everything to another and adds up the calls and wall time of its
 * appenders' {@code append}, {@code flush} and {@code sync}: where a log run's time goes, without
 * a profiler. Reads are not counted.
 */
final class TimedMedium extends io.cairn.medium.ForwardingMedium {
  private final LongAdder appends = new LongAdder();
  private final LongAdder appendNanos = new LongAdder();
  private final LongAdder flushes = new LongAdder();
  private final LongAdder flushNanos = new LongAdder();
  private final LongAdder syncs = new LongAdder();
  private final LongAdder syncNanos = new LongAdder();

  TimedMedium(Medium inner) {
    super(inner);
  }

  /** e.g. "medium: 341 writes 1.2 s, 0 flushes 0.0 s, 260 syncs 3.1 s". */
  String summary() {
    return String.format(Locale.ROOT, "medium: %d writes %.1f s, %d flushes %.1f s, %d syncs %.1f s",
        appends.sum(), appendNanos.sum() / 1e9, flushes.sum(), flushNanos.sum() / 1e9, syncs.sum(),
        syncNanos.sum() / 1e9);
  }

  @Override
  public AppendFile create(String name) throws IOException {
    return timed(delegate.create(name));
  }

  @Override
  public Optional<InPlace> inPlace() {
    return delegate.inPlace().map(d -> new InPlace() {
      @Override
      public void rename(String from, String to) throws IOException {
        d.rename(from, to);
      }

      @Override
      public AppendFile overwrite(String name) throws IOException {
        return timed(d.overwrite(name));
      }
    });
  }

  private AppendFile timed(AppendFile f) {
    return new AppendFile() {
      @Override
      public void append(ByteBuffer src) throws IOException {
        long t0 = System.nanoTime();
        f.append(src);
        appendNanos.add(System.nanoTime() - t0);
        appends.increment();
      }

      @Override
      public long length() {
        return f.length();
      }

      @Override
      public void flush() throws IOException {
        long t0 = System.nanoTime();
        f.flush();
        flushNanos.add(System.nanoTime() - t0);
        flushes.increment();
      }

      @Override
      public void sync() throws IOException {
        long t0 = System.nanoTime();
        f.sync();
        syncNanos.add(System.nanoTime() - t0);
        syncs.increment();
      }

      @Override
      public void close() throws IOException {
        f.close();
      }
    };
  }







}
