package io.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random operations against a {@link LogBlobStore} and a byte-array model side by
 * side, with crashes and recoveries at random points.
 *
 * <p>The model keeps the synced state ({@code committed}) and the changes since ({@code pending},
 * each with the log sequence of its record). The log keeps a prefix of its records across a
 * crash, so after recovery the store must equal {@code committed} plus exactly the pending
 * changes whose records survived (those at or below the recovered log's last sequence): every
 * synced write is there, and an unsynced one is either wholly there or wholly absent.
 *
 * <p>Reproduce a failure with {@code -Dcairn.seed=<seed>}; {@code -Dcairn.long=true} runs ten
 * times more operations.
 */
class BlobStoreRandomizedTest {

  @TempDir Path dir;

  private StoreHarness harness;
  private LogBlobStore store;
  private Random rnd;
  private StoreModel committed = new StoreModel();
  private StoreModel current = new StoreModel();
  private final List<StoreModel.Change> pending = new ArrayList<>();
  private long crashes;
  private long faultsSurvived;
  private long compacted;

  @Test
  void randomOperationsWithCrashes_matchModel() throws Exception {
    long seed = Long.getLong("cairn.seed", System.nanoTime());
    System.out.println("BlobStoreRandomizedTest seed " + seed + " (rerun with -Dcairn.seed=" + seed + ")");
    rnd = new Random(seed);
    int ops = Boolean.getBoolean("cairn.long") ? 30_000 : 3_000;
    harness = StoreHarness.create(dir, seed);
    try {
      store = harness.open();
      for (int op = 0; op < ops; op++) {
        try {
          step(op);
        } catch (AssertionError e) {
          throw new AssertionError("seed " + seed + " op " + op + ": " + e.getMessage(), e);
        }
      }
      crashAndVerify();
      System.out.println("BlobStoreRandomizedTest: " + ops + " ops, " + crashes + " crashes, "
          + faultsSurvived + " injected faults survived, " + compacted + " bytes compacted");
      assertThat(crashes).isPositive();
      assertThat(compacted).isPositive();
    } finally {
      harness.close(store);
    }
  }

  private void step(int op) throws IOException {
    int dice = rnd.nextInt(1000);
    harness.faults(false);
    if (current.blobs.isEmpty() || dice < 40) {
      if (current.blobs.size() < 12) {
        create();
      }
      return;
    }
    long id = pick(current.ids());
    if (dice < 400) {
      dataOp(id);
    } else if (dice < 600) {
      readCheck(id);
    } else if (dice < 650) {
      store.sync();
      commit();
    } else if (dice < 700) {
      snapshot(id);
    } else if (dice < 730) {
      cloneOf(id);
    } else if (dice < 750) {
      deleteVersion(id);
    } else if (dice < 765) {
      store.delete(id);
      commit();
      current.blobs.remove(id);
      committed.blobs.remove(id);
    } else if (dice < 810) {
      // Faults may hit a checkpoint or compaction anywhere, copies and manifest included.
      boolean armed = rnd.nextInt(3) == 0;
      harness.faults(armed);
      try {
        if (dice < 790) {
          store.checkpoint();
        } else {
          compacted += store.compact();
        }
      } catch (IOException e) {
        if (!armed) {
          throw e;
        }
        faultsSurvived++;
        crashAndVerify();
        return;
      } finally {
        harness.faults(false);
      }
      commit();
    } else if (dice < 830) {
      crashAndVerify();
    } else if (dice < 840) {
      harness.shutdown(store);
      commit();
      store = harness.open();
      verifyAll();
    } else {
      dataOp(id);
    }
  }

  private void create() throws IOException {
    int size = rnd.nextInt(70_000);
    Blob b = store.create(size);
    commit();
    assertThat(current.blobs).doesNotContainKey(b.blobId());
    current.blobs.put(b.blobId(), new StoreModel.ModelBlob(new byte[size], new TreeMap<>()));
    committed.blobs.put(b.blobId(), new StoreModel.ModelBlob(new byte[size], new TreeMap<>()));
  }

  /** One unsynced change (one log record); with faults armed it may fail, then we crash. */
  private void dataOp(long id) throws IOException {
    Blob b = store.open(id);
    StoreModel.ModelBlob m = current.blobs.get(id);
    int size = m.data.length;
    long before = harness.log().lastSequence();
    boolean armed = rnd.nextInt(10) == 0;
    harness.faults(armed);
    StoreModel.Change change;
    int kind = rnd.nextInt(10);
    try {
      if (kind < 6) {
        int off = rnd.nextInt(size + 8192);
        int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 600 : 30_000);
        byte[] data = new byte[len];
        rnd.nextBytes(data);
        change = new StoreModel.Write(before + 1, id, off, data);
        pendingMaybe(change);
        b.write(off, ByteBuffer.wrap(data));
      } else if (kind < 7) {
        int off = rnd.nextInt(size + 100);
        int len = rnd.nextInt(20_000);
        change = new StoreModel.Zero(before + 1, id, off, len);
        pendingMaybe(change);
        b.zero(off, len);
      } else if (kind < 8) {
        int newSize = rnd.nextInt(80_000);
        change = new StoreModel.Resize(before + 1, id, newSize);
        pendingMaybe(change);
        b.resize(newSize);
      } else {
        long srcId = pick(current.ids());
        StoreModel.ModelBlob src = current.blobs.get(srcId);
        BlobRead from = store.open(srcId);
        byte[] srcBytes = src.data;
        if (!src.versions.isEmpty() && rnd.nextBoolean()) {
          long v = pick(new ArrayList<>(src.versions.keySet()));
          from = store.version(srcId, v);
          srcBytes = src.versions.get(v);
        }
        int srcOff = srcBytes.length == 0 ? 0 : rnd.nextInt(srcBytes.length);
        int len = rnd.nextInt(srcBytes.length - srcOff + 1);
        int off = rnd.nextInt(size + 4096);
        change = new StoreModel.Write(before + 1, id, off, Arrays.copyOfRange(srcBytes, srcOff, srcOff + len));
        pendingMaybe(change);
        b.link(off, from, srcOff, len);
      }
    } catch (IOException e) {
      if (!armed) {
        throw e;
      }
      faultsSurvived++;
      crashAndVerify();
      return;
    }
    harness.faults(false);
    assertThat(harness.log().lastSequence()).as("one record per data op").isEqualTo(before + 1);
    change.apply(current);
    if (rnd.nextInt(8) == 0) {
      harness.faults(armed);
      try {
        b.sync();
      } catch (IOException e) {
        if (!armed) {
          throw e;
        }
        faultsSurvived++;
        crashAndVerify();
        return;
      } finally {
        harness.faults(false);
      }
      commit();
    }
  }

  private void pendingMaybe(StoreModel.Change change) {
    pending.add(change);
  }

  private void readCheck(long id) throws IOException {
    StoreModel.ModelBlob m = current.blobs.get(id);
    BlobRead r = store.open(id);
    byte[] expect = m.data;
    if (!m.versions.isEmpty() && rnd.nextBoolean()) {
      long v = pick(new ArrayList<>(m.versions.keySet()));
      r = store.version(id, v);
      expect = m.versions.get(v);
    }
    assertThat(r.size()).isEqualTo(expect.length);
    int off = expect.length == 0 ? 0 : rnd.nextInt(expect.length);
    int len = rnd.nextInt(expect.length - off + 1);
    ByteBuffer dst = ByteBuffer.allocate(len);
    r.read(off, dst);
    sameBytes(dst.array(), Arrays.copyOfRange(expect, off, off + len), "read " + r + " at " + off + "+" + len);
  }

  private void snapshot(long id) throws IOException {
    BlobVersion v = store.open(id).snapshot();
    commit();
    StoreModel.ModelBlob m = current.blobs.get(id);
    assertThat(m.versions.isEmpty() || v.number() > m.versions.lastKey()).isTrue();
    m.versions.put(v.number(), m.data.clone());
    committed.blobs.get(id).versions.put(v.number(), m.data.clone());
    if (m.versions.size() > 4) {
      deleteVersion(id);
    }
  }

  private void cloneOf(long id) throws IOException {
    StoreModel.ModelBlob m = current.blobs.get(id);
    if (m.versions.isEmpty() || current.blobs.size() >= 12) {
      return;
    }
    long v = pick(new ArrayList<>(m.versions.keySet()));
    Blob c = store.cloneOf(store.version(id, v));
    commit();
    current.blobs.put(c.blobId(), new StoreModel.ModelBlob(m.versions.get(v).clone(), new TreeMap<>()));
    committed.blobs.put(c.blobId(), new StoreModel.ModelBlob(m.versions.get(v).clone(), new TreeMap<>()));
  }

  private void deleteVersion(long id) throws IOException {
    StoreModel.ModelBlob m = current.blobs.get(id);
    if (m.versions.isEmpty()) {
      return;
    }
    long v = pick(new ArrayList<>(m.versions.keySet()));
    store.deleteVersion(store.version(id, v));
    commit();
    m.versions.remove(v);
    committed.blobs.get(id).versions.remove(v);
  }

  /** Everything appended so far is durable: fold the pending changes into the committed model. */
  private void commit() {
    for (StoreModel.Change c : pending) {
      c.apply(committed);
    }
    pending.clear();
  }

  private void crashAndVerify() throws IOException {
    crashes++;
    harness.faults(false);
    harness.crash(store);
    store = harness.open();
    long survived = harness.log().lastSequence();
    StoreModel expected = committed.copy();
    for (StoreModel.Change c : pending) {
      if (c.sequence() <= survived) {
        c.apply(expected);
      }
    }
    pending.clear();
    committed = expected;
    current = expected.copy();
    verifyAll();
  }

  private void verifyAll() throws IOException {
    assertThat(store.blobIds()).isEqualTo(current.ids());
    for (Map.Entry<Long, StoreModel.ModelBlob> e : current.blobs.entrySet()) {
      Blob b = store.open(e.getKey());
      sameBytes(BlobStoreContractTest.readAll(b), e.getValue().data, "head of blob " + e.getKey());
      List<Long> numbers = new ArrayList<>();
      for (BlobVersion v : store.versions(e.getKey())) {
        numbers.add(v.number());
        byte[] expect = e.getValue().versions.get(v.number());
        assertThat(expect).as("version %d of blob %d exists in the model", v.number(), e.getKey()).isNotNull();
        sameBytes(BlobStoreContractTest.readAll(v), expect, "version " + v.number() + " of blob " + e.getKey());
      }
      assertThat(numbers).isEqualTo(new ArrayList<>(e.getValue().versions.keySet()));
    }
  }

  /** Byte arrays compared with a short message: lengths and the first differing offset. */
  static void sameBytes(byte[] actual, byte[] expected, String what) {
    int diff = Arrays.mismatch(actual, expected);
    if (diff >= 0) {
      throw new AssertionError(what + ": " + actual.length + " bytes, expected " + expected.length
          + "; first difference at " + diff);
    }
  }

  private long pick(List<Long> ids) {
    return ids.get(rnd.nextInt(ids.size()));
  }
}
