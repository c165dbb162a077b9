package io.cairn.objects.encryption;

import io.cairn.blob.BlobRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The plain text of [offset, offset+length) of an encrypted object: reads the ciphertext from its
 * blob in large chunks and decrypts each in place. With an executor, the next chunk is read and
 * decrypted while the caller consumes the current one (two buffers, used in turn). Not thread
 * safe.
 */
public final class PlaintextReader extends InputStream {
  private static final int CHUNK = 1 << 20;

  private record Chunk(byte[] buffer, int length) {}

  private final BlobRead blob;
  private final long base;
  private final ObjectCipher cipher;
  private final Executor executor;
  private final long end;
  private final int chunkSize;
  private long fetchAt;
  private CompletableFuture<Chunk> pending;
  private Chunk current;
  private int next;

  /** A reader that reads each chunk when it is needed. */
  public PlaintextReader(BlobRead blob, long base, ObjectCipher cipher, long offset, long length) {
    this(blob, base, cipher, offset, length, null);
  }

  /**
   * @param base where the object's first byte is in the blob (a part blob starts with its
   *     counter block)
   * @param cipher the object's cipher; null for a blob that holds plain text
   * @param executor runs the read-ahead of the next chunk; null: none
   */
  public PlaintextReader(BlobRead blob, long base, ObjectCipher cipher, long offset, long length,
      Executor executor) {
    this.blob = blob;
    this.base = base;
    this.cipher = cipher;
    this.executor = executor;
    this.fetchAt = offset;
    this.end = offset + length;
    this.chunkSize = (int) Math.max(1, Math.min(CHUNK, length));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (current == null || next == current.length()) {
      if (!advance()) {
        return -1;
      }
    }
    int n = Math.min(len, current.length() - next);
    System.arraycopy(current.buffer(), next, b, off, n);
    next += n;
    return n;
  }

  /** Writes the rest to {@code out} a whole chunk at a time (no copy through a small buffer). */
  @Override
  public long transferTo(java.io.OutputStream out) throws IOException {
    long sent = 0;
    while (true) {
      if (current == null || next == current.length()) {
        if (!advance()) {
          return sent;
        }
      }
      int n = current.length() - next;
      out.write(current.buffer(), next, n);
      next += n;
      sent += n;
    }
  }

  /** Makes the next chunk current; false at the end. */
  private boolean advance() throws IOException {
    byte[] free = current == null ? null : current.buffer();
    if (pending != null) {
      current = await(pending);
      pending = null;
    } else if (fetchAt < end) {
      byte[] buffer = take(free);
      free = null;
      long at = fetchAt;
      int n = claim(buffer);
      current = fill(buffer, at, n);
    } else {
      return false;
    }
    next = 0;
    if (executor != null && fetchAt < end) {
      byte[] buffer = take(free);
      long at = fetchAt;
      int n = claim(buffer);
      pending = CompletableFuture.supplyAsync(() -> {
        try {
          return fill(buffer, at, n);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, executor);
    }
    return true;
  }

  /** The consumed buffer to reuse, or a new one (the first two chunks). */
  private byte[] take(byte[] free) {
    return free != null ? free : new byte[chunkSize];
  }

  /** The length of the chunk at fetchAt that fits {@code buffer}; fetchAt moves past it. */
  private int claim(byte[] buffer) {
    int n = (int) Math.min(buffer.length, end - fetchAt);
    fetchAt += n;
    return n;
  }

  /** Reads and decrypts {@code n} bytes at {@code at} into {@code buffer}. */
  private Chunk fill(byte[] buffer, long at, int n) throws IOException {
    blob.read(base + at, ByteBuffer.wrap(buffer, 0, n));
    if (cipher != null) {
      cipher.apply(at, buffer, 0, n);
    }
    return new Chunk(buffer, n);
  }

  private static Chunk await(CompletableFuture<Chunk> f) throws IOException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  @Override
  public void close() {
    if (pending != null) {
      // A read-ahead still running owns its buffer; let it finish, its outcome unwanted.
      pending.handle((c, e) -> null).join();
      pending = null;
    }
  }
}
