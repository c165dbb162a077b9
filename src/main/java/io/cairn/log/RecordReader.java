package io.cairn.log;

import static io.cairn.log.RecordFormat.HEADER_SIZE;
import static io.cairn.log.RecordFormat.PAGE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.CRC32C;

/**
 * Random reads of record payloads: fetches the header and page table plus only the pages a read
 * touches, verifies them, then copies the requested bytes out. Thread-safe; scratch buffers come
 * from a small pool so that reads do not allocate direct memory each time.
 */
final class RecordReader {
  /** Payload bytes fetched per medium read for large reads. */
  static final int CHUNK = 256 << 10;
  /** Up to this many unneeded payload bytes are fetched to save a second read of the header. */
  private static final int ONE_READ_GAP = 32 << 10;
  private static final int POOLED = 64;

  private final SegmentBytes source;
  private final ArrayBlockingQueue<ByteBuffer> scratch = new ArrayBlockingQueue<>(POOLED);

  RecordReader(SegmentBytes source) {
    this.source = source;
  }

  void read(Segment segment, Locator at, long offsetInPayload, ByteBuffer dst) throws IOException {
    int length = at.payloadLength();
    int n = dst.remaining();
    if (offsetInPayload < 0 || offsetInPayload > length - n) {
      throw new IllegalArgumentException(
          "read of " + n + " bytes at " + offsetInPayload + " outside the payload of " + at);
    }
    int prefix = RecordFormat.prefixSize(length);
    int off = (int) offsetInPayload;
    int pagesFrom = off / PAGE * PAGE;
    int pagesTo = n == 0 ? pagesFrom : Math.min(ceilPage(off + n), length);
    ByteBuffer buf = take();
    try {
      CRC32C crc = new CRC32C();
      if (pagesFrom <= ONE_READ_GAP && prefix + pagesTo <= buf.capacity()) {
        source.fetch(segment, at.offset(), buf, 0, prefix + pagesTo);
        verifyHeader(buf, at, crc);
        copyVerified(buf, prefix, at, pagesFrom, pagesTo, off, dst, crc);
      } else {
        source.fetch(segment, at.offset(), buf, 0, prefix);
        verifyHeader(buf, at, crc);
        int chunk = (buf.capacity() - prefix) / PAGE * PAGE;
        for (int from = pagesFrom; from < pagesTo; from += chunk) {
          int to = Math.min(pagesTo, from + chunk);
          source.fetch(segment, at.offset() + prefix + from, buf, prefix, to - from);
          copyVerified(buf, prefix - from, at, from, to, off, dst, crc);
        }
      }
      dst.position(dst.position() + n);
    } finally {
      give(buf);
    }
  }

  RecordHeader header(Segment segment, Locator at) throws IOException {
    ByteBuffer buf = take();
    try {
      source.fetch(segment, at.offset(), buf, 0, RecordFormat.prefixSize(at.payloadLength()));
      return verifyHeader(buf, at, new CRC32C());
    } finally {
      give(buf);
    }
  }

  private static RecordHeader verifyHeader(ByteBuffer buf, Locator at, CRC32C crc) throws CorruptRecordException {
    RecordHeader header = RecordFormat.verifyPrefix(buf, 0, at.toString(), crc);
    if (header.payloadLength() != at.payloadLength()) {
      throw new CorruptRecordException(
          "record at " + at + " has a payload of " + header.payloadLength() + " bytes, not " + at.payloadLength());
    }
    return header;
  }

  /**
   * Verifies the pages holding payload bytes {@code [from, to)}, found at {@code buf[base + from,
   * base + to)}, against the table at the start of {@code buf}, then copies the part of them that
   * the caller asked for (payload bytes from {@code off}) to its place in {@code dst}.
   */
  private static void copyVerified(
      ByteBuffer buf, int base, Locator at, int from, int to, int off, ByteBuffer dst, CRC32C crc)
      throws CorruptRecordException {
    int length = at.payloadLength();
    for (int pageStart = from; pageStart < to; pageStart += PAGE) {
      int page = pageStart / PAGE;
      int expected = RecordFormat.pageCrc(buf, HEADER_SIZE, page);
      RecordFormat.verifyPage(buf, base + pageStart, Math.min(PAGE, length - pageStart), expected, crc, at.toString(), page);
    }
    int start = Math.max(from, off);
    int stop = Math.min(to, off + dst.remaining());
    if (stop > start) {
      dst.put(dst.position() + (start - off), buf, base + start, stop - start);
    }
  }

  private static int ceilPage(int bytes) {
    return (bytes + PAGE - 1) / PAGE * PAGE;
  }

  private ByteBuffer take() {
    ByteBuffer b = scratch.poll();
    return b != null ? b.clear() : ByteBuffer.allocateDirect(RecordFormat.MAX_PREFIX + CHUNK);
  }

  private void give(ByteBuffer b) {
    scratch.offer(b);
  }
}
