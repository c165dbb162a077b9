package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobStore;
import io.cairn.catalog.CommitOutcomeUnknownException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Streams a body into a new blob in large writes while computing its MD5, then syncs it. On any
 * failure — including a body stream that rejects its payload at EOF — the blob is deleted, so a
 * failed upload leaves nothing behind. Large buffers are pooled: a 5 GiB body needs DEPTH + 1 of
 * them.
 */
final class BlobWriter {
  static final int CHUNK = 1 << 20;
  /** Bytes written between background syncs of a large body. */
  static final long SYNC_AHEAD = 32L << 20;
  /** Chunks read ahead of the hashing and writing stages. */
  static final int DEPTH = 4;
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
    Pipeline pipeline = new Pipeline(blob, base, seal);
    CompletableFuture<Void> syncAhead = null;
    try {
      if (header != null) {
        blob.write(0, ByteBuffer.wrap(header));
      }
      long offset = 0;
      long unsynced = 0;
      while (true) {
        int filled = fill(body, current);
        if (offset + filled > maxSize) {
          throw new ObjectServiceException(ObjectError.ENTITY_TOO_LARGE,
              "Your proposed upload exceeds the maximum allowed size");
        }
        boolean last = filled < current.length;
        if (filled > 0) {
          if (last && offset == 0) {
            pipeline.md5.update(current, 0, filled);
            if (seal != null) {
              seal.apply(0, current, filled);
            }
            blob.write(base, ByteBuffer.wrap(current, 0, filled));
          } else {
            pipeline.submit(offset, current, filled);
            current = null;
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
        if (current == null) {
          current = pipeline.freeBuffer();
        }
      }
      pipeline.drain();
      await(syncAhead); // a failed sync fails the log: the final one would throw too
      blob.sync();
      ok = true;
      return new Written(blob, offset, pipeline.md5.digest());
    } finally {
      // On a failure, chunks still in flight finish before their buffers are reused.
      pipeline.release();
      if (current != null) {
        give(current);
      }
      if (!ok) {
        deleteQuietly(blobs, blob.blobId());
      }
    }
  }

  /**
   * The chunks of a body between being read and being hashed and written. Reading runs up to
   * {@link #DEPTH} chunks ahead, so a stall of the page cache or of the client is absorbed rather
   * than stopping the other stages; MD5 (the costliest stage: a few hundred MiB/s) and the blob
   * write (a copy, CRC32C, the page cache) run on two threads at once, each in chunk order. A
   * sealed (encrypted) chunk is changed in place, so its write waits for its hashing. Used by one
   * thread.
   */
  private static final class Pipeline {
    private record Chunk(byte[] buffer, CompletableFuture<Void> done) {}

    final MessageDigest md5 = md5();
    private final Blob blob;
    private final long base;
    private final Seal seal;
    private final ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
    private CompletableFuture<Void> hashed = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

    Pipeline(Blob blob, long base, Seal seal) {
      this.blob = blob;
      this.base = base;
      this.seal = seal;
    }

    /** Hands {@code buffer} to the hashing and writing stages; it comes back by freeBuffer(). */
    void submit(long offset, byte[] buffer, int length) {
      hashed = hashed.thenRunAsync(() -> md5.update(buffer, 0, length), WRITERS);
      CompletableFuture<Void> ready =
          seal == null ? written : written.runAfterBoth(hashed, () -> { });
      written = ready.thenRunAsync(() -> {
        try {
          if (seal != null) {
            seal.apply(offset, buffer, length);
          }
          blob.write(base + offset, ByteBuffer.wrap(buffer, 0, length));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, WRITERS);
      inFlight.add(new Chunk(buffer, CompletableFuture.allOf(hashed, written)));
    }

    /** A buffer to read the next chunk into: a new one while fewer than DEPTH are in flight. */
    byte[] freeBuffer() throws IOException {
      if (inFlight.size() < DEPTH) {
        return take(-1);
      }
      Chunk oldest = inFlight.poll();
      try {
        await(oldest.done());
      } catch (IOException | RuntimeException e) {
        give(oldest.buffer()); // done, if failed
        throw e;
      }
      return oldest.buffer();
    }

    /** Waits until every chunk is hashed and written; their failure, if any. */
    void drain() throws IOException {
      while (!inFlight.isEmpty()) {
        Chunk c = inFlight.poll();
        try {
          await(c.done());
        } finally {
          give(c.buffer());
        }
      }
    }

    /** Waits for what is still in flight, ignoring its outcome, and pools the buffers. */
    void release() {
      for (Chunk c; (c = inFlight.poll()) != null; ) {
        c.done().handle((v, e) -> null).join();
        give(c.buffer());
      }
    }
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
  static int fill(InputStream in, byte[] buffer) throws IOException {
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

  /**
   * BadDigest unless the body written hashes to the Content-MD5 the client sent (if it sent one);
   * the blob is deleted first, as nothing will refer to it.
   */
  static void checkDigest(BlobStore blobs, Written written, byte[] contentMd5)
      throws ObjectServiceException {
    if (contentMd5 != null && !MessageDigest.isEqual(contentMd5, written.md5())) {
      deleteQuietly(blobs, written.blob().blobId());
      throw new ObjectServiceException(ObjectError.BAD_DIGEST,
          "The Content-MD5 you specified did not match what was received.");
    }
  }


  /** Deletes a blob, logging a failure; blob id 0 (no blob: an inline object) is skipped. */
  /**
   * After the catalog write that would have referred to {@code blobId} failed: deletes the blob,
   * unless the failure leaves it open whether that write was committed ({@link
   * CommitOutcomeUnknownException}). A row that survives must not name a deleted blob; a blob that
   * turns out unreferenced is an orphan, which orphan collection reclaims.
   */
  static void deleteAfterFailedCommit(BlobStore blobs, long blobId, Throwable failure) {
    if (!CommitOutcomeUnknownException.in(failure)) {
      deleteQuietly(blobs, blobId);
    }
  }

  static void deleteQuietly(BlobStore blobs, long blobId) {
    if (blobId == 0) {
      return;
    }
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
