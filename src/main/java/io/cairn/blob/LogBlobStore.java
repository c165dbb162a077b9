package io.cairn.blob;

import io.cairn.log.CorruptRecordException;
import io.cairn.log.Locator;
import io.cairn.log.RecordKind;
import io.cairn.log.RecordLog;
import io.cairn.medium.Medium;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * {@link BlobStore} over a {@link RecordLog}: see the package documentation for the design.
 * Locking: every mutation holds the shared side of {@link #mutations} and the blob's monitor around
 * "append the record, publish the new head", so a blob's map changes in log-sequence order (the
 * order replay uses). The exclusive side is taken briefly to cut a consistent checkpoint and to
 * repoint maps after compaction. Syncs happen outside both (group commit). Reads take no lock:
 * they read an immutable map, and retry if a compaction moved its records meanwhile.
 */
public final class LogBlobStore implements BlobStore {
  final RecordLog log;
  final BlobStoreConfig config;
  final ConcurrentHashMap<Long, BlobEntry> blobs;
  final AtomicLong nextBlobId;
  /**
   * Shared by mutations, exclusive for checkpoint cuts and repointing. A {@link StampedLock}'s
   * views, not a {@code ReentrantReadWriteLock}: that one keeps per-thread read hold counts in a
   * ThreadLocal, which with a virtual thread per NBD request meant a new ThreadLocal map for every
   * write. Not reentrant: no path takes it twice.
   */
  final ReadWriteLock mutations = new StampedLock().asReadWriteLock();
  private final Maintenance maintenance;

  private LogBlobStore(RecordLog log, BlobStoreConfig config, Recovery.Result recovered) {
    this.log = log;
    this.config = config;
    this.blobs = new ConcurrentHashMap<>(Math.max(16, recovered.blobs().size() * 2));
    recovered.blobs().forEach((id, head) -> blobs.put(id, new BlobEntry(id, head)));
    this.nextBlobId = new AtomicLong(recovered.nextBlobId());
    this.maintenance = new Maintenance(this);
  }

