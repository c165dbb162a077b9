package io.cairn.nbd;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Direct buffers for request payloads and read replies, reused across requests and connections so
 * the data path allocates nothing per request. Buffers come in power-of-two size classes from 4 KiB
 * to {@link NbdProtocol#MAX_PAYLOAD}; at most {@code retainBytes} are kept idle in total, the rest
 * are left to the garbage collector.
 */
final class BufferPool {

  private static final int MIN_SHIFT = 12;
  private static final int MAX_SHIFT = Integer.numberOfTrailingZeros(NbdProtocol.MAX_PAYLOAD);

  @SuppressWarnings("unchecked")
  private final ConcurrentLinkedQueue<ByteBuffer>[] free =
      new ConcurrentLinkedQueue[MAX_SHIFT - MIN_SHIFT + 1];

  private final AtomicLong idleBytes = new AtomicLong();
  private final long retainBytes;

  BufferPool(long retainBytes) {
    this.retainBytes = retainBytes;
    for (int i = 0; i < free.length; i++) {
      free[i] = new ConcurrentLinkedQueue<>();
    }
  }

  /** A buffer with position 0 and limit {@code length} (at most MAX_PAYLOAD). */
  ByteBuffer take(int length) {
    int cls = sizeClass(length);
    ByteBuffer b = free[cls].poll();
    if (b == null) {
      b = ByteBuffer.allocateDirect(1 << (cls + MIN_SHIFT));
    } else {
      idleBytes.addAndGet(-b.capacity());
    }
    b.clear().limit(length);
    return b;
  }

  /** Returns a buffer from {@link #take}; the caller must not touch it afterwards. */
  void give(ByteBuffer b) {
    if (idleBytes.addAndGet(b.capacity()) > retainBytes) {
      idleBytes.addAndGet(-b.capacity());
      return;
    }
    free[sizeClass(b.capacity())].offer(b);
  }

  private static int sizeClass(int length) {
    if (length <= 1 << MIN_SHIFT) {
      return 0;
    }
    int shift = 32 - Integer.numberOfLeadingZeros(length - 1);
    if (shift > MAX_SHIFT) {
      throw new IllegalArgumentException("buffer larger than max payload: " + length);
    }
    return shift - MIN_SHIFT;
  }
}
