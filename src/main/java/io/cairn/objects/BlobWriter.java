package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Streams a body into a new blob in large writes while computing its MD5, then syncs it. On any
 * failure — including a body stream that rejects its payload at EOF — the blob is deleted, so a
 * failed upload leaves nothing behind. Large buffers are pooled: a 5 GiB body needs one of them.
 */
final class BlobWriter {
  static final int CHUNK = 1 << 20;
  private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(64);

  /** What was written: the synced blob, its size and the MD5 of its bytes. */
  record Written(Blob blob, long size, byte[] md5) {}

  private BlobWriter() {}

  static Written write(BlobStore blobs, InputStream body, long lengthHint, long maxSize)
      throws IOException {
    Blob blob = blobs.create(0);
    boolean ok = false;
    byte[] buffer = take(lengthHint);
    try {
      MessageDigest md5 = md5();
      long offset = 0;
      while (true) {
        int filled = fill(body, buffer);
        if (filled > 0) {
          if (offset + filled > maxSize) {
            throw new ObjectServiceException(ObjectError.ENTITY_TOO_LARGE,
                "Your proposed upload exceeds the maximum allowed size");
          }
          md5.update(buffer, 0, filled);
          blob.write(offset, ByteBuffer.wrap(buffer, 0, filled));
          offset += filled;
        }
        if (filled < buffer.length) {
          // fill() stops short only at EOF, after which the body has verified its own claims.
          break;
        }
      }
      blob.sync();
      ok = true;
      return new Written(blob, offset, md5.digest());
    } finally {
      give(buffer);
      if (!ok) {
        deleteQuietly(blobs, blob.blobId());
      }
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
