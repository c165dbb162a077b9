package io.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link BlobStore} contract, run against every log the store can sit on. */
abstract class BlobStoreContractTest {

  /** A log and medium that can be closed and reopened, or crashed. */
  interface Env extends AutoCloseable {
    default LogBlobStore open(BlobStoreConfig config) throws IOException {
      return open(config, null);
    }

    LogBlobStore open(BlobStoreConfig config, java.util.concurrent.ScheduledExecutorService scheduler)
        throws IOException;

    /** Closes store, log and medium cleanly. */
    void shutdown(LogBlobStore store) throws IOException;

    /** Loses power: the store is abandoned, unsynced bytes may vanish. */
    void crash(LogBlobStore store) throws IOException;

    @Override
    void close() throws IOException;
  }

  protected abstract Env newEnv(Path dir) throws IOException;

  static final BlobStoreConfig CONFIG = BlobStoreConfig.defaults().withRecordPayload(64 * 1024);

  @TempDir Path dir;
  Env env;
  LogBlobStore store;

  @BeforeEach
  void start() throws IOException {
    env = newEnv(dir);
    store = env.open(CONFIG);
  }

  @AfterEach
  void stop() throws Exception {
    if (store != null) {
      env.shutdown(store);
    }
    env.close();
  }

  LogBlobStore reopen() throws IOException {
    env.shutdown(store);
    store = env.open(CONFIG);
    return store;
  }

  LogBlobStore crashAndReopen() throws IOException {
    env.crash(store);
    store = env.open(CONFIG);
    return store;
  }

  static byte[] bytes(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] read(BlobRead r, long offset, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    r.read(offset, b);
    assertThat(b.hasRemaining()).isFalse();
    return b.array();
  }

  static byte[] readAll(BlobRead r) throws IOException {
    return read(r, 0, (int) r.size());
  }

  @Test
  void create_newBlob_readsZerosAndHasNoExtents() throws IOException {
    Blob b = store.create(10_000);
    assertThat(read(b, 0, 10_000)).isEqualTo(new byte[10_000]);
    assertThat(b.extents(0, 10_000)).isEmpty();
    assertThat(b.blobId()).isPositive();
  }

  @Test
  void write_unalignedOverlapping_readsLatestBytes() throws IOException {
    Blob b = store.create(0);
    byte[] model = new byte[5000];
    Random rnd = new Random(1);
    for (int i = 0; i < 200; i++) {
      int off = rnd.nextInt(4000);
      byte[] data = bytes(i, 1 + rnd.nextInt(999));
      b.write(off, ByteBuffer.wrap(data));
      System.arraycopy(data, 0, model, off, data.length);
    }
    assertThat(readAll(b)).isEqualTo(java.util.Arrays.copyOf(model, (int) b.size()));
  }

  @Test
  void write_largerThanRecordPayload_isSplitAndReadsBack() throws IOException {
    Blob b = store.create(0);
    byte[] data = bytes(7, 300_000 + 13);
    b.write(5, ByteBuffer.wrap(data));
    assertThat(b.size()).isEqualTo(5 + data.length);
    assertThat(read(b, 5, data.length)).isEqualTo(data);
    assertThat(b.extents(0, b.size())).containsExactly(new Extent(5, data.length));
  }

