package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobRead;
import io.cairn.blob.Extent;
import io.cairn.catalog.CorruptRowException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The bytes of an inline object (checked against their CRC32C when this was made) read as a blob,
 * so every reader of object bytes — GET, ranges, copies to encrypted objects, compose ETags —
 * works on both kinds of objects alike. Only {@link Blob#link} cannot take it (it shares extents of
 * the same store): {@link #copyTo} writes the bytes instead. Immutable, thread safe.
 */
final class InlineBlob implements BlobRead {
  private final byte[] bytes;

  /** Over {@code bytes}, which nobody modifies. */
  InlineBlob(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The bytes of an inline object's entry, checked against their CRC32C; a mismatch is logged
   * (naming the object, never its bytes) and thrown.
   */
  static InlineBlob of(ObjectEntry entry) throws CorruptRowException {
    try {
      return new InlineBlob(entry.inline().bytes());
    } catch (CorruptRowException e) {
      System.getLogger(ObjectService.class.getName()).log(System.Logger.Level.ERROR,
          "catalog row of " + entry.bucket() + "/" + entry.key() + " version "
              + entry.versionId() + ": " + e.getMessage());
      throw e;
    }
  }

  /** Writes [srcOffset, srcOffset+length) of these bytes into {@code blob} at {@code offset}. */
  void copyTo(Blob blob, long offset, long srcOffset, long length) throws IOException {
    check(srcOffset, length);
    blob.write(offset, ByteBuffer.wrap(bytes, (int) srcOffset, (int) length));
  }

  /** The bytes themselves: never modify them. */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public long blobId() {
    return 0;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    int length = dst.remaining();
    check(offset, length);
    dst.put(bytes, (int) offset, length);
  }

  @Override
  public List<Extent> extents(long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length");
    }
    long start = Math.min(offset, bytes.length);
    long end = Math.min(offset + length, bytes.length);
    return end > start ? List.of(new Extent(start, end - start)) : List.of();
  }

  private void check(long offset, long length) throws EOFException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length");
    }
    if (offset + length > bytes.length) {
      throw new EOFException("read of " + length + " bytes at " + offset + " passes the end of an "
          + bytes.length + "-byte inline object");
    }
  }
}
