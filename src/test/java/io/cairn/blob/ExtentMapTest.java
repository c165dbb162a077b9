package io.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.log.Locator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtentMapTest {

  private static final int SPACE = 4096;

  /** What a byte reads as: -1 for a hole, else a value unique to (record, payload byte). */
  private static long[] render(ExtentMap map) {
    long[] cells = new long[SPACE];
    Arrays.fill(cells, -1);
    long prevEnd = -1;
    for (ExtentMap.Entry e : map.entries()) {
      assertThat(e.length()).isPositive();
      assertThat(e.offset()).isGreaterThanOrEqualTo(prevEnd);
      prevEnd = e.end();
      for (long i = e.offset(); i < e.end(); i++) {
        cells[(int) i] = e.locator().offset() * 1_000_000L + e.payloadOffset() + (i - e.offset());
      }
    }
    return cells;
  }

  private static Locator record(int id) {
    return new Locator(1, id, 1 << 20);
  }

  @Test
  void randomOperations_matchByteArrayModel_andOldVersionsStayIntact() {
    long seed = Long.getLong("cairn.seed", System.nanoTime());
    System.out.println("ExtentMapTest seed " + seed);
    Random rnd = new Random(seed);
    ExtentMap map = ExtentMap.EMPTY;
    long[] model = new long[SPACE];
    Arrays.fill(model, -1);
    List<ExtentMap> versions = new ArrayList<>();
    List<long[]> versionModels = new ArrayList<>();
    int ops = Boolean.getBoolean("cairn.long") ? 200_000 : 20_000;
    for (int op = 0; op < ops; op++) {
      int off = rnd.nextInt(SPACE);
      int len = rnd.nextInt(Math.min(SPACE - off, rnd.nextBoolean() ? 16 : 700) + 1);
      int choice = rnd.nextInt(10);
      if (choice < 6) {
        int id = op + 1;
        int po = rnd.nextInt(100);
        map = map.put(off, len, record(id), po);
        for (int i = 0; i < len; i++) {
          model[off + i] = id * 1_000_000L + po + i;
        }
      } else if (choice < 8) {
        map = map.punch(off, len);
        Arrays.fill(model, off, off + len, -1);
      } else if (choice < 9) {
        // link: copy another range's entries here, like Blob.link
        int src = rnd.nextInt(SPACE - len + 1);
        List<ExtentMap.Entry> shifted = new ArrayList<>();
        for (ExtentMap.Entry e : map.slice(src, src + len)) {
          shifted.add(new ExtentMap.Entry(e.offset() - src + off, e.length(), e.locator(), e.payloadOffset()));
        }
        map = map.replace(off, len, shifted);
        long[] copy = Arrays.copyOfRange(model, src, src + len);
        System.arraycopy(copy, 0, model, off, len);
      } else {
        map = map.truncate(off);
        Arrays.fill(model, off, SPACE, -1);
      }
      if (op % 97 == 0) {
        versions.add(map);
        versionModels.add(model.clone());
      }
      if (op % 13 == 0) {
        assertThat(render(map)).as("op %d seed %d", op, seed).isEqualTo(model);
        assertThat(map.entryCount()).isEqualTo(map.entries().size());
      }
    }
    assertThat(render(map)).isEqualTo(model);
    for (int v = 0; v < versions.size(); v++) {
      assertThat(render(versions.get(v))).as("version %d seed %d", v, seed).isEqualTo(versionModels.get(v));
    }
  }

  @Test
  void sequentialWrites_keepTreeLogarithmic() {
    ExtentMap map = ExtentMap.EMPTY;
    for (int i = 0; i < 100_000; i++) {
      map = map.put(i * 4096L, 4096, record(i + 1), 0);
    }
    assertThat(map.entryCount()).isEqualTo(100_000);
    assertThat(map.depth()).isLessThan(60);
    assertThat(map.end()).isEqualTo(100_000 * 4096L);
  }

  @Test
  void bulkBuild_equalsIncrementalInsertsAndStaysBalanced() {
    List<ExtentMap.Entry> entries = new ArrayList<>();
    ExtentMap incremental = ExtentMap.EMPTY;
    for (int i = 0; i < 50_000; i++) {
      ExtentMap.Entry e = new ExtentMap.Entry(i * 10L, 7, record(i + 1), 3);
      entries.add(e);
      incremental = incremental.put(e.offset(), e.length(), e.locator(), e.payloadOffset());
    }
    ExtentMap bulk = ExtentMap.of(entries);
    assertThat(bulk.entries()).isEqualTo(incremental.entries());
    assertThat(bulk.depth()).isLessThan(60);
  }

  @Test
  void put_unalignedOverlap_trimsNeighboursAndShiftsPayloadOffset() {
    ExtentMap map = ExtentMap.EMPTY.put(0, 100, record(1), 0).put(10, 5, record(2), 40);
    assertThat(map.entries())
        .containsExactly(
            new ExtentMap.Entry(0, 10, record(1), 0),
            new ExtentMap.Entry(10, 5, record(2), 40),
            new ExtentMap.Entry(15, 85, record(1), 15));
  }

  @Test
  void relocate_repointsOnlyMovedRecords_andSharesUntouchedMaps() {
    ExtentMap map = ExtentMap.EMPTY.put(0, 10, record(1), 0).put(20, 10, record(2), 0);
    Locator moved = new Locator(9, 0, 1 << 20);
    ExtentMap after = map.relocate(Map.of(record(2), moved));
    assertThat(after.entries())
        .containsExactly(new ExtentMap.Entry(0, 10, record(1), 0), new ExtentMap.Entry(20, 10, moved, 0));
    assertThat(map.relocate(Map.of(record(7), moved))).isSameAs(map);
  }

  @Test
  void forEachDistinct_visitsSharedNodesOnce() {
    ExtentMap base = ExtentMap.EMPTY;
    for (int i = 0; i < 1000; i++) {
      base = base.put(i * 10L, 5, record(i + 1), 0);
    }
    ExtentMap changed = base.put(5, 1, record(5000), 0);
    var seen = new HashSet<Object>();
    Map<Long, Integer> visits = new HashMap<>();
    base.forEachDistinct(seen, e -> visits.merge(e.offset(), 1, Integer::sum));
    int afterFirst = visits.size();
    int[] extra = {0};
    changed.forEachDistinct(seen, e -> extra[0]++);
    assertThat(afterFirst).isEqualTo(1000);
    assertThat(extra[0]).isLessThan(100);
  }

  @Test
  void put_negativeOrOverflowingRange_isRejected() {
    assertThatThrownBy(() -> ExtentMap.EMPTY.put(-1, 1, record(1), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExtentMap.EMPTY.put(Long.MAX_VALUE, 2, record(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
