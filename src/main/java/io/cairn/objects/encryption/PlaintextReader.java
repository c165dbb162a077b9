package io.cairn.objects.encryption;

import io.cairn.blob.BlobRead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The plain text of [offset, offset+length) of an encrypted object: reads the ciphertext from its
 * blob in large chunks and decrypts each in place. Not thread safe.
 */
public final class PlaintextReader extends InputStream {
  private static final int CHUNK = 1 << 20;
  private final BlobRead blob;
  private final long base;
  private final ObjectCipher cipher;
  private final long end;
  private long position;
  private final byte[] buffer;
  private int filled;
  private int next;

  /**
   * @param base where the object's first byte is in the blob (a part blob starts with its
   *     counter block)
   * @param cipher the object's cipher; null for a blob that holds plain text
   */
  public PlaintextReader(BlobRead blob, long base, ObjectCipher cipher, long offset, long length) {
    this.blob = blob;
    this.base = base;
    this.cipher = cipher;
    this.position = offset;
    this.end = offset + length;
    this.buffer = new byte[(int) Math.max(1, Math.min(CHUNK, length))];
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
    if (next == filled) {
      if (position >= end) {
        return -1;
      }
      int n = (int) Math.min(buffer.length, end - position);
      blob.read(base + position, ByteBuffer.wrap(buffer, 0, n));
      if (cipher != null) {
        cipher.apply(position, buffer, 0, n);
      }
      position += n;
      filled = n;
      next = 0;
    }
    int n = Math.min(len, filled - next);
    System.arraycopy(buffer, next, b, off, n);
    next += n;
    return n;
  }
}
