package io.cairn.log;

import io.cairn.medium.AppendFile;
import io.cairn.medium.Medium;
import io.cairn.medium.ReadFile;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The small file ({@code seg-<id>.seal}) that closes a segment: how many of its bytes are valid
 * records and what they hold. Written and synced when the log rolls past a segment, when it is
 * closed cleanly, and when recovery finds the segment's torn tail; always before any later segment
 * is created. So a segment without a valid seal can only be the newest one (the crash happened
 * while it was being written), and bytes past a seal's {@code validLength} are a tail that recovery
 * already dropped, never data.
 *
 * <pre>
 *  0  int  magic 0x4353454C ("CSEL")   4 byte version (1), 3 reserved
 *  8  long segment id    16 long validLength   24 long records
 * 32  long minSequence   40 long maxSequence   48 int  CRC32C of bytes [0, 48)
 * </pre>
 */
record SegmentSeal(long segment, long validLength, long records, long minSequence, long maxSequence) {
  static final int SIZE = 52;
  private static final int MAGIC = 0x4353454C;
  private static final byte VERSION = 1;

  SegmentInfo info() {
    return new SegmentInfo(segment, validLength, records, minSequence, maxSequence, true);
  }

  /** Creates {@code name} holding this seal and syncs it. */
  void write(Medium medium, String name) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(SIZE);
    buf.putInt(MAGIC).put(VERSION).put((byte) 0).putShort((short) 0);
    buf.putLong(segment).putLong(validLength).putLong(records).putLong(minSequence).putLong(maxSequence);
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, 48);
    buf.putInt((int) crc.getValue()).flip();
    try (AppendFile file = medium.create(name)) {
      file.append(buf);
      file.sync();
    }
  }

  /** Reads the seal {@code name} of segment {@code id}; null if it is torn or not this segment's. */
  static SegmentSeal read(Medium medium, String name, long id) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(SIZE);
    try (ReadFile file = medium.open(name)) {
      if (file.length() != SIZE) {
        return null;
      }
      file.readFully(0, buf);
    } catch (EOFException e) {
      return null;
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, 48);
    if (buf.getInt(0) != MAGIC || buf.get(4) != VERSION || buf.getInt(48) != (int) crc.getValue()
        || buf.getLong(8) != id || buf.getLong(16) < 0) {
      return null;
    }
    return new SegmentSeal(id, buf.getLong(16), buf.getLong(24), buf.getLong(32), buf.getLong(40));
  }
}
