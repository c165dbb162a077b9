package io.cairn.blob;

import io.cairn.log.CorruptRecordException;
import io.cairn.log.LiveRecords;
import io.cairn.log.Locator;
import io.cairn.log.RecordHeader;
import io.cairn.log.RecordKind;
import io.cairn.log.RecordLog;
import io.cairn.log.RecordVisitor;
import io.cairn.log.SegmentInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Test fixture: a {@link RecordLog} in memory that honours the contract (sequences, rolling,
 * sync watermark, compaction order of {@link LiveRecords}), and can {@link #crash} keeping the
 * synced records plus a random prefix of the unsynced ones.
 */
final class MemoryRecordLog implements RecordLog {
  private static final int HEADER = 48;

  private record Rec(RecordHeader header, byte[] payload, long appendIndex) {}

  private static final class Seg {
    final long id;
    final TreeMap<Long, Rec> records = new TreeMap<>();
    long bytes;
    boolean sealed;

    Seg(long id) {
      this.id = id;
    }
  }

  private final long segmentSize;
  private final TreeMap<Long, Seg> segments = new TreeMap<>();
  private long lastSequence;
  private long appendCount;
  private long syncedCount;
  private Seg active;

  /** Where a compaction stops as if the machine lost power (tests of crash-mid-compaction). */
  enum CompactionStop { NONE, BEFORE_PERSIST, BEFORE_DELETE }

  volatile CompactionStop stop = CompactionStop.NONE;

  MemoryRecordLog(long segmentSize) {
    this.segmentSize = segmentSize;
    roll();
  }

  /** A new log holding what a power loss could leave of this one. */
  synchronized MemoryRecordLog crash(Random rnd) {
    long keep = syncedCount + (appendCount > syncedCount ? rnd.nextLong(appendCount - syncedCount + 1) : 0);
    MemoryRecordLog after = new MemoryRecordLog(segmentSize);
    after.segments.clear();
    for (Seg s : segments.values()) {
      Seg c = new Seg(s.id);
      for (var e : s.records.entrySet()) {
        if (e.getValue().appendIndex() < keep) {
          c.records.put(e.getKey(), e.getValue());
          c.bytes = e.getKey() + HEADER + e.getValue().payload().length;
          after.lastSequence = Math.max(after.lastSequence, e.getValue().header().sequence());
        }
      }
      c.sealed = true;
      after.segments.put(c.id, c);
    }
    after.appendCount = keep;
    after.syncedCount = keep;
    after.active = null;
    after.roll();
    return after;
  }

  private void roll() {
    if (active != null) {
      active.sealed = true;
    }
    long id = segments.isEmpty() ? 1 : segments.lastKey() + 1;
    active = new Seg(id);
    segments.put(id, active);
  }

  @Override
  public synchronized Locator append(RecordKind kind, long owner, long logicalOffset, long logicalLength, ByteBuffer payload) {
    return place(new RecordHeader(kind, owner, logicalOffset, logicalLength, ++lastSequence, payload.remaining()), payload);
  }

  private Locator place(RecordHeader h, ByteBuffer payload) {
    if (payload.remaining() > MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload too large");
    }
    if (active.bytes > 0 && active.bytes + HEADER + payload.remaining() > segmentSize) {
      syncedCount = appendCount; // rolling syncs the old segment
      roll();
    }
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    long offset = active.bytes;
    active.records.put(offset, new Rec(h, bytes, appendCount++));
    active.bytes += HEADER + bytes.length;
    return new Locator(active.id, offset, bytes.length);
  }

  @Override
  public synchronized long lastSequence() {
    return lastSequence;
  }

  @Override
  public synchronized void sync() {
    syncedCount = appendCount;
  }

  private Rec find(Locator at) throws IOException {
    Seg s = segments.get(at.segment());
    if (s == null) {
      throw new NoSuchFileException("segment " + at.segment());
    }
    Rec r = s.records.get(at.offset());
    if (r == null || r.payload().length != at.payloadLength()) {
      throw new CorruptRecordException("no record at " + at);
    }
    return r;
  }

  @Override
  public synchronized void read(Locator at, long offsetInPayload, ByteBuffer dst) throws IOException {
    Rec r = find(at);
    if (offsetInPayload < 0 || offsetInPayload + dst.remaining() > r.payload().length) {
      throw new java.io.EOFException("read past payload of " + at);
    }
    dst.put(r.payload(), (int) offsetInPayload, dst.remaining());
  }

  @Override
  public synchronized RecordHeader header(Locator at) throws IOException {
    return find(at).header();
  }

  @Override
  public void scan(RecordVisitor visitor) throws IOException {
    scanAfter(-1, visitor);
  }

  @Override
  public void scanAfter(long afterSequence, RecordVisitor visitor) throws IOException {
    List<Object[]> all = new ArrayList<>();
    synchronized (this) {
      for (Seg s : segments.values()) {
        long max = s.records.values().stream().mapToLong(r -> r.header().sequence()).max().orElse(-1);
        if (max > afterSequence) {
          for (var e : s.records.entrySet()) {
            all.add(new Object[] {e.getValue().header(), new Locator(s.id, e.getKey(), e.getValue().payload().length)});
          }
        }
      }
    }
    for (Object[] o : all) {
      visitor.visit((RecordHeader) o[0], (Locator) o[1]);
    }
  }

  @Override
  public synchronized List<SegmentInfo> segments() {
    List<SegmentInfo> out = new ArrayList<>();
    for (Seg s : segments.values()) {
      long min = s.records.values().stream().mapToLong(r -> r.header().sequence()).min().orElse(Long.MAX_VALUE);
      long max = s.records.values().stream().mapToLong(r -> r.header().sequence()).max().orElse(-1);
      out.add(new SegmentInfo(s.id, s.bytes, s.records.size(), min, max, s.sealed));
    }
    return out;
  }

  /** Forces a roll so the current segment becomes compactable. */
  synchronized void rollNow() {
    syncedCount = appendCount;
    roll();
  }

  @Override
  public long compact(long segmentId, LiveRecords owner) throws IOException {
    Seg s;
    List<Object[]> live = new ArrayList<>();
    synchronized (this) {
      s = segments.get(segmentId);
      if (s == null || !s.sealed) {
        throw new IllegalStateException("segment " + segmentId + " missing or active");
      }
    }
    for (var e : s.records.entrySet()) {
      Locator at = new Locator(s.id, e.getKey(), e.getValue().payload().length);
      if (owner.isLive(e.getValue().header(), at)) {
        Locator to;
        synchronized (this) {
          to = place(e.getValue().header(), ByteBuffer.wrap(e.getValue().payload()));
        }
        live.add(new Object[] {e.getValue().header(), at, to});
      }
    }
    sync();
    if (stop == CompactionStop.BEFORE_PERSIST) {
      throw new IOException("injected: power lost before the owner persisted relocations");
    }
    for (Object[] m : live) {
      owner.relocate((RecordHeader) m[0], (Locator) m[1], (Locator) m[2]);
    }
    owner.persistRelocations();
    if (stop == CompactionStop.BEFORE_DELETE) {
      throw new IOException("injected: power lost before the old segment was deleted");
    }
    synchronized (this) {
      segments.remove(segmentId);
    }
    return s.bytes;
  }

  @Override
  public void close() {}
}
