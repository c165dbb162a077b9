package io.cairn.log;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The byte layout of one record, in the order it lies in a segment (all integers big-endian).
 *
 * <pre>
 *  offset  size  field
 *   0       4    magic 0x43524E52 ("CRNR")
 *   4       1    format version (2; records of version 1 are still read)
 *   5       1    kind code ({@link RecordKind#code()})
 *   6       2    reserved, 0
 *   8       8    owner
 *  16       8    logicalOffset
 *  24       8    logicalLength
 *  32       8    sequence
 *  40       4    payloadLength (0 .. RecordLog.MAX_PAYLOAD)
 *  44       4    header CRC32C over the segment id (8 bytes; version 2 only), bytes [0, 44)
 *                and the page CRC table
 *  48     4*P    page CRC table: CRC32C of each 4 KiB payload page, P = ceil(payloadLength / 4096)
 *  48+4P    n    payload
 * </pre>
 *
 * <p>Why a CRC per page: a reader of a few KiB inside a large record reads and verifies the header
 * and table plus only the pages it touches, never the whole payload. The header CRC covers the
 * table, so a verified header vouches for every page CRC; a page whose bytes do not match its
 * table entry is corruption. Nothing else is needed to find a record: a {@link Locator}'s payload
 * length gives the header and table sizes, so a read can fetch header, table and pages at once.
 *
 * <p>Why the header CRC covers the segment id, which the record does not store: a segment file may
 * be recycled (see {@link SegmentLog}), written again from offset 0 under a new id over the bytes
 * of its earlier life. Past the new tail those old records are intact, and at a record boundary
 * one would pass every other check; under the new id its header CRC fails, so a recovery scan
 * ends at the real tail. Version 1 records (written before recycling existed) have no id in their
 * CRC; a segment holding them is never recycled.
 *
 * <p>All methods work on absolute indexes of buffers the caller owns exclusively; they move the
 * buffer's position and limit only transiently (no slices, so the hot path does not allocate).
 */
final class RecordFormat {
  static final int MAGIC = 0x43524E52;
  static final byte VERSION = 2;
  /** The version before the segment id went into the header CRC. */
  static final byte VERSION_1 = 1;
  static final int HEADER_SIZE = 48;
  static final int CRC_AT = 44;
  static final int PAGE = 4096;
  static final int MAX_PREFIX = prefixSize(RecordLog.MAX_PAYLOAD);

  private RecordFormat() {}

  static int pages(int payloadLength) {
    return (payloadLength + PAGE - 1) / PAGE;
  }

  /** Header plus page CRC table. */
  static int prefixSize(int payloadLength) {
    return HEADER_SIZE + 4 * pages(payloadLength);
  }

  static long recordSize(int payloadLength) {
    return (long) prefixSize(payloadLength) + payloadLength;
  }

  /**
   * Writes a whole record's prefix for the payload already at {@code at + prefixSize(length)}:
   * page CRCs computed from those bytes, header fields, header CRC.
   */
  static void encodePrefix(
      ByteBuffer buf, int at, long segmentId, RecordKind kind, long owner, long logicalOffset,
      long logicalLength, long sequence, int payloadLength, CRC32C crc) {
    int table = at + HEADER_SIZE;
    int payload = table + 4 * pages(payloadLength);
    for (int page = 0, off = 0; off < payloadLength; page++, off += PAGE) {
      buf.putInt(table + 4 * page, crcOf(crc, buf, payload + off, Math.min(PAGE, payloadLength - off)));
    }
    encodeHeader(buf, at, segmentId, kind, owner, logicalOffset, logicalLength, sequence, payloadLength, crc);
  }

  /** Writes header fields and the header CRC, the page CRC table being already in place. */
  static void encodeHeader(
      ByteBuffer buf, int at, long segmentId, RecordKind kind, long owner, long logicalOffset,
      long logicalLength, long sequence, int payloadLength, CRC32C crc) {
    buf.putInt(at, MAGIC);
    buf.put(at + 4, VERSION);
    buf.put(at + 5, (byte) kind.code());
    buf.putShort(at + 6, (short) 0);
    buf.putLong(at + 8, owner);
    buf.putLong(at + 16, logicalOffset);
    buf.putLong(at + 24, logicalLength);
    buf.putLong(at + 32, sequence);
    buf.putInt(at + 40, payloadLength);
    buf.putInt(at + CRC_AT, headerCrc(buf, at, VERSION, segmentId, payloadLength, crc));
  }

  private static int headerCrc(ByteBuffer buf, int at, byte version, long segmentId, int payloadLength, CRC32C crc) {
    crc.reset();
    if (version != VERSION_1) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        crc.update((int) (segmentId >>> shift));
      }
    }
    update(crc, buf, at, CRC_AT);
    update(crc, buf, at + HEADER_SIZE, 4 * pages(payloadLength));
    return (int) crc.getValue();
  }

  /**
   * Checks the fixed header fields at {@code at} that can be checked before the table is read and
   * returns the payload length; throws if they cannot belong to a record.
   */
  static int checkFixedHeader(ByteBuffer buf, int at, String where) throws CorruptRecordException {
    if (buf.getInt(at) != MAGIC) {
      throw new CorruptRecordException("no record at " + where + ": bad magic");
    }
    byte version = buf.get(at + 4);
    if (version != VERSION && version != VERSION_1) {
      throw new CorruptRecordException("unknown record format version " + buf.get(at + 4) + " at " + where);
    }
    int length = buf.getInt(at + 40);
    if (length < 0 || length > RecordLog.MAX_PAYLOAD) {
      throw new CorruptRecordException("bad payload length " + length + " at " + where);
    }
    return length;
  }

  /**
   * Verifies header and page table (the whole prefix must be in {@code buf}) of a record of segment
   * {@code segmentId} and decodes it.
   */
  static RecordHeader verifyPrefix(ByteBuffer buf, int at, long segmentId, String where, CRC32C crc)
      throws CorruptRecordException {
    int length = checkFixedHeader(buf, at, where);
    if (buf.getInt(at + CRC_AT) != headerCrc(buf, at, buf.get(at + 4), segmentId, length, crc)) {
      throw new CorruptRecordException("header checksum mismatch at " + where);
    }
    RecordKind kind;
    try {
      kind = RecordKind.of(buf.get(at + 5));
    } catch (IllegalArgumentException e) {
      throw new CorruptRecordException("unknown record kind " + buf.get(at + 5) + " at " + where);
    }
    return new RecordHeader(
        kind, buf.getLong(at + 8), buf.getLong(at + 16), buf.getLong(at + 24), buf.getLong(at + 32), length);
  }

  /** The CRC the table at {@code tableAt} records for {@code page}. */
  static int pageCrc(ByteBuffer buf, int tableAt, int page) {
    return buf.getInt(tableAt + 4 * page);
  }

  static void verifyPage(ByteBuffer buf, int from, int len, int expected, CRC32C crc, Object where, int page)
      throws CorruptRecordException {
    if (crcOf(crc, buf, from, len) != expected) {
      throw new CorruptRecordException("payload checksum mismatch in page " + page + " of record at " + where);
    }
  }

  static int crcOf(CRC32C crc, ByteBuffer buf, int from, int len) {
    crc.reset();
    update(crc, buf, from, len);
    return (int) crc.getValue();
  }

  private static void update(CRC32C crc, ByteBuffer buf, int from, int len) {
    int position = buf.position();
    int limit = buf.limit();
    buf.limit(buf.capacity()).position(from).limit(from + len);
    crc.update(buf);
    buf.limit(limit).position(position);
  }
}