  @Test
  void read_pastSize_throwsEof() throws IOException {
    Blob b = store.create(100);
    assertThatThrownBy(() -> b.read(50, ByteBuffer.allocate(51))).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> b.read(-1, ByteBuffer.allocate(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void snapshot_laterWrites_doNotChangeTheVersion() throws IOException {
    Blob b = store.create(0);
    b.write(0, ByteBuffer.wrap(bytes(1, 8192)));
    BlobVersion v1 = b.snapshot();
    b.write(100, ByteBuffer.wrap(bytes(2, 100)));
    b.resize(50);
    assertThat(v1.size()).isEqualTo(8192);
    assertThat(readAll(v1)).isEqualTo(bytes(1, 8192));
    assertThat(store.versions(b.blobId())).extracting(BlobVersion::number).containsExactly(v1.number());
    assertThat(store.version(b.blobId(), v1.number()).size()).isEqualTo(8192);
  }

  @Test
  void cloneOf_sharesDataThenDivergesCopyOnWrite() throws IOException {
    Blob b = store.create(0);
    b.write(0, ByteBuffer.wrap(bytes(1, 10_000)));
    BlobVersion v = b.snapshot();
    long before = store.stats().logBytes();
    Blob c = store.cloneOf(v);
    assertThat(store.stats().logBytes() - before).isLessThan(1000);
    c.write(0, ByteBuffer.wrap(bytes(3, 10)));
    b.write(9990, ByteBuffer.wrap(bytes(4, 10)));
    byte[] expectClone = bytes(1, 10_000);
    System.arraycopy(bytes(3, 10), 0, expectClone, 0, 10);
    assertThat(readAll(c)).isEqualTo(expectClone);
    assertThat(readAll(v)).isEqualTo(bytes(1, 10_000));
    assertThat(c.blobId()).isNotEqualTo(b.blobId());
  }

  @Test
  void zero_rangeReadsZerosAndLeavesExtents() throws IOException {
    Blob b = store.create(0);
    b.write(0, ByteBuffer.wrap(bytes(1, 1000)));
    b.zero(100, 200);
    byte[] expect = bytes(1, 1000);
    java.util.Arrays.fill(expect, 100, 300, (byte) 0);
    assertThat(readAll(b)).isEqualTo(expect);
    assertThat(b.extents(0, 1000)).containsExactly(new Extent(0, 100), new Extent(300, 700));
  }

  @Test
  void link_sharesSourceBytesWithoutAppendingData() throws IOException {
    Blob src = store.create(0);
    src.write(0, ByteBuffer.wrap(bytes(1, 200_000)));
    Blob dst = store.create(0);
    long before = store.stats().logBytes();
    dst.link(1000, src, 50_000, 100_000);
    assertThat(store.stats().logBytes() - before).isLessThan(5_000);
    src.write(50_000, ByteBuffer.wrap(bytes(9, 100)));
    assertThat(dst.size()).isEqualTo(101_000);
    assertThat(read(dst, 1000, 100_000)).isEqualTo(java.util.Arrays.copyOfRange(bytes(1, 200_000), 50_000, 150_000));
    assertThat(read(dst, 0, 1000)).isEqualTo(new byte[1000]);
    assertThatThrownBy(() -> dst.link(0, src, 150_000, 60_000)).isInstanceOf(EOFException.class);
  }

  @Test
  void resize_shrinkThenGrow_dropsBytesPastTheCut() throws IOException {
    Blob b = store.create(0);
    b.write(0, ByteBuffer.wrap(bytes(1, 1000)));
    b.resize(400);
    b.resize(1000);
    byte[] expect = bytes(1, 1000);
    java.util.Arrays.fill(expect, 400, 1000, (byte) 0);
    assertThat(readAll(b)).isEqualTo(expect);
  }

  @Test
  void delete_blobAndVersion_areMissingAfterwardsButClonesStay() throws IOException {
    Blob b = store.create(0);
    b.write(0, ByteBuffer.wrap(bytes(1, 100)));
    BlobVersion v1 = b.snapshot();
    BlobVersion v2 = b.snapshot();
    Blob c = store.cloneOf(v1);
    store.deleteVersion(v1);
    assertThatThrownBy(() -> store.version(b.blobId(), v1.number())).isInstanceOf(NoSuchBlobException.class);
    assertThatThrownBy(() -> readAll(v1)).isInstanceOf(NoSuchBlobException.class);
    assertThatThrownBy(() -> store.deleteVersion(v1)).isInstanceOf(NoSuchBlobException.class);
    store.delete(b.blobId());
    assertThatThrownBy(() -> store.open(b.blobId())).isInstanceOf(NoSuchBlobException.class);
    assertThatThrownBy(() -> b.write(0, ByteBuffer.allocate(1))).isInstanceOf(NoSuchBlobException.class);
    assertThatThrownBy(() -> readAll(v2)).isInstanceOf(NoSuchBlobException.class);
    assertThatThrownBy(() -> store.delete(b.blobId())).isInstanceOf(NoSuchBlobException.class);
    assertThat(readAll(c)).isEqualTo(bytes(1, 100));
    assertThat(store.blobIds()).containsExactly(c.blobId());
  }

  @Test
  void reopen_afterCleanShutdown_recoversHeadsVersionsAndClones() throws IOException {
    long[] ids = populate();
    reopen();
    verifyPopulated(ids);
  }

  @Test
  void reopen_afterCheckpointAndMoreWrites_replaysOnlyTheTail() throws IOException {
    Blob b = store.create(0);
    for (int i = 0; i < 40; i++) {
      b.write(i * 1000L, ByteBuffer.wrap(bytes(i, 1000)));
    }
    store.checkpoint();
    long[] ids = populate();
    store.checkpoint();
    b.write(0, ByteBuffer.wrap(bytes(99, 10)));
    store.sync();
    reopen();
    verifyPopulated(ids);
    byte[] head = read(store.open(b.blobId()), 0, 10);
    assertThat(head).isEqualTo(bytes(99, 10));
  }

  @Test
  void crash_afterSync_keepsEverySyncedWrite() throws IOException {
    long[] ids = populate();
    store.checkpoint();
    Blob extra = store.open(ids[0]);
    extra.write(3, ByteBuffer.wrap(bytes(42, 5000)));
    extra.sync();
    crashAndReopen();
    assertThat(read(store.open(ids[0]), 3, 5000)).isEqualTo(bytes(42, 5000));
  }

  @Test
  void createUnsynced_syncedWithItsData_survivesCrash() throws IOException {
    Blob b = store.createUnsynced(0);
    b.write(0, ByteBuffer.wrap(bytes(7, 4096)));
    b.sync();
    crashAndReopen();
    assertThat(readAll(store.open(b.blobId()))).isEqualTo(bytes(7, 4096));
  }

  @Test
  void createUnsynced_crashBeforeAnySync_keepsSyncedBlobsAndGivesFreshIds() throws IOException {
    Blob kept = store.create(0);
    kept.write(0, ByteBuffer.wrap(bytes(9, 100)));
    kept.sync();
    Blob b = store.createUnsynced(0);
    b.write(0, ByteBuffer.wrap(bytes(8, 100)));
    crashAndReopen(); // keeps a random prefix of b's creation and write
    List<Long> live = store.blobIds();
    assertThat(readAll(store.open(kept.blobId()))).isEqualTo(bytes(9, 100));
    assertThat(live).doesNotHaveDuplicates();
    assertThat(live).doesNotContain(store.create(1).blobId());
  }

  @Test
  void reopen_idsAreNeverReused() throws IOException {
    Blob a = store.create(1);
    Blob b = store.create(1);
    store.delete(b.blobId());
    store.checkpoint();
    reopen();
    Blob c = store.create(1);
    assertThat(c.blobId()).isGreaterThan(b.blobId()).isGreaterThan(a.blobId());
    BlobVersion v1 = c.snapshot();
    store.deleteVersion(v1);
    reopen();
    assertThat(store.open(c.blobId()).snapshot().number()).isGreaterThan(v1.number());
  }

  @Test
  void clone_ofDeletedVersion_survivesRestartWithAndWithoutCheckpoint() throws IOException {
    Blob b = store.create(0);
    b.write(0, ByteBuffer.wrap(bytes(1, 5000)));
    store.checkpoint();
    BlobVersion v = b.snapshot();
    Blob c = store.cloneOf(v);
    b.write(0, ByteBuffer.wrap(bytes(2, 5000)));
    store.deleteVersion(v);
    store.sync();
    reopen();
    assertThat(readAll(store.open(c.blobId()))).isEqualTo(bytes(1, 5000));
    store.delete(b.blobId());
    store.compact();
    reopen();
    assertThat(readAll(store.open(c.blobId()))).isEqualTo(bytes(1, 5000));
  }

  @Test
  void compact_afterDeletes_freesSpaceAndKeepsLiveData() throws IOException {
    Blob keep = store.create(0);
    keep.write(0, ByteBuffer.wrap(bytes(5, 50_000)));
    List<Long> doomed = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Blob d = store.create(0);
      d.write(0, ByteBuffer.wrap(bytes(100 + i, 60_000)));
      BlobVersion v = d.snapshot();
      d.write(0, ByteBuffer.wrap(bytes(200 + i, 60_000)));
      store.deleteVersion(v);
      doomed.add(d.blobId());
    }
    for (long id : doomed) {
      store.delete(id);
    }
    store.sync();
    long before = store.stats().logBytes();
    long freed = store.compact();
    StoreStats after = store.stats();
    assertThat(freed).isPositive();
    assertThat(after.logBytes()).isLessThan(before / 2);
    assertThat(readAll(keep)).isEqualTo(bytes(5, 50_000));
    reopen();
    assertThat(readAll(store.open(keep.blobId()))).isEqualTo(bytes(5, 50_000));
    assertThat(store.blobIds()).containsExactly(keep.blobId());
  }

  @Test
  void compact_withOverwrites_relocatesLiveRecordsOfHeadsVersionsAndClones() throws IOException {
    long[] ids = populate();
    Blob churn = store.create(0);
    for (int i = 0; i < 60; i++) {
      churn.write(0, ByteBuffer.wrap(bytes(i, 40_000)));
    }
    store.sync();
    store.compact();
    verifyPopulated(ids);
    store.compact();
    reopen();
    verifyPopulated(ids);
    assertThat(readAll(store.open(churn.blobId()))).isEqualTo(bytes(59, 40_000));
  }

  @Test
  void concurrentWriters_onSharedAndOwnBlobs_allWritesReadBackAfterRestart() throws Exception {
    Blob shared = store.create(8 * 64 * 1024);
    List<Blob> own = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      own.add(store.create(0));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            shared.write(thread * 65536L + i * 1000L, ByteBuffer.wrap(bytes(thread * 1000 + i, 1000)));
            own.get(thread).write(i * 777L, ByteBuffer.wrap(bytes(-thread * 1000 - i, 777)));
            if (i % 10 == 0) {
              shared.sync();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    store.sync();
    reopen();
    for (int t = 0; t < 8; t++) {
      for (int i = 0; i < 50; i++) {
        assertThat(read(store.open(shared.blobId()), t * 65536L + i * 1000L, 1000)).isEqualTo(bytes(t * 1000 + i, 1000));
        assertThat(read(store.open(own.get(t).blobId()), i * 777L, 777)).isEqualTo(bytes(-t * 1000 - i, 777));
      }
    }
  }

  @Test
  void compact_concurrentWithReadersAndWriters_readsNeverFailOrGoStale() throws Exception {
    Blob stable = store.create(0);
    stable.write(0, ByteBuffer.wrap(bytes(77, 150_000)));
    BlobVersion version = stable.snapshot();
    Blob churn = store.create(0);
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int seed = t;
      threads.add(Thread.ofPlatform().start(() -> {
        Random rnd = new Random(seed);
        byte[] expect = bytes(77, 150_000);
        try {
          while (!stop.get()) {
            int off = rnd.nextInt(140_000);
            BlobRead r = rnd.nextBoolean() ? stable : version;
            assertThat(read(r, off, 10_000)).isEqualTo(java.util.Arrays.copyOfRange(expect, off, off + 10_000));
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      }));
    }
    threads.add(Thread.ofPlatform().start(() -> {
      try {
        for (int i = 0; !stop.get(); i++) {
          churn.write(0, ByteBuffer.wrap(bytes(i, 30_000)));
          churn.link(30_000, stable, i % 1000, 1000);
        }
      } catch (Throwable e) {
        errors.add(e);
      }
    }));
    long freed = 0;
    for (int i = 0; i < 8; i++) {
      Thread.sleep(50);
      freed += store.compact();
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
    assertThat(freed).isPositive();
    reopen();
    assertThat(readAll(store.open(stable.blobId()))).isEqualTo(bytes(77, 150_000));
  }

  /**
   * An NBD FLUSH is a sync: a writer at full speed (with segments rolling every few writes) and
   * readers of what it just wrote (bytes still in the log's write buffer) used to keep it from the
   * log's append lock for minutes.
   */
  @Test
  void sync_whileWriterWritesInTightLoopAndSegmentsRoll_returnsPromptlyAndCoversEarlierWrites()
      throws Exception {
    Blob stable = store.create(0);
    stable.write(0, ByteBuffer.wrap(bytes(77, 150_000)));
    Blob churn = store.create(0);
    churn.write(0, ByteBuffer.wrap(bytes(1, 31_000)));
    Blob flushed = store.create(0);
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        Random rnd = new Random();
        try {
          while (!stop.get()) {
            read(churn, rnd.nextInt(20_000), 10_000);
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      }));
    }
    threads.add(Thread.ofPlatform().start(() -> {
      try {
        for (int i = 0; !stop.get(); i++) {
          churn.write(0, ByteBuffer.wrap(bytes(i, 30_000)));
          churn.link(30_000, stable, i % 1000, 1000);
        }
      } catch (Throwable e) {
        errors.add(e);
      }
    }));
    java.util.concurrent.atomic.AtomicLong slowest = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicInteger synced = new java.util.concurrent.atomic.AtomicInteger();
    Thread flusher = Thread.ofPlatform().start(() -> {
      try {
        long end = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
          flushed.write(i * 100L, ByteBuffer.wrap(bytes(i, 100)));
          long t0 = System.nanoTime();
          flushed.sync();
          slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
          synced.set(i + 1);
        }
      } catch (Throwable e) {
        errors.add(e);
      }
    });
    flusher.join(java.time.Duration.ofSeconds(30));
    boolean starved = flusher.isAlive();
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    flusher.join();
    assertThat(errors).isEmpty();
    assertThat(starved).as("syncs for 2 s still running after 30 s while a writer wrote").isFalse();
    assertThat(java.time.Duration.ofNanos(slowest.get())).isLessThan(java.time.Duration.ofSeconds(5));
    int n = synced.get();
    crashAndReopen();
    Blob after = store.open(flushed.blobId());
    for (int i = 0; i < n; i++) {
      assertThat(read(after, i * 100L, 100)).as("synced write %d", i).isEqualTo(bytes(i, 100));
    }
  }

  @Test
  void checkpoint_triggeredByAppendedBytes_runsOnTheScheduler() throws Exception {
    env.shutdown(store);
    java.util.concurrent.ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      store = env.open(CONFIG.withCheckpointBytes(100_000), scheduler);
      long before = store.checkpointSequence();
      Blob b = store.create(0);
      for (int i = 0; i < 10; i++) {
        b.write(i * 20_000L, ByteBuffer.wrap(bytes(i, 20_000)));
      }
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (store.checkpointSequence() == before && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(store.checkpointSequence()).isGreaterThan(before);
    } finally {
      env.shutdown(store);
      scheduler.shutdown();
      store = env.open(CONFIG);
    }
  }

  /** Snapshots and clones allocate no map nodes, whatever the blob's size: O(1). */
  @Test
  void snapshotAndClone_ofHundredThousandExtentBlob_allocateNoMapNodes() throws IOException {
    Blob big = store.create(0);
    Blob small = store.create(0);
    small.write(0, ByteBuffer.wrap(bytes(1, 10)));
    ByteBuffer one = ByteBuffer.allocate(1);
    for (int i = 0; i < 100_000; i++) {
      one.clear().put(0, (byte) i);
      big.write(i * 2L, one);
    }
    assertThat(store.stats().blobs()).isEqualTo(2);
    long n0 = ExtentMap.allocatedNodes();
    BlobVersion vs = small.snapshot();
    store.cloneOf(vs);
    long smallCost = ExtentMap.allocatedNodes() - n0;
    long n1 = ExtentMap.allocatedNodes();
    long t1 = System.nanoTime();
    BlobVersion vb = big.snapshot();
    Blob cb = store.cloneOf(vb);
    long bigNanos = System.nanoTime() - t1;
    long bigCost = ExtentMap.allocatedNodes() - n1;
    assertThat(smallCost).isZero();
    assertThat(bigCost).isZero();
    assertThat(bigNanos).isLessThan(2_000_000_000L);
    assertThat(read(cb, 199_998, 1)[0]).isEqualTo((byte) 99_999);
    assertThat(cb.extents(0, cb.size())).hasSize(100_000);
  }

  /** Three blobs: head with versions, a clone, a linked one. */
  long[] populate() throws IOException {
    Blob a = store.create(0);
    a.write(0, ByteBuffer.wrap(bytes(10, 30_000)));
    BlobVersion v1 = a.snapshot();
    a.write(1000, ByteBuffer.wrap(bytes(11, 500)));
    a.zero(20_000, 5000);
    BlobVersion v2 = a.snapshot();
    a.resize(25_000);
    Blob c = store.cloneOf(v1);
    c.write(29_000, ByteBuffer.wrap(bytes(12, 2000)));
    Blob l = store.create(0);
    l.link(100, a, 0, 25_000);
    store.sync();
    assertThat(v2.number()).isGreaterThan(v1.number());
    return new long[] {a.blobId(), c.blobId(), l.blobId(), v1.number(), v2.number()};
  }

  void verifyPopulated(long[] ids) throws IOException {
    byte[] v1 = bytes(10, 30_000);
    byte[] v2 = v1.clone();
    System.arraycopy(bytes(11, 500), 0, v2, 1000, 500);
    java.util.Arrays.fill(v2, 20_000, 25_000, (byte) 0);
    byte[] head = java.util.Arrays.copyOf(v2, 25_000);
    byte[] clone = java.util.Arrays.copyOf(v1, 31_000);
    System.arraycopy(bytes(12, 2000), 0, clone, 29_000, 2000);
    byte[] linked = new byte[25_100];
    System.arraycopy(head, 0, linked, 100, 25_000);
    assertThat(readAll(store.open(ids[0]))).isEqualTo(head);
    assertThat(readAll(store.version(ids[0], ids[3]))).isEqualTo(v1);
    assertThat(readAll(store.version(ids[0], ids[4]))).isEqualTo(v2);
    assertThat(readAll(store.open(ids[1]))).isEqualTo(clone);
    assertThat(readAll(store.open(ids[2]))).isEqualTo(linked);
  }
}
