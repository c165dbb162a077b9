package io.cairn.blob;

import io.cairn.log.RecordLog;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Reads a range of an extent map: holes as zeros, mapped ranges through the log (CRC-verified). */
final class ContentReader {

  private static final byte[] ZEROS = new byte[64 * 1024];

  private ContentReader() {}

  /** Fills {@code dst} with [offset, offset + dst.remaining()); the caller checked the size. */
  static void read(RecordLog log, ExtentMap map, long offset, ByteBuffer dst) throws IOException {
    long pos = offset;
    long end = offset + dst.remaining();
    for (ExtentMap.Entry e : map.slice(offset, end)) {
      zeros(dst, e.offset() - pos);
      int n = (int) e.length();
      ByteBuffer part = dst.slice(dst.position(), n);
      log.read(e.locator(), e.payloadOffset(), part);
      dst.position(dst.position() + n);
      pos = e.end();
    }
    zeros(dst, end - pos);
  }

  private static void zeros(ByteBuffer dst, long n) {
    while (n > 0) {
      int k = (int) Math.min(n, ZEROS.length);
      dst.put(ZEROS, 0, k);
      n -= k;
    }
  }
}
