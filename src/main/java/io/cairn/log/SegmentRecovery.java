package io.cairn.log;

import io.cairn.medium.Medium;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the segments of a log on its medium when it opens, and seals the one a crash left open.
 *
 * <p>Rules (see {@link SegmentSeal} for why they hold): every segment but the newest must have a
 * valid seal, else the log is corrupt. The newest may lack one (or have a torn one): it is scanned
 * and its valid records end at the first record that is torn, truncated or fails a CRC; the rest is
 * a tail no sync ever acknowledged, so it is dropped, and a seal recording the valid length is
 * written before the log creates any newer segment (a newest segment without one valid record is
 * deleted instead). Nothing is ever appended after that tail.
 */
final class SegmentRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);
  private static final Pattern LOG_NAME = Pattern.compile("seg-(\\d{16})\\.log");
  private static final Pattern SEAL_NAME = Pattern.compile("seg-(\\d{16})\\.seal");

  private SegmentRecovery() {}

  /** The log's segments, oldest first, all sealed. */
  static List<Segment> recover(Medium medium, RecordScanner scanner) throws IOException {
    TreeSet<Long> logs = new TreeSet<>();
    TreeSet<Long> seals = new TreeSet<>();
    for (String name : medium.list()) {
      Matcher m = LOG_NAME.matcher(name);
      if (m.matches()) {
        logs.add(Long.parseLong(m.group(1)));
      }
      m = SEAL_NAME.matcher(name);
      if (m.matches()) {
        seals.add(Long.parseLong(m.group(1)));
      }
    }
    for (long id : seals) {
      if (!logs.contains(id)) {
        // Compaction deletes the segment first and its seal second; a crash between leaves this.
        medium.delete(Segment.sealName(id));
      }
    }
    List<Segment> segments = new ArrayList<>();
    for (long id : logs) {
      boolean newest = id == logs.last();
      SegmentSeal seal = seals.contains(id) ? SegmentSeal.read(medium, Segment.sealName(id), id) : null;
      if (seal != null) {
        long length = medium.length(Segment.logName(id));
        if (length < seal.validLength()) {
          throw new CorruptRecordException("segment " + id + " has " + length
              + " bytes but its seal records " + seal.validLength());
        }
        segments.add(Segment.sealed(medium, seal));
      } else if (!newest) {
        throw new CorruptRecordException("segment " + id + " is not the newest but has no valid seal");
      } else {
        Segment tail = sealTail(medium, scanner, id, seals.contains(id));
        if (tail != null) {
          segments.add(tail);
        }
      }
    }
    return segments;
  }

  /** The newest segment, scanned and sealed at its valid end; null if it had no valid record (deleted). */
  private static Segment sealTail(Medium medium, RecordScanner scanner, long id, boolean tornSeal)
      throws IOException {
    if (tornSeal) {
      medium.delete(Segment.sealName(id));
    }
    long length = medium.length(Segment.logName(id));
    Segment segment = Segment.unsealed(medium, id, length);
    RecordScanner.Result r = scanner.scan(segment, length, true, (header, at) -> {});
    if (r.tornReason() != null) {
      LOG.warn("segment {}: dropping {} bytes of torn or unsynced tail at offset {} ({})",
          id, length - r.validEnd(), r.validEnd(), r.tornReason());
    }
    if (r.records() == 0) {
      // Nothing in it was ever synced. Sealed empty, its file would stay forever: compaction
      // weighs a segment by its valid bytes, and a file written over a spare keeps the old life's
      // length. No record of this id exists anywhere else, so the id may be given out again.
      LOG.warn("segment {}: no valid record in {} bytes, deleting it", id, length);
      segment.closeReaders();
      medium.delete(Segment.logName(id));
      return null;
    }
    SegmentSeal seal = new SegmentSeal(id, r.validEnd(), r.records(), r.minSequence(), r.maxSequence());
    seal.write(medium, Segment.sealName(id));
    segment.seal(seal);
    return segment;
  }

  /** Highest segment id in use, so that ids are never reused. */
  static long highestId(List<Segment> segments) {
    return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).id;
  }
}
