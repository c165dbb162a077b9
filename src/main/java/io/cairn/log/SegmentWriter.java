package io.cairn.log;

import io.cairn.medium.AppendFile;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The write side of a {@link SegmentLog}: the active segment, its write buffer, rolling. Not
 * thread-safe: every method runs under the log's append lock. After an {@link IOException} from
 * it the bytes in the medium are unknown, so the log stops appending (fail-stop).
 *
 * <p>Appends copy the payload into one direct buffer and compute the page CRCs from that copy: a
 * memcpy and a CRC pass, no syscall, no allocation. The buffer goes to the medium in one append
 * when full or when a sync needs it; a record larger than the buffer goes out directly. Bytes still
 * in the buffer are served to readers by {@link #copyTail}, under the same lock, which is what
 * keeps the buffer from being reused under a reader.
 *
 * <p>A roll flushes and syncs the old segment, writes and syncs its seal, and only then creates the
 * next segment (the recovery rules in {@link SegmentRecovery} depend on that order), over a spare's
 * blocks when there is one ({@link SpareSegments}). Those syncs
 * are slow, so a roll runs in three steps and the log releases its lock during the middle one:
 * {@link #beginRoll} (locked: flush, nothing can be appended until the roll ends), {@link
 * Roll#run} (unlocked: sync, seal, create), {@link #finishRoll} (locked: switch). Meanwhile a
 * commit may sync the old file (it is still {@link #activeFile()}) and readers read it from the
 * medium. The old file is closed later by a committer ({@link #takeRetired}), since a commit may
 * still be syncing it.
 */
final class SegmentWriter {
  private final Medium medium;
  private final SegmentLogConfig config;
  private final Map<Long, Segment> segments;
  private final SpareSegments spares;
  private final ByteBuffer buffer;
  private final ByteBuffer flushView;
  private final ByteBuffer largePrefix = ByteBuffer.allocateDirect(RecordFormat.MAX_PREFIX);
  private final CRC32C crc = new CRC32C();
  private final List<AppendFile> retired = new ArrayList<>();
  /** Null until the first append after open, so that opening a log writes nothing. */
  private Segment active;
  private long nextSegmentId;
  private volatile long rolls;
  private volatile long recordBytes;

  SegmentWriter(Medium medium, SegmentLogConfig config, Map<Long, Segment> segments, SpareSegments spares,
      long nextSegmentId) {
    this.medium = medium;
    this.config = config;
    this.segments = segments;
    this.spares = spares;
    this.nextSegmentId = nextSegmentId;
    this.buffer = ByteBuffer.allocateDirect(config.writeBufferSize());
    this.flushView = buffer.duplicate();
  }

  /** Places one record at the end of the active segment. */
  Locator append(
      RecordKind kind, long owner, long logicalOffset, long logicalLength, long sequence, ByteBuffer payload)
      throws IOException {
    int length = payload.remaining();
    int prefix = RecordFormat.prefixSize(length);
    long size = prefix + (long) length;
    if (active == null) {
      // Never after a recovered tail: every open appends to a segment of its own.
      active = startSegment();
    } else if (needsRoll(length)) {
      throw new IllegalStateException("append of " + length + " bytes needs a roll first");
    }
    Segment segment = active;
    long offset = segment.end();
    if (size <= buffer.capacity()) {
      if (size > buffer.remaining()) {
        flush();
      }
      int at = buffer.position();
      buffer.put(at + prefix, payload, payload.position(), length);
      RecordFormat.encodePrefix(buffer, at, segment.id, kind, owner, logicalOffset, logicalLength, sequence, length, crc);
      buffer.position(at + (int) size);
    } else {
      flush();
      appendDirect(kind, owner, logicalOffset, logicalLength, sequence, payload);
    }
    segment.appended(sequence, size);
    recordBytes += size;
    return new Locator(segment.id, offset, length);
  }

  private void appendDirect(
      RecordKind kind, long owner, long logicalOffset, long logicalLength, long sequence, ByteBuffer payload)
      throws IOException {
    int length = payload.remaining();
    ByteBuffer src = payload.duplicate();
    largePrefix.clear();
    for (int page = 0, off = 0; off < length; page++, off += RecordFormat.PAGE) {
      int pageCrc = RecordFormat.crcOf(crc, src, payload.position() + off, Math.min(RecordFormat.PAGE, length - off));
      largePrefix.putInt(RecordFormat.HEADER_SIZE + 4 * page, pageCrc);
    }
    RecordFormat.encodeHeader(largePrefix, 0, active.id, kind, owner, logicalOffset, logicalLength, sequence, length, crc);
    largePrefix.limit(RecordFormat.prefixSize(length)).position(0);
    active.file.append(largePrefix);
    active.file.append(src);
    active.file.flush();
    active.flushed(RecordFormat.recordSize(length));
  }

  /** Moves the buffered records to the medium and makes them visible to readers there. */
  void flush() throws IOException {
    int n = buffer.position();
    if (n == 0) {
      return;
    }
    // The buffer keeps its position until the bytes are in the medium, so a failed append leaves
    // every buffered record readable.
    flushView.clear().limit(n);
    active.file.append(flushView);
    active.file.flush();
    buffer.clear();
    active.flushed(n);
  }

  /** Whether a record of {@code payloadLength} bytes must go to a new segment (roll first). */
  boolean needsRoll(int payloadLength) {
    return active != null && active.end() > 0
        && active.end() + RecordFormat.recordSize(payloadLength) > config.segmentSize();
  }

  /**
   * The locked first step of a roll: the old segment's records go to the medium. Returns the work
   * to run without the lock; no append may happen until {@link #finishRoll}.
   */
  Roll beginRoll() throws IOException {
    flush();
    return new Roll(active, nextSegmentId++);
  }

  /** The unlocked step: makes the old segment durable, seals it, creates the next one. */
  final class Roll {
    private final Segment old;
    private final long nextId;
    private SegmentSeal seal;
    private AppendFile next;

    private Roll(Segment old, long nextId) {
      this.old = old;
      this.nextId = nextId;
    }

    void run() throws IOException {
      // The seal promises these bytes to recovery, so they must be durable before it exists; and
      // the next segment may exist only once the seal is durable.
      old.file.sync();
      seal = old.summary();
      seal.write(medium, Segment.sealName(old.id));
      next = spares.create(nextId);
    }
  }

  /** The locked last step of a roll that {@link Roll#run ran} without error. */
  void finishRoll(Roll roll) {
    roll.old.seal(roll.seal);
    retired.add(roll.old.file);
    roll.old.file = null;
    Segment s = Segment.active(medium, roll.nextId, roll.next);
    segments.put(s.id, s);
    active = s;
    rolls++;
  }

  private Segment startSegment() throws IOException {
    long id = nextSegmentId++;
    Segment s = Segment.active(medium, id, spares.create(id));
    segments.put(id, s);
    return s;
  }

  /**
   * For a read of {@code segment[position, position + len)}: copies the part still in the write
   * buffer to {@code buf} from {@code index + k} and returns {@code k}, the length of the leading
   * part that is in the medium.
   */
  int copyTail(Segment segment, long position, ByteBuffer buf, int index, int len) throws CorruptRecordException {
    long fileEnd = segment.fileEnd();
    if (position + len <= fileEnd) {
      return len;
    }
    if (segment != active || position + len > segment.end()) {
      throw new CorruptRecordException("no record at " + segment.id + "@" + position + ": past the end of the segment");
    }
    int fromFile = (int) Math.max(0, fileEnd - position);
    buf.put(index + fromFile, buffer, (int) (Math.max(position, fileEnd) - fileEnd), len - fromFile);
    return fromFile;
  }

  /** The file a commit must sync, or null if nothing was appended since open. */
  AppendFile activeFile() {
    return active == null ? null : active.file;
  }

  /** Files of segments sealed since the last call; synced already, to be closed by a committer. */
  List<AppendFile> takeRetired() {
    if (retired.isEmpty()) {
      return List.of();
    }
    List<AppendFile> files = new ArrayList<>(retired);
    retired.clear();
    return files;
  }

  /** For a clean close: makes the active segment durable and seals it, so no open rescans it. */
  void sealActive() throws IOException {
    if (active != null && !active.isSealed()) {
      flush();
      active.file.sync();
      SegmentSeal seal = active.summary();
      seal.write(medium, Segment.sealName(active.id));
      active.seal(seal);
    }
  }

  /** Every file still open for appending, handed over to be closed. */
  List<AppendFile> release() {
    List<AppendFile> files = new ArrayList<>(takeRetired());
    if (active != null && active.file != null) {
      files.add(active.file);
      active.file = null;
    }
    return files;
  }

  long rolls() {
    return rolls;
  }

  long recordBytes() {
    return recordBytes;
  }
}
