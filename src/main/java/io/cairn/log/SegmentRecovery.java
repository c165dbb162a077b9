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
 *
 * <p>A seal without its segment is either left by a crash between compaction's two deletes, or kept
 * on purpose by {@link SegmentLog} as the <em>sequence floor</em>: the seal of a compacted segment
 * that held the log's highest sequence, so that a reopened log never gives those numbers out
 * again. The seal with the highest sequence is kept while no segment goes above it; the others go.
 */
final class SegmentRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);
  private static final Pattern LOG_NAME = Pattern.compile("seg-(\\d{16})\\.log");
  private static final Pattern SEAL_NAME = Pattern.compile("seg-(\\d{16})\\.seal");

  private SegmentRecovery() {}

  /**
   * What a log finds at open: its segments, oldest first, all sealed; and the sequence floor, the
   * seal of a compacted segment whose sequences are above every segment's (null if none is).
   */
  record Recovered(List<Segment> segments, SegmentSeal floor) {
    /** The highest sequence the log ever gave out that a reopened log must continue above. */
    long maxSequence() {
      long max = floor == null ? 0 : floor.maxSequence();
      for (Segment s : segments) {
        max = Math.max(max, s.maxSequence());
      }
      return max;
    }

    /** Highest segment id in use (the floor's included), so that ids are never reused. */
    long highestId() {
      long highest = floor == null ? 0 : floor.segment();
      return segments.isEmpty() ? highest : Math.max(highest, segments.get(segments.size() - 1).id);
    }
  }

  static Recovered recover(Medium medium, RecordScanner scanner) throws IOException {
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
    return new Recovered(segments, floor(medium, logs, seals, segments));
  }

  /** Keeps the orphan seal with the highest sequence if no segment goes above it; deletes the rest. */
  private static SegmentSeal floor(Medium medium, TreeSet<Long> logs, TreeSet<Long> seals,
      List<Segment> segments) throws IOException {
    long segmentsMax = new Recovered(segments, null).maxSequence();
    SegmentSeal floor = null;
    for (long id : seals) {
      if (logs.contains(id)) {
        continue;
      }
      SegmentSeal seal = SegmentSeal.read(medium, Segment.sealName(id), id);
      if (seal == null) {
        LOG.warn("seal of compacted segment {} is torn or not its own, deleting it", id);
      } else if (seal.maxSequence() > segmentsMax
          && (floor == null || seal.maxSequence() > floor.maxSequence())) {
        if (floor != null) {
          medium.delete(Segment.sealName(floor.segment()));
        }
        floor = seal;
        continue;
      }
      medium.delete(Segment.sealName(id));
    }
    return floor;
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
}
