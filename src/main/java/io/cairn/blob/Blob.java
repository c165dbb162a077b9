package io.cairn.blob;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The mutable head of a blob. See {@link BlobStore} for durability. Concurrent writers are safe;
 * overlapping concurrent writes land in some serial order, the same one a crash recovery replays.
 */
public interface Blob extends BlobRead {

  /**
   * Writes {@code src}'s remaining bytes at {@code offset}, growing the size if the write ends past
   * it. Unaligned offsets and lengths are fine. {@link IllegalArgumentException} for negative or
   * overflowing ranges.
   */
  void write(long offset, ByteBuffer src) throws IOException;

  /** Makes a range read as zeros and releases what it held (trim, write-zeroes). */
  void zero(long offset, long length) throws IOException;

  /**
   * Makes [offset, offset+length) of this blob read as [srcOffset, srcOffset+length) of {@code
   * src}, sharing its data: no data bytes are appended to the log. Used by copy, compose and
   * multipart completion.
   */
  void link(long offset, BlobRead src, long srcOffset, long length) throws IOException;

  /** Sets the logical size; shrinking drops the bytes past it. */
  void resize(long newSize) throws IOException;

  /** An immutable, durable version holding every write that returned before the call. O(1). */
  BlobVersion snapshot() throws IOException;

  /** Durable all writes to this blob that returned before the call (group commit). */
  void sync() throws IOException;
}
