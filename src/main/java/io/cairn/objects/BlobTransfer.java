package io.cairn.objects;

import io.cairn.blob.BlobRead;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a byte range of a blob to a client's stream in chunks, reading the next chunk while the
 * current one is sent. Large reads go through pooled direct buffers when the stream takes
 * ByteBuffers, so the bytes are not copied again into the JDK's own direct buffer on their way to
 * the socket. Stateless but for the pool; thread safe.
 */
final class BlobTransfer {
  private static final int READ_CHUNK = 1 << 20;

  private BlobTransfer() {}

  /** Writes [offset, offset+length) of {@code blob} to {@code out}. */
  static void send(BlobRead blob, long offset, long length, OutputStream out) throws IOException {
    int size = (int) Math.min(READ_CHUNK, Math.max(length, 1));
    // A stream that takes ByteBuffers gets direct ones for large reads: no copy into the JDK's own
    // on the way to the socket. Pooled: allocating and zeroing them per request costs more.
    WritableByteChannel channel = out instanceof WritableByteChannel c ? c : null;
    boolean direct = channel != null && size == READ_CHUNK;
    ByteBuffer current = buffer(size, direct);
    if (length <= size) {
      try {
        blob.read(offset, current.limit((int) length));
        send(current.flip(), out, channel);
      } finally {
        release(current);
      }
      return;
    }
    // Read-ahead: the blob read of the next chunk overlaps sending this one to the client.
    ByteBuffer spare = buffer(size, direct);
    try {
      long end = offset + length;
      CompletableFuture<Void> next = readAsync(blob, offset, current, size);
      for (long position = offset; position < end; ) {
        int n = (int) Math.min(size, end - position);
        BlobWriter.await(next);
        long following = position + n;
        next = following < end
            ? readAsync(blob, following, spare, (int) Math.min(size, end - following)) : null;
        try {
          send(current.flip(), out, channel);
        } catch (IOException | RuntimeException e) {
          if (next != null) {
            next.handle((v, x) -> null).join();
          }
          throw e;
        }
        ByteBuffer swap = current;
        current = spare;
        spare = swap;
        position = following;
      }
    } finally {
      // No read is in flight here: each was awaited, or joined on the way out.
      release(current);
      release(spare);
    }
  }

  private static final ArrayBlockingQueue<ByteBuffer> DIRECT_POOL = new ArrayBlockingQueue<>(32);

  private static ByteBuffer buffer(int size, boolean direct) {
    if (!direct) {
      return ByteBuffer.allocate(size);
    }
    ByteBuffer b = DIRECT_POOL.poll();
    return b != null ? b.clear() : ByteBuffer.allocateDirect(READ_CHUNK);
  }

  private static void release(ByteBuffer b) {
    if (b.isDirect()) {
      DIRECT_POOL.offer(b);
    }
  }

  private static void send(ByteBuffer data, OutputStream out, WritableByteChannel channel)
      throws IOException {
    if (channel != null) {
      while (data.hasRemaining()) {
        channel.write(data);
        data.position(data.limit()); // the channel writes all of it
      }
    } else {
      out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
    }
  }

  private static CompletableFuture<Void> readAsync(BlobRead blob, long offset, ByteBuffer buffer,
      int length) {
    return CompletableFuture.runAsync(() -> {
      try {
        blob.read(offset, buffer.clear().limit(length));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, BlobWriter.WRITERS);
  }
}
