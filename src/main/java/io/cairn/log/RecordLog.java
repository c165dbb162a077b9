package io.cairn.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * An append-only log of checksummed records in segment files on a {@link io.cairn.medium.Medium}.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Append</b> assigns the next global sequence number, copies the payload (the caller may
 *       reuse its buffer on return) and returns the record's locator. The record is readable
 *       through {@link #read} as soon as {@code append} returns, but durable only after a {@link
 *       #sync()} that started after it.
 *   <li><b>Group commit</b>: {@link #sync()} returns once every record appended before the call is
 *       on stable storage. Concurrent callers share physical syncs; a sync never waits for appends
 *       that started after it.
 *   <li><b>Checksums</b>: every header and every payload page (4 KiB) carries a CRC32C. {@link
 *       #read} verifies the pages it touches and throws {@link CorruptRecordException} on a
 *       mismatch; it never returns unverified bytes.
 *   <li><b>Recovery</b>: opening a log after a crash keeps every synced record and drops the torn
 *       or unsynced tail of the segment that was being appended to (the first record there that is
 *       truncated or fails its CRC ends it; nothing is ever appended after it). In every other
 *       segment a CRC failure is corruption: it is reported ({@link CorruptRecordException} from
 *       open, read or scan), never silently dropped.
 *   <li><b>Rolling</b>: when the active segment reaches the configured size the next append goes
 *       to a new segment; records never span segments.
 *   <li><b>Thread safety</b>: all methods are safe for concurrent use.
 * </ul>
 */
public interface RecordLog extends Closeable {

  /** Largest payload one record may carry; larger writes are split by the caller. */
  int MAX_PAYLOAD = 8 << 20;

  /**
   * Appends a record. {@code payload}'s remaining bytes become the payload ({@code payloadLength}
   * in the header). Returns where it went.
   */
  Locator append(RecordKind kind, long owner, long logicalOffset, long logicalLength, ByteBuffer payload)
      throws IOException;

  /** The sequence number the last append received (0 if none). */
  long lastSequence();

  /** Durable all records appended before the call (group commit). */
  void sync() throws IOException;

  /**
   * Reads {@code dst.remaining()} bytes of a record's payload starting {@code offsetInPayload}
   * bytes into it, verifying the CRC of every page touched, and advances {@code dst}'s position to
   * its limit. Throws {@link CorruptRecordException} if the bytes or the header fail their CRC or
   * no record of that payload length starts at the locator (its content of {@code dst} is then
   * unspecified), {@link java.nio.file.NoSuchFileException} if the segment no longer exists (it
   * was compacted), and {@link IllegalArgumentException} if the range is outside the payload.
   */
  void read(Locator at, long offsetInPayload, ByteBuffer dst) throws IOException;

  /** Reads and verifies a record's header. */
  RecordHeader header(Locator at) throws IOException;

  /**
   * Visits every valid record of every segment, in segment order and offset order; records appended
   * during the scan may or may not be visited. The same record (same header, same sequence) may be
   * visited twice at two locators: compaction copies live records forward before it deletes the
   * old segment, and a crash or a concurrent scan can see both copies. Visitors must tolerate such
   * duplicates (for example by keeping, per sequence number, whichever copy they saw last). Throws
   * {@link CorruptRecordException} at a record that fails its CRC.
   */
  void scan(RecordVisitor visitor) throws IOException;

  /**
   * Visits the valid records of segments whose maxSequence is above {@code afterSequence}, as
   * {@link #scan} does (duplicates included); records at or below it may be among them.
   */
  void scanAfter(long afterSequence, RecordVisitor visitor) throws IOException;

  List<SegmentInfo> segments() throws IOException;

  /**
   * Copies the live records of a sealed segment forward and deletes it (see {@link LiveRecords}
   * for the order of events). Returns the number of bytes reclaimed. Throws {@link
   * IllegalStateException} for the active segment and {@link java.nio.file.NoSuchFileException}
   * for an unknown one; if any step throws, the segment is kept (copies already made stay as
   * harmless duplicates).
   */
  long compact(long segmentId, LiveRecords owner) throws IOException;
}
