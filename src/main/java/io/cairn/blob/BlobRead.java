package io.cairn.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** What can be read from a blob's head and from any of its versions alike. */
public interface BlobRead {

  long blobId();

  /** Logical size in bytes. */
  long size();

  /**
   * Fills {@code dst} with the bytes at {@code offset}; holes read as zeros. Throws {@link
   * java.io.EOFException} if the range passes {@link #size()}, {@link IllegalArgumentException} for
   * a negative offset, and {@link io.cairn.log.CorruptRecordException} rather than return bad
   * bytes.
   */
  void read(long offset, ByteBuffer dst) throws IOException;

  /** The allocated (written, non-zero-by-hole) ranges overlapping [offset, offset+length), in order. */
  List<Extent> extents(long offset, long length) throws IOException;
}
