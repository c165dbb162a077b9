package io.cairn.log;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where the bytes of a segment come from: the medium, or the log's write buffer for its tail. */
@FunctionalInterface
interface SegmentBytes {

  /**
   * Copies {@code len} bytes of {@code segment} starting at {@code position} into {@code
   * buf[index, index + len)}. Throws {@link CorruptRecordException} if the range is past the
   * segment's end.
   */
  void fetch(Segment segment, long position, ByteBuffer buf, int index, int len) throws IOException;
}
