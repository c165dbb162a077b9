package io.cairn.log;

import io.cairn.medium.AppendFile;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files of compacted segments kept for reuse ({@code spare-<16-digit id>.log}), as RocksDB
 * recycles its log files: a new segment is written over a spare's blocks instead of new ones.
 *
 * <p>Why: writing over blocks a file already has is much cheaper than allocating new ones. The
 * file system allocates no extents, so an {@code fdatasync} has no metadata to commit (fio on this
 * project's VM: 84-97 us for a 4 KiB write over a file, 200-218 us for one that appends). On a
 * thin-provisioned virtual disk mounted with {@code discard}, blocks freed by a delete are handed
 * back to the host, and writing new data to them runs at a fraction of the rate of writing over
 * blocks the file keeps (1 GiB with {@code dd conv=fsync}: 3.3 s to a new file, 0.28 s over an
 * existing one).
 *
 * <p>What makes it safe: a recycled file holds the records of its earlier life past the new tail.
 * Each record's header CRC covers the id of the segment it was written for ({@link RecordFormat}),
 * so after a crash the recovery scan of the new segment stops at its real tail. A segment whose
 * records predate that (format version 1) is deleted, never kept. A medium that cannot {@link
 * Medium#inPlace() write in place} (HDFS) keeps no spares. Thread safe.
 */
final class SpareSegments {
  /** Spares kept at most: 1 GiB of disk with the default 256 MiB segments. */
  static final int MAX = 4;

  private static final Pattern NAME = Pattern.compile("spare-(\\d{16})\\.log");

  private final Medium medium;
  private final Medium.InPlace inPlace; // null: this medium keeps no spares
  private final long maxFileBytes;
  private final Deque<Long> ids = new ArrayDeque<>();
  private long highestId; // of every spare this log has known: see highestId()

  private SpareSegments(Medium medium, long maxFileBytes) {
    this.medium = medium;
    this.inPlace = medium.inPlace().orElse(null);
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * The spares on {@code medium}: up to {@link #MAX} kept, the rest deleted, as are files longer
   * than a segment of {@code segmentSize} can be (left by a larger segment size earlier).
   */
  static SpareSegments load(Medium medium, long segmentSize) throws IOException {
    SpareSegments spares = new SpareSegments(medium, segmentSize + RecordFormat.recordSize(RecordLog.MAX_PAYLOAD));
    for (String name : medium.list()) {
      Matcher m = NAME.matcher(name);
      if (m.matches()) {
        long id = Long.parseLong(m.group(1));
        spares.highestId = Math.max(spares.highestId, id);
        if (spares.inPlace != null && spares.ids.size() < MAX && medium.length(name) <= spares.maxFileBytes) {
          spares.ids.add(id);
        } else {
          medium.delete(name);
        }
      }
    }
    return spares;
  }

  /**
   * The highest id a spare on the medium was named for. A new segment's id must be above it: a
   * spare holds records stamped with its id (and lower ones), and under a reused id they would
   * pass the header CRC again.
   */
  synchronized long highestId() {
    return highestId;
  }

  /** Whether {@link #keep} could take a segment now; if not, there is no need to look at it. */
  synchronized boolean wanted() {
    return inPlace != null && ids.size() < MAX;
  }

  static String name(long id) {
    return String.format("spare-%016d.log", id);
  }

  /**
   * The file for new segment {@code id}: a spare renamed to the segment's name and opened to be
   * written over from offset 0, or a new file when there is no spare.
   */
  AppendFile create(long id) throws IOException {
    Long spare;
    synchronized (this) {
      spare = ids.pollFirst();
    }
    if (spare == null) {
      return medium.create(Segment.logName(id));
    }
    try {
      inPlace.rename(name(spare), Segment.logName(id));
    } catch (NoSuchFileException gone) {
      return medium.create(Segment.logName(id)); // removed behind the log's back: a new file then
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        ids.addFirst(spare); // still there under its name, for the next open if not this log
      }
      throw e;
    }
    // If this throws, the segment's file exists with only old records in it: recovery deletes it.
    return inPlace.overwrite(Segment.logName(id));
  }

  /**
   * Takes the file of a compacted segment ({@code fileBytes} long) as a spare, renaming it, if
   * there is room and its records are of the current format, and deletes it otherwise. Returns
   * whether it was kept. {@code formatVersion} is that of its first record, 0 for an empty segment.
   */
  boolean retire(long segmentId, byte formatVersion, long fileBytes) throws IOException {
    if (!keep(segmentId, formatVersion, fileBytes)) {
      medium.delete(Segment.logName(segmentId));
      return false;
    }
    return true;
  }

  private boolean keep(long segmentId, byte formatVersion, long fileBytes) throws IOException {
    if (inPlace == null || formatVersion != RecordFormat.VERSION || fileBytes > maxFileBytes) {
      return false;
    }
    synchronized (this) {
      if (ids.size() >= MAX) {
        return false;
      }
      // Under the lock, so that two compactions never both take the last place.
      inPlace.rename(Segment.logName(segmentId), name(segmentId));
      ids.addLast(segmentId);
      highestId = Math.max(highestId, segmentId);
    }
    return true;
  }

  synchronized int count() {
    return ids.size();
  }
}
