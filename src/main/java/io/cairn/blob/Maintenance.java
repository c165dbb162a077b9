package io.cairn.blob;

import io.cairn.log.Locator;
import io.cairn.log.SegmentInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints, compaction and space accounting of a {@link LogBlobStore}; one at a time (they
 * share {@link #lock}), concurrent with reads and writes.
 *
 * <p>The <em>cut</em> is the durable checkpoint recovery would start from now: its sequence, its
 * records and the maps it holds. It only moves forward after the new manifest is synced and its
 * pointer published.
 */
final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final LogBlobStore store;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong appendedSince = new AtomicLong();
  private final AtomicBoolean queued = new AtomicBoolean();
  private volatile Checkpoint.Loaded cut;
  private ManifestIndex index;
  private ScheduledExecutorService scheduler;
  private ScheduledFuture<?> periodic;
  private volatile boolean closed;

  Maintenance(LogBlobStore store) {
    this.store = store;
  }

  void start(ManifestIndex index, Checkpoint.Loaded base, ScheduledExecutorService scheduler) {
    this.index = index;
    this.cut = base;
    this.scheduler = scheduler;
    if (scheduler != null) {
      long ms = store.config.checkpointInterval().toMillis();
      periodic = scheduler.scheduleWithFixedDelay(this::periodicCheckpoint, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  Checkpoint.Loaded cut() {
    return cut;
  }

  /** Counts appended bytes; past the configured amount a checkpoint is queued on the scheduler. */
  void appended(long bytes) {
    long total = appendedSince.addAndGet(bytes);
    if (total >= store.config.checkpointBytes() && scheduler != null && !closed && queued.compareAndSet(false, true)) {
      try {
        scheduler.execute(this::backgroundCheckpoint);
      } catch (RejectedExecutionException e) {
        // A scheduler shutting down must not fail the write that noticed; the next one retries.
        queued.set(false);
      }
    }
  }

  void checkpoint() throws IOException {
    lock.lock();
    try {
      if (closed) {
        throw new IOException("blob store is closed");
      }
      List<Checkpoint.Image> images;
      long sequence;
      long nextBlobId;
      // Exclusive: no append+publish is half done, so every head is exactly the state after
      // record `sequence` and replay of the records above it completes it.
      store.mutations.writeLock().lock();
      try {
        sequence = store.log.lastSequence();
        nextBlobId = store.nextBlobId.get();
        images = new ArrayList<>(store.blobs.size());
        for (BlobEntry e : store.blobs.values()) {
          if (!e.deleted()) {
            images.add(new Checkpoint.Image(e.id, e.head()));
          }
        }
        appendedSince.set(0);
      } finally {
        store.mutations.writeLock().unlock();
      }
      images.sort(Comparator.comparingLong(Checkpoint.Image::id));
      Checkpoint.Loaded current = cut;
      Set<Locator> reusable = current == null ? Set.of() : current.records();
      Checkpoint.Loaded written =
          Checkpoint.write(store.log, store.config.recordPayload(), sequence, nextBlobId, images, reusable);
      store.log.sync();
      index.publish(new ManifestIndex.Pointer(sequence, written.manifest()));
      cut = written;
    } finally {
      lock.unlock();
    }
  }

  long compact() throws IOException {
    lock.lock();
    try {
      checkpoint();
      Checkpoint.Loaded c = cut;
      Map<Long, Set<Locator>> referenced = new HashMap<>();
      Map<Long, Long> live = liveBytes(referenced);
      List<Long> chosen = new ArrayList<>();
      for (SegmentInfo s : store.log.segments()) {
        // Records past the cut are all live; such a segment waits for a later checkpoint.
        if (s.sealed() && s.maxSequence() <= c.sequence()
            && live.getOrDefault(s.id(), 0L) < store.config.compactThreshold() * s.bytes()) {
          chosen.add(s.id());
        }
      }
      long freed = 0;
      for (long id : chosen) {
        freed += store.log.compact(id, new Compaction(store, this, referenced.getOrDefault(id, Set.of())));
      }
      return freed;
    } finally {
      lock.unlock();
    }
  }

  /** The durable cut's own records moved; keep knowing which records it consists of. */
  void relocateCut(Map<Locator, Locator> moves) {
    Checkpoint.Loaded c = cut;
    if (c == null || moves.isEmpty()) {
      return;
    }
    Set<Locator> records = new HashSet<>();
    for (Locator l : c.records()) {
      records.add(moves.getOrDefault(l, l));
    }
    cut = new Checkpoint.Loaded(
        c.sequence(), c.nextBlobId(), c.blobs(), moves.getOrDefault(c.manifest(), c.manifest()), records);
  }

  StoreStats stats() throws IOException {
    long blobs = 0;
    long versions = 0;
    for (BlobEntry e : store.blobs.values()) {
      if (!e.deleted()) {
        blobs++;
        versions += e.head().versions().size();
      }
    }
    List<SegmentInfo> segments = store.log.segments();
    long logBytes = 0;
    for (SegmentInfo s : segments) {
      logBytes += s.bytes();
    }
    long liveBytes = 0;
    for (long b : liveBytes(null).values()) {
      liveBytes += b;
    }
    return new StoreStats(blobs, versions, logBytes, liveBytes, segments.size());
  }

  void close() throws IOException {
    closed = true;
    if (periodic != null) {
      periodic.cancel(false);
    }
    lock.lock();
    try {
      store.log.sync();
      index.close();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Payload bytes per segment that some map (heads, versions, the cut's maps) or the cut's own
   * records still need; shared structure is walked once. Fills {@code referenced} (if given) with
   * the referenced data locators by segment.
   */
  private Map<Long, Long> liveBytes(Map<Long, Set<Locator>> referenced) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Locator> distinct = new HashSet<>();
    for (BlobEntry e : store.blobs.values()) {
      Head h = e.head();
      h.map().forEachDistinct(seen, x -> distinct.add(x.locator()));
      for (Head.Version v : h.versions()) {
        v.map().forEachDistinct(seen, x -> distinct.add(x.locator()));
      }
    }
    Checkpoint.Loaded c = cut;
    if (c != null) {
      for (Checkpoint.Image img : c.blobs()) {
        img.head().map().forEachDistinct(seen, x -> distinct.add(x.locator()));
        for (Head.Version v : img.head().versions()) {
          v.map().forEachDistinct(seen, x -> distinct.add(x.locator()));
        }
      }
    }
    Map<Long, Long> bytes = new HashMap<>();
    for (Locator l : distinct) {
      bytes.merge(l.segment(), (long) l.payloadLength(), Long::sum);
      if (referenced != null) {
        referenced.computeIfAbsent(l.segment(), k -> new HashSet<>()).add(l);
      }
    }
    if (c != null) {
      for (Locator l : c.records()) {
        bytes.merge(l.segment(), (long) l.payloadLength(), Long::sum);
      }
    }
    return bytes;
  }

  private void periodicCheckpoint() {
    if (appendedSince.get() > 0) {
      backgroundCheckpoint();
    }
  }

  private void backgroundCheckpoint() {
    queued.set(false);
    if (closed) {
      return;
    }
    try {
      checkpoint();
    } catch (IOException | RuntimeException e) {
      // The next trigger retries; until then recovery just replays a longer tail.
      LOG.warn("background checkpoint failed: {}", e.toString());
    }
  }
}
