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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The {@link RecordLog} on a {@link Medium}: records (layout in {@link RecordFormat}) in segment
 * files {@code seg-<16-digit id>.log}, each closed by a seal file (see {@link SegmentSeal}).
 *
 * <h2>Design of the hot path</h2>
 *
 * <ul>
 *   <li><b>Appends</b> hold {@code appendLock}, copy the payload into one direct write buffer and
 *       compute the page CRCs from that copy: a memcpy and a CRC pass, no syscall, no allocation.
 *       The buffer goes to the medium in one append when it is full or a sync needs it; a record
 *       larger than the buffer goes to the medium directly.
 *   <li><b>Reads</b> of bytes already in the medium take no lock ({@link Segment#fileEnd()} is
 *       published after the bytes are appended and flushed). Bytes still in the write buffer are
 *       copied out under {@code appendLock}, which is what keeps the buffer from being reused
 *       under a reader.
 *   <li><b>Group commit</b>: every append takes a ticket ({@code appended}); {@code durable} is the
 *       highest ticket known to be on stable storage. A sync returns at once if its ticket is
 *       covered. Otherwise, if no commit is under way it becomes the leader: it flushes the buffer
 *       under {@code appendLock} and notes the ticket reached, then syncs the file <em>outside</em>
 *       {@code appendLock} so that appends continue meanwhile. If a commit is under way it waits
 *       for it to end and checks again; so each commit covers every append made before it began.
 *   <li><b>Rolling</b> (under {@code appendLock}): flush, sync the old segment, write and sync its
 *       seal, then create the next segment. The old file is only closed later, by a sync leader,
 *       because a leader may still be syncing it. Rolls are rare, so their syncs cost little.
 *   <li><b>Failure</b> is fail-stop: after a medium error in an append, flush or sync, the bytes in
 *       the medium are unknown, so every later append and sync throws until the log is reopened
 *       (which recovers). Reads keep working.
 * </ul>
 *
 * <p>Lock order: {@code compactLock}, then being the one committer ({@code committing}), then
 * {@code appendLock}.
 */
public final class SegmentLog implements RecordLog {
  private static final int SCAN_WINDOW = 1 << 20;

  private final Medium medium;
  private final SegmentLogConfig config;
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final RecordReader reader = new RecordReader(this::fetch);
  private final ReentrantLock appendLock = new ReentrantLock();
  private final ReentrantLock commitLock = new ReentrantLock();
  private final Condition committed = commitLock.newCondition();
  private final ReentrantLock compactLock = new ReentrantLock();

  // Guarded by appendLock.
  private final ByteBuffer writeBuffer;
  private final ByteBuffer flushView;
  private final ByteBuffer largePrefix = ByteBuffer.allocateDirect(RecordFormat.MAX_PREFIX);
  private final CRC32C writeCrc = new CRC32C();
  private final List<AppendFile> retired = new ArrayList<>();
  private Segment active;
  private long nextSegmentId;
  private volatile long lastSequence;
  private volatile long appended;

  private final AtomicLong durable = new AtomicLong();
  private boolean committing; // guarded by commitLock: a leader (or close, or a delete) is at work
  private volatile IOException failure;
  private volatile boolean closed;

  private final LongAdder appends = new LongAdder();
  private final LongAdder payloadBytes = new LongAdder();
  private final LongAdder recordBytes = new LongAdder();
  private final LongAdder syncCalls = new LongAdder();
  private final LongAdder physicalSyncs = new LongAdder();
  private final LongAdder rolls = new LongAdder();
  private final LongAdder compactions = new LongAdder();
  private final LongAdder relocatedRecords = new LongAdder();
  private final LongAdder reclaimedBytes = new LongAdder();

  private SegmentLog(Medium medium, SegmentLogConfig config) {
    this.medium = Objects.requireNonNull(medium, "medium");
    this.config = Objects.requireNonNull(config, "config");
    this.writeBuffer = ByteBuffer.allocateDirect(config.writeBufferSize());
    this.flushView = writeBuffer.duplicate();
  }

  /**
   * Opens the log kept in {@code medium} (creating it if the medium holds no segments): recovers
   * the segment a crash left open (see {@link SegmentRecovery}) and starts a new segment for
   * appends. The medium stays the caller's: {@link #close()} does not close it.
   */
  public static SegmentLog open(Medium medium, SegmentLogConfig config) throws IOException {
    SegmentLog log = new SegmentLog(medium, config);
    log.recover();
    return log;
  }

  private void recover() throws IOException {
    long maxSequence = 0;
    List<Segment> found = SegmentRecovery.recover(medium, new RecordScanner(this::fetch, SCAN_WINDOW));
    for (Segment s : found) {
      segments.put(s.id, s);
      maxSequence = Math.max(maxSequence, s.maxSequence());
    }
    lastSequence = maxSequence;
    nextSegmentId = SegmentRecovery.highestId(found) + 1;
    appendLock.lock();
    try {
      active = startSegment();
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
      checkWritable();
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

  /** Places one record at the end of the active segment; the caller holds appendLock. */
  private Locator appendLocked(
      RecordKind kind, long owner, long logicalOffset, long logicalLength, long sequence, ByteBuffer payload)
      throws IOException {
    int length = payload.remaining();
    int prefix = RecordFormat.prefixSize(length);
    long size = prefix + (long) length;
    if (active.end() > 0 && active.end() + size > config.segmentSize()) {
      roll();
    }
    Segment segment = active;
    long offset = segment.end();
    try {
      if (size <= writeBuffer.capacity()) {
        if (size > writeBuffer.remaining()) {
          flushBuffer();
        }
        int at = writeBuffer.position();
        writeBuffer.put(at + prefix, payload, payload.position(), length);
        RecordFormat.encodePrefix(
            writeBuffer, at, kind, owner, logicalOffset, logicalLength, sequence, length, writeCrc);
        writeBuffer.position(at + (int) size);
      } else {
        flushBuffer();
        appendDirect(kind, owner, logicalOffset, logicalLength, sequence, payload);
      }
    } catch (IOException e) {
      throw fail(e);
    }
    segment.appended(sequence, size);
    recordBytes.add(size);
    appended = appended + 1;
    return new Locator(segment.id, offset, length);
  }

  /** A record too large for the write buffer: its prefix and the caller's payload go out as they are. */
  private void appendDirect(
      RecordKind kind, long owner, long logicalOffset, long logicalLength, long sequence, ByteBuffer payload)
      throws IOException {
    int length = payload.remaining();
    ByteBuffer src = payload.duplicate();
    largePrefix.clear();
    for (int page = 0, off = 0; off < length; page++, off += RecordFormat.PAGE) {
      int crc = RecordFormat.crcOf(writeCrc, src, payload.position() + off, Math.min(RecordFormat.PAGE, length - off));
      largePrefix.putInt(RecordFormat.HEADER_SIZE + 4 * page, crc);
    }
    RecordFormat.encodeHeader(largePrefix, 0, kind, owner, logicalOffset, logicalLength, sequence, length, writeCrc);
    largePrefix.limit(RecordFormat.prefixSize(length)).position(0);
    active.file.append(largePrefix);
    active.file.append(src);
    active.file.flush();
    active.flushed(RecordFormat.recordSize(length));
  }

  /** Moves the write buffer's records to the medium; the caller holds appendLock. */
  private void flushBuffer() throws IOException {
    int n = writeBuffer.position();
    if (n == 0) {
      return;
    }
    // The buffer itself keeps its position until the bytes are in the medium, so a failed append
    // leaves every buffered record readable.
    flushView.clear().limit(n);
    active.file.append(flushView);
    active.file.flush();
    writeBuffer.clear();
    active.flushed(n);
  }

  /** Seals the active segment and starts the next; the caller holds appendLock. */
  private void roll() throws IOException {
    Segment old = active;
    try {
      flushBuffer();
      // The seal promises these bytes to recovery, so they must be durable before it exists.
      old.file.sync();
      physicalSyncs.increment();
      durable.accumulateAndGet(appended, Math::max);
      SegmentSeal seal = old.summary();
      seal.write(medium, Segment.sealName(old.id));
      old.seal(seal);
      retired.add(old.file);
      old.file = null;
      active = startSegment();
      rolls.increment();
    } catch (IOException e) {
      throw fail(e);
    }
  }

  private Segment startSegment() throws IOException {
    long id = nextSegmentId++;
    Segment s = Segment.active(medium, id, medium.create(Segment.logName(id)));
    segments.put(id, s);
    return s;
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
    long ticket = appended;
    if (durable.get() >= ticket) {
      return;
    }
    commitLock.lock();
    try {
      // Followers wait on the condition, not behind the next leader: a commit that covers them
      // wakes them even if another commit starts at once.
      while (durable.get() < ticket) {
        if (committing) {
          committed.awaitUninterruptibly();
          continue;
        }
        checkWritable();
        committing = true;
        commitLock.unlock();
        try {
          commit();
        } finally {
          commitLock.lock();
          committing = false;
          committed.signalAll();
        }
      }
    } finally {
      commitLock.unlock();
    }
  }

  /** The leader's work: everything appended so far goes to the medium and is synced. */
  private void commit() throws IOException {
    AppendFile file;
    long covers;
    List<AppendFile> toClose;
    appendLock.lock();
    try {
      checkWritable();
      try {
        flushBuffer();
      } catch (IOException e) {
        throw fail(e);
      }
      file = active.file;
      covers = appended;
      toClose = takeRetired();
    } finally {
      appendLock.unlock();
    }
    closeAll(toClose);
    try {
      file.sync();
    } catch (IOException e) {
      throw fail(e);
    }
    physicalSyncs.increment();
    durable.accumulateAndGet(covers, Math::max);
  }

  /** Runs {@code work} while no commit is under way and none can start. */
  private void exclusiveOfCommits(IoWork work) throws IOException {
    commitLock.lock();
    try {
      while (committing) {
        committed.awaitUninterruptibly();
      }
      committing = true;
    } finally {
      commitLock.unlock();
    }
    try {
      work.run();
    } finally {
      commitLock.lock();
      try {
        committing = false;
        committed.signalAll();
      } finally {
        commitLock.unlock();
      }
    }
  }

  @FunctionalInterface
  private interface IoWork {
    void run() throws IOException;
  }

  /** Files of sealed segments (already synced at the roll), to be closed outside appendLock. */
  private List<AppendFile> takeRetired() {
    if (retired.isEmpty()) {
      return List.of();
    }
    List<AppendFile> files = new ArrayList<>(retired);
    retired.clear();
    return files;
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
        long fileEnd = segment.fileEnd();
        if (position + len > fileEnd) {
          if (segment != active || position + len > segment.end()) {
            throw new CorruptRecordException(
                "no record at " + segment.id + "@" + position + ": past the end of the segment");
          }
          fromFile = (int) Math.max(0, fileEnd - position);
          long inBuffer = Math.max(position, fileEnd) - fileEnd;
          buf.put(index + fromFile, writeBuffer, (int) inBuffer, len - fromFile);
        }
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
    RecordScanner scanner = new RecordScanner(this::fetch, SCAN_WINDOW);
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

  /** Appends a compaction copy of a record, keeping its header fields and sequence. */
  Locator appendCopy(RecordHeader header, ByteBuffer payload) throws IOException {
    appendLock.lock();
    try {
      checkWritable();
      return appendLocked(header.kind(), header.owner(), header.logicalOffset(), header.logicalLength(),
          header.sequence(), payload);
    } finally {
      appendLock.unlock();
    }
  }

  /** Deletes a compacted segment: its file first, then its seal (an orphan seal is harmless). */
  void delete(Segment segment) throws IOException {
    // Its file may still be open among the retired ones; only a committer may close those.
    exclusiveOfCommits(() -> {
      List<AppendFile> toClose;
      appendLock.lock();
      try {
        toClose = takeRetired();
      } finally {
        appendLock.unlock();
      }
      closeAll(toClose);
    });
    segments.remove(segment.id);
    segment.closeReaders();
    medium.delete(Segment.logName(segment.id));
    medium.delete(Segment.sealName(segment.id));
  }

  Medium medium() {
    return medium;
  }

  void compacted(long relocated, long reclaimed) {
    compactions.increment();
    relocatedRecords.add(relocated);
    reclaimedBytes.add(reclaimed);
  }

  RecordScanner scanner() {
    return new RecordScanner(this::fetch, SCAN_WINDOW);
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

  public SegmentLogConfig config() {
    return config;
  }

  public LogStats stats() {
    return new LogStats(appends.sum(), payloadBytes.sum(), recordBytes.sum(), syncCalls.sum(),
        physicalSyncs.sum(), rolls.sum(), compactions.sum(), relocatedRecords.sum(), reclaimedBytes.sum());
  }

  /**
   * Makes everything appended durable, seals the active segment (so the next open need not scan it)
   * and releases the files. Later calls other than {@code close} throw {@link ClosedChannelException}.
   */
  @Override
  public void close() throws IOException {
    compactLock.lock();
    try {
      exclusiveOfCommits(this::closeExclusively);
    } finally {
      compactLock.unlock();
    }
  }

  private void closeExclusively() throws IOException {
    appendLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      IOException error = null;
      try {
        if (failure == null) {
          flushBuffer();
          active.file.sync();
          SegmentSeal seal = active.summary();
          seal.write(medium, Segment.sealName(active.id));
          active.seal(seal);
        }
      } catch (IOException e) {
        error = e;
      }
      List<AppendFile> files = new ArrayList<>(takeRetired());
      if (active.file != null) {
        files.add(active.file);
        active.file = null;
      }
      for (Segment s : segments.values()) {
        try {
          s.closeReaders();
        } catch (IOException e) {
          error = error == null ? e : error;
        }
      }
      try {
        closeAll(files);
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
