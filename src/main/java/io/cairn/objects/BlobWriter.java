package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Streams a body into a new blob in large writes while computing its MD5, then syncs it. On any
 * failure — including a body stream that rejects its payload at EOF — the blob is deleted, so a
 * failed upload leaves nothing behind. Large buffers are pooled: a 5 GiB body needs one of them.
 */
final class BlobWriter {
  static final int CHUNK = 1 << 20;
  /** Bytes written between background syncs of a large body. */
  static final long SYNC_AHEAD = 32L << 20;
  private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(64);
  /** Runs overlapped blob writes and reads; virtual threads, so a blocked one costs no carrier. */
  static final Executor WRITERS = Executors.newVirtualThreadPerTaskExecutor();

  /** What was written: the synced blob, its size and the MD5 of its bytes. */
  record Written(Blob blob, long size, byte[] md5) {}

  private BlobWriter() {}

  /**
   * Turns a chunk of plain text, at {@code position} of the body, into what is stored — in
   * place, after it was hashed (server-side encryption).
   */
  @FunctionalInterface
  interface Seal {
    void apply(long position, byte[] buffer, int length);
  }

  static Written write(BlobStore blobs, InputStream body, long lengthHint, long maxSize)
      throws IOException {
    return write(blobs, body, lengthHint, maxSize, null, null);
  }

  /**
   * {@link #write(BlobStore, InputStream, long, long)} with each chunk sealed once hashed (the
   * MD5 is the plain text's) and the body stored after {@code header} (null: none); the size
   * reported is the body's.
   */
  static Written write(BlobStore blobs, InputStream body, long lengthHint, long maxSize,
      byte[] header, Seal seal) throws IOException {
    // Not synced on its own: blob.sync() below covers the creation with the data, and the id
    // reaches the catalog only after that sync.
    Blob blob = blobs.createUnsynced(0);
    long base = header == null ? 0 : header.length;
    boolean ok = false;
    byte[] current = take(lengthHint);
    byte[] spare = null;
    CompletableFuture<Void> pending = null;
    CompletableFuture<Void> syncAhead = null;
    try {
      if (header != null) {
        blob.write(0, ByteBuffer.wrap(header));
      }
      MessageDigest md5 = md5();
      long offset = 0;
      long unsynced = 0;
      while (true) {
        int filled = fill(body, current);
        if (offset + filled > maxSize) {
          throw new ObjectServiceException(ObjectError.ENTITY_TOO_LARGE,
              "Your proposed upload exceeds the maximum allowed size");
        }
        boolean last = filled < current.length;
        // Pipelining: hashing and writing one chunk overlap reading and verifying (chunk
        // signatures, checksums) the next, so a large PUT runs at the pace of the slower stage
        // rather than their sum. Chunks are hashed in order: one task at a time.
        await(pending);
        pending = null;
        if (filled > 0) {
          if (last && offset == 0) {
            md5.update(current, 0, filled);
            if (seal != null) {
              seal.apply(0, current, filled);
            }
            blob.write(base, ByteBuffer.wrap(current, 0, filled));
          } else {
            pending = writeAsync(blob, md5, base, offset, current, filled, seal);
          }
          offset += filled;
          unsynced += filled;
        }
        if (unsynced >= SYNC_AHEAD && (syncAhead == null || syncAhead.isDone())) {
          // As RocksDB's bytes_per_sync: the disk writes what is written while the body still
          // streams in, instead of all of it in the final sync after the last byte.
          await(syncAhead);
          syncAhead = CompletableFuture.runAsync(() -> {
            try {
              blob.sync();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }, WRITERS);
          unsynced = 0;
        }
        if (last) {
          // fill() stops short only at EOF, after which the body has verified its own claims.
          break;
        }
        if (spare == null) {
          spare = take(-1);
        }
        byte[] next = spare;
        spare = current;
        current = next;
      }
      await(pending);
      pending = null;
      await(syncAhead); // a failed sync fails the log: the final one would throw too
      blob.sync();
      ok = true;
      return new Written(blob, offset, md5.digest());
    } finally {
      if (pending != null) {
        // A failure while a write was in flight: let it finish before the buffer is reused.
        pending.handle((v, e) -> null).join();
      }
      give(current);
      if (spare != null) {
        give(spare);
      }
      if (!ok) {
        deleteQuietly(blobs, blob.blobId());
      }
    }
  }

  /**
   * Hashes and writes one chunk on two threads at once: MD5 is the costliest stage of a large PUT
   * (it runs at a few hundred MiB/s) and the blob write (a copy, CRC32C, the page cache) the next,
   * and both only read the buffer. A sealed chunk is hashed, then sealed in place, then written,
   * in that order (the seal changes the buffer).
   */
  private static CompletableFuture<Void> writeAsync(Blob blob, MessageDigest md5, long base,
      long offset, byte[] buffer, int length, Seal seal) {
    if (seal != null) {
      return CompletableFuture.runAsync(() -> {
        try {
          md5.update(buffer, 0, length);
          seal.apply(offset, buffer, length);
          blob.write(base + offset, ByteBuffer.wrap(buffer, 0, length));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, WRITERS);
    }
    CompletableFuture<Void> hashed = CompletableFuture.runAsync(
        () -> md5.update(buffer, 0, length), WRITERS);
    CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
      try {
        blob.write(base + offset, ByteBuffer.wrap(buffer, 0, length));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, WRITERS);
    return CompletableFuture.allOf(hashed, written);
  }

  static void await(CompletableFuture<Void> pending) throws IOException {
    if (pending == null) {
      return;
    }
    try {
      pending.join();
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

  /** Reads until the buffer is full or the stream ends (read returned -1). */
  private static int fill(InputStream in, byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        return filled;
      }
      filled += n;
    }
    return filled;
  }

  static void deleteQuietly(BlobStore blobs, long blobId) {
    try {
      blobs.delete(blobId);
    } catch (IOException e) {
      // The blob stays an orphan; orphan collection (BlobStore.blobIds vs the catalog) reclaims it.
      System.getLogger(BlobWriter.class.getName())
          .log(System.Logger.Level.WARNING, "could not delete blob " + blobId, e);
    }
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  private static byte[] take(long lengthHint) {
    if (lengthHint >= 0 && lengthHint < CHUNK) {
      // +1 so that a body of exactly the hinted size reaches EOF inside one fill().
      return new byte[(int) lengthHint + 1];
    }
    byte[] b = POOL.poll();
    return b != null ? b : new byte[CHUNK];
  }

  private static void give(byte[] buffer) {
    if (buffer.length == CHUNK) {
      POOL.offer(buffer);
    }
  }
}
