package io.cairn.log;

import static io.cairn.log.RecordFormat.HEADER_SIZE;
import static io.cairn.log.RecordFormat.PAGE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.CRC32C;

/**
 * Random reads of record payloads: fetches the header and page table plus only the pages a read
 * touches, verifies them, then copies the requested bytes out. Once a record's header is verified
 * its page table is kept ({@link PageTableCache}) and later reads fetch only their pages. Thread-safe; scratch buffers come
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
  private final PageTableCache tables = new PageTableCache();

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
      int[] table = tables.get(at);
      if (table != null) {
        // The header was verified before; fetch only the touched pages.
        int chunk = buf.capacity() / PAGE * PAGE;
        for (int from = pagesFrom; from < pagesTo; from += chunk) {
          int to = Math.min(pagesTo, from + chunk);
          source.fetch(segment, at.offset() + prefix + from, buf, 0, to - from);
          copyVerified(buf, -from, table, at, from, to, off, dst, crc);
        }
      } else if (pagesFrom <= ONE_READ_GAP && prefix + pagesTo <= buf.capacity()) {
        source.fetch(segment, at.offset(), buf, 0, prefix + pagesTo);
        table = verifyHeader(buf, at, crc);
        copyVerified(buf, prefix, table, at, pagesFrom, pagesTo, off, dst, crc);
      } else {
        source.fetch(segment, at.offset(), buf, 0, prefix);
        table = verifyHeader(buf, at, crc);
        int chunk = (buf.capacity() - prefix) / PAGE * PAGE;
        for (int from = pagesFrom; from < pagesTo; from += chunk) {
          int to = Math.min(pagesTo, from + chunk);
          source.fetch(segment, at.offset() + prefix + from, buf, prefix, to - from);
          copyVerified(buf, prefix - from, table, at, from, to, off, dst, crc);
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
      RecordHeader header = RecordFormat.verifyPrefix(buf, 0, at.segment(), at.toString(), new CRC32C());
      checkLength(header, at);
      return header;
    } finally {
      give(buf);
    }
  }

  /** Verifies the prefix at the start of {@code buf}, remembers its page table and returns it. */
  private int[] verifyHeader(ByteBuffer buf, Locator at, CRC32C crc) throws CorruptRecordException {
    RecordHeader header = RecordFormat.verifyPrefix(buf, 0, at.segment(), at.toString(), crc);
    checkLength(header, at);
    int[] table = new int[RecordFormat.pages(at.payloadLength())];
    for (int page = 0; page < table.length; page++) {
      table[page] = RecordFormat.pageCrc(buf, HEADER_SIZE, page);
    }
    tables.put(at, table);
    return table;
  }

  private static void checkLength(RecordHeader header, Locator at) throws CorruptRecordException {
    if (header.payloadLength() != at.payloadLength()) {
      throw new CorruptRecordException(
          "record at " + at + " has a payload of " + header.payloadLength() + " bytes, not " + at.payloadLength());
    }
  }

  /**
   * Verifies the pages holding payload bytes {@code [from, to)}, found at {@code buf[base + from,
   * base + to)}, against their verified CRCs in {@code table}, then copies the part of them that
   * the caller asked for (payload bytes from {@code off}) to its place in {@code dst}.
   */
  private static void copyVerified(
      ByteBuffer buf, int base, int[] table, Locator at, int from, int to, int off, ByteBuffer dst, CRC32C crc)
      throws CorruptRecordException {
    int length = at.payloadLength();
    for (int pageStart = from; pageStart < to; pageStart += PAGE) {
      int page = pageStart / PAGE;
      int expected = table[page];
      // The locator, not its text: formatting it per page cost more than the CRC of a 4 KiB page.
      RecordFormat.verifyPage(buf, base + pageStart, Math.min(PAGE, length - pageStart), expected, crc, at, page);
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
