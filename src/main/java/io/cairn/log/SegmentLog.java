package io.cairn.log;

import io.cairn.medium.AppendFile;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link RecordLog} on a {@link Medium}: records (layout in {@link RecordFormat}) in segment
 * files {@code seg-<16-digit id>.log}, each closed by a seal file (see {@link SegmentSeal}); the
 * rules on the medium are in the package documentation.
 *
 * <h2>Design of the hot path</h2>
 *
 * <ul>
 *   <li><b>Appends</b> hold {@code appendLock} and go to the {@link SegmentWriter}: a memcpy into
 *       a direct buffer and a CRC pass, no syscall, no allocation but the returned locator.
 *   <li><b>Rolls</b> sync the old segment, seal it and create the next one without {@code
 *       appendLock} (appenders wait on {@code rolled} meanwhile; commits and reads go on), so the
 *       lock is never held across a physical sync.
 *   <li><b>Fairness</b>: {@code appendLock} is fair. With an unfair lock a writer appending in a
 *       tight loop took the lock back before a woken committer could run, and an NBD FLUSH waited
 *       for minutes; now a committer waits for at most the appends queued before it.
 *   <li><b>Reads</b> of bytes already in the medium take no lock ({@link Segment#fileEnd()} is
 *       published after the bytes are appended and flushed); bytes still in the write buffer are
 *       copied out under {@code appendLock}.
 *   <li><b>Group commit</b> ({@link GroupCommit}): each append takes a ticket. The leader flushes
 *       the buffer under {@code appendLock}, notes the ticket reached, and syncs the file
 *       <em>outside</em> {@code appendLock}, so appends go on during the physical sync.
 *   <li><b>Failure</b> is fail-stop: after a medium error in an append, flush or sync the bytes in
 *       the medium are unknown, so every later append and sync throws until the log is reopened
 *       (which recovers). Reads keep working.
 * </ul>
 *
 * <p>Lock order: {@code compactLock}, then exclusive commit ({@link GroupCommit}), then {@code
 * appendLock}.
 *
 * <p>Why one class of this size: it is the hot path of every write, and appends, rolls, commits
 * and reads of the unflushed tail all share {@code appendLock}, the writer and the fail-stop
 * state, so the lock protocol above stays in one place. What does not share them lives apart:
 * buffering and rolling ({@link SegmentWriter}), leader/follower commit ({@link GroupCommit}),
 * recovery ({@link SegmentRecovery}), record decoding ({@link RecordReader}), compaction
 * ({@link Compaction}), spare files ({@link SpareSegments}) and the format marker ({@link
 * LogFormat}).
 */
public final class SegmentLog implements RecordLog {
  private static final int SCAN_WINDOW = 1 << 20;

  private final Medium medium;
  private final SegmentLogConfig config;
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final RecordReader reader = new RecordReader(this::fetch);
  private final GroupCommit groupCommit = new GroupCommit();
  private final ReentrantLock appendLock = new ReentrantLock(true);
  private final Condition rolled = appendLock.newCondition();
  private boolean rolling; // guarded by appendLock: a roll is between its begin and finish
  private final ReentrantLock compactLock = new ReentrantLock();
  private SegmentWriter writer; // guarded by appendLock
  private SpareSegments spares;
  private SegmentSeal floor; // guarded by compactLock: the seal kept for its sequences (see delete)
  private volatile long lastSequence;
  private volatile long appended; // tickets: appends so far, compaction copies included
  private volatile IOException failure;
  private volatile boolean closed;

  private final LongAdder appends = new LongAdder();
  private final LongAdder payloadBytes = new LongAdder();
  private final LongAdder syncCalls = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder compactions = new LongAdder();
  private final LongAdder relocatedRecords = new LongAdder();
  private final LongAdder reclaimedBytes = new LongAdder();

  private SegmentLog(Medium medium, SegmentLogConfig config) {
    this.medium = Objects.requireNonNull(medium, "medium");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Opens the log kept in {@code medium} (an empty medium is an empty log): recovers the segment a
   * crash left open (see {@link SegmentRecovery}); the first append then starts a new segment.
   * The medium stays the caller's: {@link #close()} does not close it.
   */
  public static SegmentLog open(Medium medium, SegmentLogConfig config) throws IOException {
    SegmentLog log = new SegmentLog(medium, config);
    log.recover();
    return log;
  }

  private void recover() throws IOException {
    LogFormat.check(medium); // before recovery, which would take records of a newer format for torn
    SegmentRecovery.Recovered found = SegmentRecovery.recover(medium, scanner());
    spares = SpareSegments.load(medium, config.segmentSize());
    for (Segment s : found.segments()) {
      segments.put(s.id, s);
    }
    floor = found.floor();
    appendLock.lock();
    try {
      lastSequence = found.maxSequence();
      // Above every segment, spare and kept seal: an id is never given to a file that holds records
      // of it, nor to a segment that would find a seal of its id.
      long next = Math.max(found.highestId(), spares.highestId()) + 1;
      writer = new SegmentWriter(medium, config, segments, spares, next);
    } finally {
      appendLock.unlock();
    }
  }

  @Override
  public Locator append(RecordKind kind, long owner, long logicalOffset, long logicalLength, ByteBuffer payload)
      throws IOException {
    Objects.requireNonNull(kind, "kind");
    if (payload.remaining() > MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload of " + payload.remaining() + " bytes exceeds " + MAX_PAYLOAD);
    }
    appendLock.lock();
    try {
      // Before the sequence is taken: a roll releases the lock, and another append may go first.
      makeRoom(payload.remaining());
      long sequence = lastSequence + 1;
      Locator at = appendLocked(kind, owner, logicalOffset, logicalLength, sequence, payload);
      lastSequence = sequence;
      appends.increment();
      payloadBytes.add(at.payloadLength());
      return at;
    } finally {
      appendLock.unlock();
    }
  }

  /** Appends a compaction copy of a record, keeping its header fields and sequence. */
  Locator appendCopy(RecordHeader header, ByteBuffer payload) throws IOException {
    appendLock.lock();
    try {
      makeRoom(payload.remaining());
      return appendLocked(header.kind(), header.owner(), header.logicalOffset(), header.logicalLength(),
          header.sequence(), payload);
    } finally {
      appendLock.unlock();
    }
  }

  private Locator appendLocked(
      RecordKind kind, long owner, long logicalOffset, long logicalLength, long sequence, ByteBuffer payload)
      throws IOException {
    checkWritable();
    Locator at;
    try {
      at = writer.append(kind, owner, logicalOffset, logicalLength, sequence, payload);
    } catch (IOException e) {
      throw fail(e);
    }
    appended = appended + 1;
    return at;
  }

  /**
   * Called with {@code appendLock} held; returns with it held, once no roll is under way and a
   * record of {@code payloadLength} bytes fits the active segment. Runs the roll if one is needed,
   * releasing the lock for its syncs.
   */
  private void makeRoom(int payloadLength) throws IOException {
    while (true) {
      while (rolling) {
        rolled.awaitUninterruptibly();
      }
      checkWritable();
      if (!writer.needsRoll(payloadLength)) {
        return;
      }
      SegmentWriter.Roll roll;
      try {
        roll = writer.beginRoll();
      } catch (IOException e) {
        throw fail(e);
      }
      rolling = true;
      appendLock.unlock();
      IOException error = null;
      boolean done = false;
      try {
        roll.run();
        done = true;
      } catch (IOException e) {
        error = e;
      } finally {
        appendLock.lock();
        if (done) {
          writer.finishRoll(roll);
        } else {
          fail(error != null ? error : new IOException("segment roll failed"));
        }
        rolling = false;
        rolled.signalAll();
      }
      if (error != null) {
        throw error;
      }
    }
  }

  @Override
  public long lastSequence() {
    return lastSequence;
  }

  @Override
  public void sync() throws IOException {
    syncCalls.increment();
    if (closed) {
      throw new ClosedChannelException();
    }
    groupCommit.await(appended, this::commit);
  }

  /** The leader's work: everything appended so far goes to the medium and is synced. */
  private long commit() throws IOException {
    AppendFile file;
    long covers;
    List<AppendFile> toClose;
    appendLock.lock();
    try {
      checkWritable();
      try {
        writer.flush();
      } catch (IOException e) {
        throw fail(e);
      }
      file = writer.activeFile();
      covers = appended;
      toClose = writer.takeRetired();
    } finally {
      appendLock.unlock();
    }
    closeAll(toClose);
    if (file != null) {
      try {
        file.sync();
      } catch (IOException e) {
        throw fail(e);
      }
      commits.increment();
    }
    return covers;
  }

  @Override
  public void read(Locator at, long offsetInPayload, ByteBuffer dst) throws IOException {
    reader.read(segment(at), at, offsetInPayload, dst);
  }

  @Override
  public RecordHeader header(Locator at) throws IOException {
    return reader.header(segment(at), at);
  }

  private Segment segment(Locator at) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    Segment s = segments.get(at.segment());
    if (s == null) {
      throw new NoSuchFileException(Segment.logName(at.segment()), null, "no such segment (compacted?)");
    }
    return s;
  }

  /** {@link SegmentBytes} over the medium and, for the active segment's tail, the write buffer. */
  private void fetch(Segment segment, long position, ByteBuffer buf, int index, int len) throws IOException {
    // Callers read what they fetched with absolute gets, which the limit bounds.
    buf.limit(buf.capacity());
    int fromFile = len;
    if (position + len > segment.fileEnd()) {
      appendLock.lock();
      try {
        fromFile = writer == null ? len : writer.copyTail(segment, position, buf, index, len);
      } finally {
        appendLock.unlock();
      }
    }
    if (fromFile > 0) {
      buf.position(index).limit(index + fromFile);
      segment.readFully(position, buf);
      buf.limit(buf.capacity());
    }
  }

  @Override
  public void scan(RecordVisitor visitor) throws IOException {
    scanAfter(-1, visitor);
  }

  @Override
  public void scanAfter(long afterSequence, RecordVisitor visitor) throws IOException {
    RecordScanner scanner = scanner();
    for (Segment s : segments.values()) {
      if (closed) {
        throw new ClosedChannelException();
      }
      if (s.maxSequence() <= afterSequence) {
        continue;
      }
      try {
        scanner.scan(s, s.end(), false, visitor);
      } catch (IOException e) {
        // A segment compacted away during the scan: its live records have copies at the head,
        // which this scan visits later.
        if (segments.containsKey(s.id)) {
          throw e;
        }
      }
    }
  }

  RecordScanner scanner() {
    return new RecordScanner(this::fetch, SCAN_WINDOW);
  }

  @Override
  public List<SegmentInfo> segments() {
    List<SegmentInfo> infos = new ArrayList<>();
    for (Segment s : segments.values()) {
      infos.add(s.info());
    }
    return infos;
  }

  @Override
  public long compact(long segmentId, LiveRecords owner) throws IOException {
    compactLock.lock();
    try {
      Segment segment = segments.get(segmentId);
      if (segment == null) {
        throw new NoSuchFileException(Segment.logName(segmentId), null, "no such segment");
      }
      if (!segment.isSealed()) {
        throw new IllegalStateException("segment " + segmentId + " is active; only sealed segments are compacted");
      }
      return new Compaction(this, segment, owner).run();
    } finally {
      compactLock.unlock();
    }
  }

  /**
   * Deletes a compacted segment: its file ({@code fileBytes} long) first, or keeps it as a spare
   * ({@link SpareSegments}), then its seal (an orphan seal is harmless). Returns whether kept.
   *
   * <p>The seal stays, as the sequence floor, when the segment held sequences above every sealed
   * segment left: otherwise, once the newer records that are not yet sealed were lost in a crash
   * or never came, a reopened log would give those numbers out again, and an owner whose
   * checkpoint covers them would skip the new records at replay. One such seal is kept at a time;
   * it goes once a sealed segment holds a higher sequence. Called under {@code compactLock}.
   */
  boolean delete(Segment segment, long fileBytes) throws IOException {
    byte format = spares.wanted() ? segment.firstRecordVersion() : 0;
    // Its file may still be open among the retired ones; only a committer may close those.
    groupCommit.exclusive(() -> {
      List<AppendFile> toClose;
      appendLock.lock();
      try {
        toClose = writer.takeRetired();
      } finally {
        appendLock.unlock();
      }
      closeAll(toClose);
    });
    segments.remove(segment.id);
    segment.closeForDeletion(); // before the file may be written over: a read under way fails as missing
    boolean kept = spares.retire(segment.id, format, fileBytes);
    long sealedMax = 0;
    for (Segment s : segments.values()) {
      if (s.isSealed()) { // synced before it was sealed, unlike the active segment's tail
        sealedMax = Math.max(sealedMax, s.maxSequence());
      }
    }
    SegmentSeal previous = floor;
    long floorMax = previous == null ? 0 : previous.maxSequence();
    if (segment.maxSequence() > Math.max(sealedMax, floorMax)) {
      floor = segment.summary();
      if (previous != null) {
        medium.delete(Segment.sealName(previous.segment()));
      }
    } else {
      medium.delete(Segment.sealName(segment.id));
      if (previous != null && floorMax <= sealedMax) {
        floor = null;
        medium.delete(Segment.sealName(previous.segment()));
      }
    }
    return kept;
  }

  Medium medium() {
    return medium;
  }

  void compacted(long relocated, long reclaimed) {
    compactions.increment();
    relocatedRecords.add(relocated);
    reclaimedBytes.add(reclaimed);
  }

  private void checkWritable() throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    if (failure != null) {
      throw new IOException("log failed earlier and must be reopened to recover", failure);
    }
  }

  private IOException fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }

  private static void closeAll(List<AppendFile> files) throws IOException {
    IOException error = null;
    for (AppendFile f : files) {
      try {
        f.close();
      } catch (IOException e) {
        error = error == null ? e : error;
      }
    }
    if (error != null) {
      throw error;
    }
  }

  /** Files of compacted segments kept to be written over by new segments. */
  public int spareSegments() {
    return spares.count();
  }

  public SegmentLogConfig config() {
    return config;
  }

  public LogStats stats() {
    long rolls = writer.rolls();
    return new LogStats(appends.sum(), payloadBytes.sum(), writer.recordBytes(), syncCalls.sum(),
        commits.sum() + rolls, rolls, compactions.sum(), relocatedRecords.sum(), reclaimedBytes.sum());
  }

  /**
   * Makes everything appended durable, seals the active segment (so the next open need not scan
   * it) and releases the files. Later calls other than {@code close} throw {@link
   * ClosedChannelException}.
   */
  @Override
  public void close() throws IOException {
    compactLock.lock();
    try {
      groupCommit.exclusive(this::closeExclusively);
    } finally {
      compactLock.unlock();
    }
  }

  private void closeExclusively() throws IOException {
    appendLock.lock();
    try {
      while (rolling) {
        rolled.awaitUninterruptibly();
      }
      if (closed) {
        return;
      }
      closed = true;
      IOException error = null;
      try {
        if (failure == null) {
          writer.sealActive();
        }
      } catch (IOException e) {
        error = e;
      }
      for (Segment s : segments.values()) {
        try {
          s.closeReaders();
        } catch (IOException e) {
          error = error == null ? e : error;
        }
      }
      try {
        closeAll(writer.release());
      } catch (IOException e) {
        error = error == null ? e : error;
      }
      if (error != null) {
        throw error;
      }
    } finally {
      appendLock.unlock();
    }
  }
}