  /**
   * Opens (recovering) the store kept in {@code log}, with its checkpoint index in {@code medium}
   * (usually the medium the log lives on; index files are named {@code blobstore-manifest-*.idx}).
   * The store does not own {@code log} or {@code medium}: close them after closing the store.
   *
   * @param scheduler runs periodic and size-triggered checkpoints; null for none (then call
   *     {@link #checkpoint()} yourself)
   */
  public static LogBlobStore open(RecordLog log, Medium medium, BlobStoreConfig config, ScheduledExecutorService scheduler)
      throws IOException {
    List<ManifestIndex.Pointer> candidates = ManifestIndex.candidates(medium);
    Checkpoint.Loaded base = null;
    ManifestIndex.Pointer used = null;
    IOException failure = null;
    for (ManifestIndex.Pointer p : candidates) {
      try {
        base = Checkpoint.load(log, p.manifest());
        used = p;
        break;
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (base == null && failure != null) {
      // Compaction may already have dropped what a replay from the start would need.
      CorruptRecordException e = new CorruptRecordException("no readable blob store checkpoint in " + medium.uri());
      e.initCause(failure);
      throw e;
    }
    Recovery.Result recovered = Recovery.run(log, base);
    LogBlobStore store = new LogBlobStore(log, config, recovered);
    store.maintenance.start(ManifestIndex.start(medium, used), base, scheduler);
    return store;
  }

  @Override
  public Blob create(long size) throws IOException {
    Blob blob = createUnsynced(size);
    log.sync();
    return blob;
  }

  @Override
  public Blob createUnsynced(long size) throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    BlobEntry e;
    mutations.readLock().lock();
    try {
      long id = nextBlobId.getAndIncrement();
      appendEvent(id, new BlobEvent.Create(size));
      e = new BlobEntry(id, Head.created(size));
      blobs.put(id, e);
    } finally {
      mutations.readLock().unlock();
    }
    return new BlobHandle(this, e);
  }

  @Override
  public Blob open(long blobId) throws IOException {
    return new BlobHandle(this, entry(blobId));
  }

  @Override
  public Blob cloneOf(BlobVersion version) throws IOException {
    VersionHandle v = own(version);
    BlobEntry src = v.entry;
    BlobEntry e;
    mutations.readLock().lock();
    try {
      // The source's monitor orders the clone event between the version's snapshot and delete.
      synchronized (src) {
        Head.Version sv = src.live().version(v.number());
        if (sv == null) {
          throw new NoSuchBlobException(v + " is deleted");
        }
        long id = nextBlobId.getAndIncrement();
        appendEvent(id, new BlobEvent.Clone(src.id, v.number()));
        e = new BlobEntry(id, Head.cloned(sv));
        blobs.put(id, e);
      }
    } finally {
      mutations.readLock().unlock();
    }
    log.sync();
    return new BlobHandle(this, e);
  }

  @Override
  public BlobVersion version(long blobId, long versionNumber) throws IOException {
    BlobEntry e = entry(blobId);
    Head.Version v = e.live().version(versionNumber);
    if (v == null) {
      throw new NoSuchBlobException("no version " + versionNumber + " of blob " + blobId);
    }
    return new VersionHandle(this, e, v.number(), v.size());
  }

  @Override
  public List<BlobVersion> versions(long blobId) throws IOException {
    BlobEntry e = entry(blobId);
    List<BlobVersion> out = new ArrayList<>();
    for (Head.Version v : e.live().versions()) {
      out.add(new VersionHandle(this, e, v.number(), v.size()));
    }
    return out;
  }

  @Override
  public void delete(long blobId) throws IOException {
    BlobEntry e = entry(blobId);
    mutations.readLock().lock();
    try {
      synchronized (e) {
        e.live();
        appendEvent(e.id, new BlobEvent.Delete());
        e.markDeleted();
        blobs.remove(e.id, e);
      }
    } finally {
      mutations.readLock().unlock();
    }
    log.sync();
  }

  @Override
  public void deleteVersion(BlobVersion version) throws IOException {
    VersionHandle v = own(version);
    BlobEntry e = v.entry;
    mutations.readLock().lock();
    try {
      synchronized (e) {
        Head h = e.live();
        if (h.version(v.number()) == null) {
          throw new NoSuchBlobException(v + " is deleted");
        }
        appendEvent(e.id, new BlobEvent.DeleteVersion(v.number()));
        e.set(h.deleteVersion(v.number()));
      }
    } finally {
      mutations.readLock().unlock();
    }
    log.sync();
  }

  @Override
  public void sync() throws IOException {
    log.sync();
  }

  @Override
  public void checkpoint() throws IOException {
    maintenance.checkpoint();
  }

  @Override
  public long compact() throws IOException {
    return maintenance.compact();
  }

  @Override
  public List<Long> blobIds() {
    List<Long> ids = new ArrayList<>(blobs.keySet());
    ids.sort(Comparator.naturalOrder());
    return ids;
  }

  @Override
  public StoreStats stats() throws IOException {
    return maintenance.stats();
  }

  /** Stops background checkpoints and syncs; the log and medium stay open (the caller owns them). */
  @Override
  public void close() throws IOException {
    maintenance.close();
  }

  /** The log sequence the newest durable checkpoint covers (0 if none yet). */
  long checkpointSequence() {
    Checkpoint.Loaded c = maintenance.cut();
    return c == null ? 0 : c.sequence();
  }

  // ---- operations of BlobHandle ----

  void write(BlobEntry e, long offset, ByteBuffer src) throws IOException {
    checkRange(offset, src.remaining());
    long pos = offset;
    while (src.hasRemaining()) {
      int n = Math.min(src.remaining(), config.recordPayload());
      ByteBuffer chunk = src.slice(src.position(), n);
      mutations.readLock().lock();
      try {
        synchronized (e) {
          Head h = e.live();
          Locator at = log.append(RecordKind.DATA, e.id, pos, n, chunk);
          e.set(h.write(pos, n, at, 0));
        }
      } finally {
        mutations.readLock().unlock();
      }
      src.position(src.position() + n);
      pos += n;
      maintenance.appended(n);
    }
  }

  void zero(BlobEntry e, long offset, long length) throws IOException {
    checkRange(offset, length);
    mutations.readLock().lock();
    try {
      synchronized (e) {
        Head h = e.live();
        log.append(RecordKind.ZERO, e.id, offset, length, ByteBuffer.allocate(0));
        e.set(h.zero(offset, length));
      }
    } finally {
      mutations.readLock().unlock();
    }
    maintenance.appended(1);
  }

  void resize(BlobEntry e, long newSize) throws IOException {
    if (newSize < 0) {
      throw new IllegalArgumentException("negative size " + newSize);
    }
    mutations.readLock().lock();
    try {
      synchronized (e) {
        Head h = e.live();
        appendEvent(e.id, new BlobEvent.Resize(newSize));
        e.set(h.resize(newSize));
      }
    } finally {
      mutations.readLock().unlock();
    }
  }

  void link(BlobEntry e, long offset, BlobRead src, long srcOffset, long length) throws IOException {
    checkRange(offset, length);
    checkRange(srcOffset, length);
    if (!(src instanceof StoreRead from) || from.store != this) {
      throw new IllegalArgumentException("link source " + src + " is not a blob of this store");
    }
    // Whole link under the shared lock: no relocation may repoint maps between reading the
    // source's locators and publishing them here.
    mutations.readLock().lock();
    try {
      StoreRead.View v = from.view();
      if (srcOffset + length > v.size()) {
        throw new EOFException("link source range " + srcOffset + "+" + length + " passes size " + v.size());
      }
      List<ExtentMap.Entry> all = new ArrayList<>();
      for (ExtentMap.Entry x : v.map().slice(srcOffset, srcOffset + length)) {
        all.add(new ExtentMap.Entry(x.offset() - srcOffset + offset, x.length(), x.locator(), x.payloadOffset()));
      }
      int perEvent = Math.max(1, (config.recordPayload() - 64) / Payload.MAX_ENTRY_BYTES);
      long chunkStart = offset;
      int i = 0;
      do {
        int j = Math.min(all.size(), i + perEvent);
        long chunkEnd = j < all.size() ? all.get(j).offset() : offset + length;
        List<ExtentMap.Entry> part = all.subList(i, j);
        synchronized (e) {
          Head h = e.live();
          appendEvent(e.id, new BlobEvent.Link(chunkStart, chunkEnd - chunkStart, part));
          e.set(h.link(chunkStart, chunkEnd - chunkStart, part));
        }
        chunkStart = chunkEnd;
        i = j;
      } while (i < all.size());
    } finally {
      mutations.readLock().unlock();
    }
  }

  BlobVersion snapshot(BlobEntry e) throws IOException {
    long number;
    long size;
    mutations.readLock().lock();
    try {
      synchronized (e) {
        Head h = e.live();
        number = h.nextVersion();
        size = h.size();
        appendEvent(e.id, new BlobEvent.Snapshot(number));
        e.set(h.snapshot(number));
      }
    } finally {
      mutations.readLock().unlock();
    }
    // Every write that returned was appended before the event; this sync makes them and the
    // version durable together.
    log.sync();
    return new VersionHandle(this, e, number, size);
  }

  /** Repoints every map at moved records; exclusive so no link copies a stale locator meanwhile. */
  void applyRelocations(Map<Locator, Locator> moves) {
    if (moves.isEmpty()) {
      return;
    }
    Map<Object, Object> memo = new java.util.IdentityHashMap<>();
    mutations.writeLock().lock();
    try {
      for (BlobEntry e : blobs.values()) {
        e.set(e.head().relocate(moves, memo));
      }
    } finally {
      mutations.writeLock().unlock();
    }
  }

  private void appendEvent(long owner, BlobEvent event) throws IOException {
    ByteBuffer payload = BlobEvent.encode(event);
    long offset = event instanceof BlobEvent.Link l ? l.offset() : 0;
    long length = event instanceof BlobEvent.Link l ? l.length() : 0;
    log.append(RecordKind.BLOB_EVENT, owner, offset, length, payload);
    maintenance.appended(1 + payload.capacity());
  }

  private BlobEntry entry(long blobId) throws NoSuchBlobException {
    BlobEntry e = blobs.get(blobId);
    if (e == null || e.deleted()) {
      throw new NoSuchBlobException("no blob " + blobId);
    }
    return e;
  }

  private VersionHandle own(BlobVersion version) {
    if (!(version instanceof VersionHandle v) || v.store != this) {
      throw new IllegalArgumentException(version + " is not a version of this store");
    }
    return v;
  }

  private static void checkRange(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length < 0) {
      throw new IllegalArgumentException("bad range " + offset + "+" + length);
    }
  }
}
