package io.cairn.log;

import static io.cairn.log.RecordFormat.HEADER_SIZE;
import static io.cairn.log.RecordFormat.PAGE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads a segment front to back through a sliding window, verifying every header and every payload
 * page. Used for recovery (tolerant: the first invalid record ends the segment), for {@link
 * RecordLog#scan} and for compaction (strict: an invalid record is corruption). Not thread-safe;
 * one scanner per scan.
 */
final class RecordScanner {

  /** What a scan found: valid records end at {@code validEnd}; {@code tornReason} says why it stopped early. */
  record Result(long validEnd, long records, long minSequence, long maxSequence, String tornReason) {}

  private final SegmentBytes source;
  private final ByteBuffer window;
  private final int[] table = new int[RecordFormat.pages(RecordLog.MAX_PAYLOAD)];
  private final CRC32C crc = new CRC32C();
  private Segment segment;
  private long end;
  private long windowStart;
  private int windowLength;

  RecordScanner(SegmentBytes source, int windowSize) {
    this.source = source;
    this.window = ByteBuffer.allocateDirect(Math.max(windowSize, RecordFormat.MAX_PREFIX));
  }

  /**
   * Visits the records in {@code [0, end)} of {@code segment}. Strict: throws {@link
   * CorruptRecordException} at an invalid record. Tolerant: stops there and reports where.
   */
  Result scan(Segment segment, long end, boolean tolerant, RecordVisitor visitor) throws IOException {
    this.segment = segment;
    this.end = end;
    this.windowLength = 0;
    long pos = 0;
    long records = 0;
    long min = Long.MAX_VALUE;
    long max = -1;
    while (pos < end) {
      RecordHeader header;
      try {
        header = next(pos);
      } catch (CorruptRecordException e) {
        if (!tolerant) {
          throw e;
        }
        return new Result(pos, records, min, max, e.getMessage());
      }
      visitor.visit(header, new Locator(segment.id, pos, header.payloadLength()));
      records++;
      min = Math.min(min, header.sequence());
      max = Math.max(max, header.sequence());
      pos += RecordFormat.recordSize(header.payloadLength());
    }
    return new Result(pos, records, min, max, null);
  }

  private RecordHeader next(long pos) throws IOException {
    String where = segment.id + "@" + pos;
    if (end - pos < HEADER_SIZE) {
      throw new CorruptRecordException("truncated header at " + where);
    }
    int length = RecordFormat.checkFixedHeader(window, ensure(pos, HEADER_SIZE), where);
    int prefix = RecordFormat.prefixSize(length);
    if (pos + prefix + length > end) {
      throw new CorruptRecordException("truncated record at " + where);
    }
    int at = ensure(pos, prefix);
    RecordHeader header = RecordFormat.verifyPrefix(window, at, segment.id, where, crc);
    int pages = RecordFormat.pages(length);
    for (int p = 0; p < pages; p++) {
      // The window may slide while the payload is read, so keep the verified table apart.
      table[p] = RecordFormat.pageCrc(window, at + HEADER_SIZE, p);
    }
    long payload = pos + prefix;
    for (int p = 0; p < pages; p++) {
      int len = Math.min(PAGE, length - p * PAGE);
      RecordFormat.verifyPage(window, ensure(payload + (long) p * PAGE, len), len, table[p], crc, where, p);
    }
    return header;
  }

  /** Index in the window of segment byte {@code pos}, with {@code len <= window size} bytes there. */
  private int ensure(long pos, int len) throws IOException {
    if (windowLength > 0 && pos >= windowStart && pos + len <= windowStart + windowLength) {
      return (int) (pos - windowStart);
    }
    int n = (int) Math.min(window.capacity(), end - pos);
    source.fetch(segment, pos, window, 0, n);
    windowStart = pos;
    windowLength = n;
    return 0;
  }
}
