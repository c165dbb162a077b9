package io.cairn.log;

import io.cairn.medium.AppendFile;
import io.cairn.medium.Medium;
import io.cairn.medium.ReadFile;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * One segment file and what the log knows of it. Its counters change only under the log's append
 * lock while it is active and never once it is sealed; they are volatile so that {@link
 * RecordLog#segments()} and readers see them without taking that lock.
 */
final class Segment {
  final long id;
  private final Medium medium;
  /** The file appended to; only while active, guarded by the log's append lock. */
  AppendFile file;

  /** Bytes of this segment a reader finds in the medium; the rest of {@link #end} is in memory. */
  private volatile long fileEnd;
  private volatile long end;
  private volatile long records;
  private volatile long minSequence = Long.MAX_VALUE;
  private volatile long maxSequence = -1;
  private volatile boolean sealed;

  private ReadFile reader;
  private final List<ReadFile> staleReaders = new ArrayList<>();
  /** Set before compaction closes the readers and deletes the file. */
  private volatile boolean deleted;

  private Segment(Medium medium, long id) {
    this.medium = medium;
    this.id = id;
  }

  static String logName(long id) {
    return String.format("seg-%016d.log", id);
  }

  static String sealName(long id) {
    return String.format("seg-%016d.seal", id);
  }

  static Segment active(Medium medium, long id, AppendFile file) {
    Segment s = new Segment(medium, id);
    s.file = file;
    return s;
  }

  /** A segment found on the medium without a seal, readable up to {@code length} for recovery. */
  static Segment unsealed(Medium medium, long id, long length) {
    Segment s = new Segment(medium, id);
    s.fileEnd = length;
    s.end = length;
    return s;
  }

  static Segment sealed(Medium medium, SegmentSeal seal) {
    Segment s = new Segment(medium, seal.segment());
    s.seal(seal);
    return s;
  }

  void seal(SegmentSeal seal) {
    fileEnd = seal.validLength();
    end = seal.validLength();
    records = seal.records();
    minSequence = seal.minSequence();
    maxSequence = seal.maxSequence();
    sealed = true;
  }

  SegmentSeal summary() {
    return new SegmentSeal(id, end, records, minSequence, maxSequence);
  }

  /** Called under the append lock once a record of {@code size} bytes is placed at {@link #end}. */
  void appended(long sequence, long size) {
    end += size;
    records++;
    minSequence = Math.min(minSequence, sequence);
    maxSequence = Math.max(maxSequence, sequence);
  }

  /** Called under the append lock once {@code bytes} more are in the medium and flushed. */
  void flushed(long bytes) {
    fileEnd += bytes;
  }

  long fileEnd() {
    return fileEnd;
  }

  long end() {
    return end;
  }

  long maxSequence() {
    return maxSequence;
  }

  boolean isSealed() {
    return sealed;
  }

  SegmentInfo info() {
    return new SegmentInfo(id, end, records, minSequence, maxSequence, sealed);
  }

  /** Fills {@code dst} from the file at {@code position}; the range must be below {@link #fileEnd}. */
  void readFully(long position, ByteBuffer dst) throws IOException {
    int start = dst.position();
    ReadFile r = reader();
    try {
      r.readFully(position, dst);
    } catch (ClosedChannelException e) {
      if (deleted) {
        // Compaction deleted the segment under this read (RecordLog: a compacted locator reads as
        // a missing segment; its owner has the new one).
        NoSuchFileException gone = new NoSuchFileException(logName(id), null,
            "segment compacted while being read");
        gone.initCause(e);
        throw gone;
      }
      throw e;
    } catch (EOFException e) {
      // Medium contract: a reader sees what was flushed before it was opened; open a fresh one.
      dst.position(start);
      try {
        reopen(r).readFully(position, dst);
      } catch (EOFException again) {
        throw new CorruptRecordException("segment " + id + " is shorter than its recorded length "
            + fileEnd + " (reading " + (dst.limit() - start) + " bytes at " + position + ")");
      }
    }
  }

  private synchronized ReadFile reader() throws IOException {
    if (deleted) {
      // A reader opened now would outlive closeForDeletion(): never closed.
      throw new NoSuchFileException(logName(id), null, "segment compacted");
    }
    if (reader == null) {
      reader = medium.open(logName(id));
    }
    return reader;
  }

  private synchronized ReadFile reopen(ReadFile stale) throws IOException {
    if (deleted) {
      // As in reader(); the file may be a spare by now, or written over by another segment.
      throw new NoSuchFileException(logName(id), null, "segment compacted");
    }
    if (reader == stale) {
      // Other threads may still be reading through the stale one; it is closed with the segment.
      staleReaders.add(stale);
      reader = medium.open(logName(id));
    }
    return reader;
  }

  /** The format version of the first record, 0 if the segment has none. */
  byte firstRecordVersion() throws IOException {
    if (end == 0) {
      return 0;
    }
    ByteBuffer b = ByteBuffer.allocate(5);
    readFully(0, b);
    return b.get(4);
  }

  /** Closes the readers of a segment about to be deleted; reads under way fail as missing. */
  void closeForDeletion() throws IOException {
    deleted = true;
    closeReaders();
  }

  synchronized void closeReaders() throws IOException {
    IOException error = null;
    if (reader != null) {
      staleReaders.add(reader);
      reader = null;
    }
    for (ReadFile r : staleReaders) {
      try {
        r.close();
      } catch (IOException e) {
        error = error == null ? e : error;
      }
    }
    staleReaders.clear();
    if (error != null) {
      throw error;
    }
  }
}
