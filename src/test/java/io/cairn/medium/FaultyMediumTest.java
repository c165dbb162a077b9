package io.cairn.medium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultyMediumTest {
  @TempDir Path dir;
  LocalMedium local;

  @BeforeEach
  void setUp() throws IOException {
    local = new LocalMedium(dir);
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] readAll(Medium m, String name) throws IOException {
    try (ReadFile in = m.open(name)) {
      ByteBuffer buf = ByteBuffer.allocate((int) in.length());
      in.readFully(0, buf);
      return buf.array();
    }
  }

  /** Writes {@code synced} bytes and syncs, then {@code more} bytes flushed but not synced. */
  static byte[] writeSyncedThenUnsynced(Medium m, String name, int synced, int more, long seed)
      throws IOException {
    byte[] all = bytes(synced + more, seed);
    AppendFile f = m.create(name);
    f.append(ByteBuffer.wrap(all, 0, synced));
    f.sync();
    f.append(ByteBuffer.wrap(all, synced, more));
    f.flush();
    return all;
  }

  @Test
  void operations_withoutFaults_behaveLikeDelegate() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1);
    byte[] data = bytes(10_000, 2);
    try (AppendFile f = m.create("a")) {
      f.append(ByteBuffer.wrap(data));
      f.flush();
      assertThat(f.length()).isEqualTo(10_000);
    }
    assertThat(readAll(m, "a")).isEqualTo(data);
    assertThat(m.list()).containsExactly("a");
    assertThat(m.syncedLength("a")).isEqualTo(10_000);
    assertThat(m.injectedFaults()).isZero();
    assertThat(m.liveHandles()).isZero();
  }

  @Test
  void append_withProbabilityOne_throwsAndWritesNothing() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1).failureProbability(FaultyMedium.Op.APPEND, 1.0);
    AppendFile f = m.create("a");
    ByteBuffer src = ByteBuffer.wrap(bytes(100, 3));
    assertThatThrownBy(() -> f.append(src)).isInstanceOf(InjectedFaultException.class);
    assertThat(src.position()).isZero();
    assertThat(f.length()).isZero();
    assertThat(local.length("a")).isZero();
    assertThat(m.injectedFaults()).isEqualTo(1);
  }

  @Test
  void randomFaults_withSameSeed_repeatExactly() throws IOException {
    List<Boolean> first = faultPattern(new FaultyMedium(new LocalMedium(dir.resolve("x")), 42));
    List<Boolean> second = faultPattern(new FaultyMedium(new LocalMedium(dir.resolve("y")), 42));
    List<Boolean> other = faultPattern(new FaultyMedium(new LocalMedium(dir.resolve("z")), 43));
    assertThat(first).isEqualTo(second).contains(true, false);
    assertThat(other).isNotEqualTo(first);
  }

  private static List<Boolean> faultPattern(FaultyMedium m) throws IOException {
    m.failureProbability(FaultyMedium.Op.SYNC, 0.3).failureProbability(FaultyMedium.Op.READ, 0.3);
    List<Boolean> failed = new ArrayList<>();
    try (AppendFile f = m.create("f")) {
      for (int i = 0; i < 40; i++) {
        f.append(ByteBuffer.wrap(new byte[] {(byte) i}));
        failed.add(attempt(f::sync));
      }
    } catch (InjectedFaultException ignoredCloseFault) {
      // close syncs and may draw a fault too; the pattern up to here is what is compared
    }
    try (ReadFile in = m.open("f")) {
      for (int i = 0; i < 40; i++) {
        failed.add(attempt(() -> in.readFully(0, ByteBuffer.allocate(1))));
      }
    }
    return failed;
  }

  interface IoAction {
    void run() throws IOException;
  }

  private static boolean attempt(IoAction action) throws IOException {
    try {
      action.run();
      return false;
    } catch (InjectedFaultException e) {
      return true;
    }
  }

  @Test
  void failNext_sync_failsOnlyTheNextSyncAndKeepsTailUnsynced() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1).failNext(FaultyMedium.Op.SYNC);
    AppendFile f = m.create("a");
    f.append(ByteBuffer.wrap(bytes(50, 1)));
    assertThatThrownBy(f::sync).isInstanceOf(InjectedFaultException.class);
    assertThat(m.syncedLength("a")).isZero();
    f.sync();
    assertThat(m.syncedLength("a")).isEqualTo(50);
  }

  @Test
  void create_withForcedFault_createsNothing() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1).failNext(FaultyMedium.Op.CREATE);
    assertThatThrownBy(() -> m.create("a")).isInstanceOf(InjectedFaultException.class);
    assertThat(local.exists("a")).isFalse();
    m.create("a").close();
    assertThat(local.exists("a")).isTrue();
  }

  @Test
  void failAppendsAfter_limit_writesExactlyWhatFitsThenThrowsNoSpace() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1).failAppendsAfter(250);
    AppendFile f = m.create("a");
    byte[] data = bytes(300, 5);
    f.append(ByteBuffer.wrap(data, 0, 100));
    ByteBuffer crossing = ByteBuffer.wrap(data, 100, 200);
    assertThatThrownBy(() -> f.append(crossing)).hasMessage("No space left on device");
    assertThat(crossing.remaining()).isEqualTo(50);
    assertThat(f.length()).isEqualTo(250);
    assertThatThrownBy(() -> f.append(ByteBuffer.wrap(data, 250, 1)))
        .hasMessage("No space left on device");
    f.sync();
    assertThat(readAll(m, "a")).isEqualTo(Arrays.copyOf(data, 250));

    m.failAppendsAfter(Long.MAX_VALUE);
    f.append(ByteBuffer.wrap(data, 250, 50));
    f.close();
    assertThat(readAll(m, "a")).isEqualTo(data);
  }

  @Test
  void partialAppendFailures_failingAppend_leavesAccountedPrefix() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 7)
        .partialAppendFailures(true)
        .failureProbability(FaultyMedium.Op.APPEND, 1.0);
    AppendFile f = m.create("a");
    boolean sawPartial = false;
    for (int i = 0; i < 20; i++) {
      long before = f.length();
      ByteBuffer src = ByteBuffer.wrap(bytes(1000, i));
      assertThatThrownBy(() -> f.append(src)).isInstanceOf(InjectedFaultException.class);
      assertThat(f.length() - before).isEqualTo(src.position()).isLessThan(1000);
      sawPartial |= src.position() > 0;
    }
    assertThat(sawPartial).isTrue();
  }

  @Test
  void crash_dropUnsynced_keepsExactlyTheSyncedPrefix() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1);
    byte[] all = writeSyncedThenUnsynced(m, "a", 1000, 500, 9);
    m.crash(CrashMode.DROP_UNSYNCED);
    assertThat(local.length("a")).isEqualTo(1000);
    assertThat(readAll(local, "a")).isEqualTo(Arrays.copyOf(all, 1000));
  }

  @Test
  void crash_dropUnsynced_removesFilesNeverSynced() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1);
    AppendFile f = m.create("never");
    f.append(ByteBuffer.wrap(bytes(10, 1)));
    f.flush();
    m.create("empty");
    writeSyncedThenUnsynced(m, "synced", 10, 0, 1);
    m.crash(CrashMode.DROP_UNSYNCED);
    assertThat(local.list()).containsExactly("synced");
  }

  @Test
  void crash_closedAndPreexistingFiles_surviveWhole() throws IOException {
    byte[] old = bytes(300, 1);
    try (AppendFile f = local.create("old")) {
      f.append(ByteBuffer.wrap(old));
    }
    FaultyMedium m = new FaultyMedium(local, 1);
    byte[] data = bytes(700, 2);
    try (AppendFile f = m.create("closed")) {
      f.append(ByteBuffer.wrap(data));
    }
    m.crash(CrashMode.TEAR_AND_CORRUPT);
    assertThat(readAll(local, "old")).isEqualTo(old);
    assertThat(readAll(local, "closed")).isEqualTo(data);
  }

  @Test
  void crash_deletedFile_staysDeleted() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1);
    writeSyncedThenUnsynced(m, "a", 10, 10, 1);
    m.delete("a");
    m.crash(CrashMode.TEAR);
    assertThat(local.exists("a")).isFalse();
  }

  @Test
  void crash_tear_keepsSyncedBytesAndSomePrefixOfTheTail() throws IOException {
    boolean sawTorn = false;
    for (int seed = 0; seed < 30; seed++) {
      LocalMedium d = new LocalMedium(dir.resolve("tear" + seed));
      FaultyMedium m = new FaultyMedium(d, seed);
      byte[] all = writeSyncedThenUnsynced(m, "a", 4096, 4096, seed);
      m.crash(CrashMode.TEAR);
      long len = d.length("a");
      assertThat(len).isBetween(4096L, 8192L);
      assertThat(readAll(d, "a")).isEqualTo(Arrays.copyOf(all, (int) len));
      assertThat(m.syncedLength("a")).isEqualTo(len);
      sawTorn |= len > 4096 && len < 8192;
    }
    assertThat(sawTorn).isTrue();
  }

  @Test
  void crash_tearAndCorrupt_flipsOnlyUnsyncedBytes() throws IOException {
    int corrupted = 0;
    for (int seed = 0; seed < 30; seed++) {
      LocalMedium d = new LocalMedium(dir.resolve("corrupt" + seed));
      FaultyMedium m = new FaultyMedium(d, seed);
      byte[] all = writeSyncedThenUnsynced(m, "a", 4096, 4096, seed);
      m.crash(CrashMode.TEAR_AND_CORRUPT);
      byte[] after = readAll(d, "a");
      assertThat(after.length).isBetween(4096, 8192);
      assertThat(Arrays.copyOf(after, 4096)).isEqualTo(Arrays.copyOf(all, 4096));
      if (!Arrays.equals(after, Arrays.copyOf(all, after.length))) {
        corrupted++;
      }
    }
    assertThat(corrupted).isGreaterThan(10);
  }

  @Test
  void crash_openHandles_throwAfterwardsButNewHandlesWork() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1);
    byte[] all = writeSyncedThenUnsynced(m, "b", 100, 0, 1);
    AppendFile f = m.create("a");
    f.append(ByteBuffer.wrap(all));
    f.sync();
    ReadFile in = m.open("b");
    assertThat(m.liveHandles()).isEqualTo(3);

    m.crash(CrashMode.DROP_UNSYNCED);

    assertThat(m.liveHandles()).isZero();
    assertThatThrownBy(() -> f.append(ByteBuffer.allocate(1))).isInstanceOf(IOException.class);
    assertThatThrownBy(f::sync).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> in.readFully(0, ByteBuffer.allocate(1))).isInstanceOf(IOException.class);
    assertThatThrownBy(f::close).hasMessageContaining("crashed");
    in.close();
    assertThat(readAll(m, "a")).isEqualTo(all);
    try (AppendFile g = m.create("c")) {
      g.append(ByteBuffer.wrap(all));
    }
    assertThat(readAll(m, "c")).isEqualTo(all);
  }

  @Test
  void crash_rewritesTheDelegateFileOnDisk() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1);
    writeSyncedThenUnsynced(m, "a", 100, 900, 1);
    assertThat(Files.size(dir.resolve("a"))).isEqualTo(1000);
    m.crash(CrashMode.DROP_UNSYNCED);
    assertThat(Files.size(dir.resolve("a"))).isEqualTo(100);
  }

  @Test
  void crash_twice_secondCrashKeepsWhatTheFirstLeft() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 3);
    writeSyncedThenUnsynced(m, "a", 100, 900, 1);
    m.crash(CrashMode.TEAR);
    byte[] survivor = readAll(local, "a");
    m.crash(CrashMode.DROP_UNSYNCED);
    assertThat(readAll(local, "a")).isEqualTo(survivor);
  }

  @Test
  void crash_duringConcurrentSyncs_keepsEveryAcknowledgedByte() throws Exception {
    FaultyMedium m = new FaultyMedium(local, 5);
    int writers = 4;
    AtomicLongArray acknowledged = new AtomicLongArray(writers);
    CountDownLatch running = new CountDownLatch(writers);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int id = w;
      AppendFile f = m.create("w" + id);
      threads.add(Thread.ofPlatform().start(() -> {
        byte[] chunk = new byte[100];
        Arrays.fill(chunk, (byte) id);
        try {
          for (int i = 0; ; i++) {
            f.append(ByteBuffer.wrap(chunk));
            f.sync();
            acknowledged.set(id, f.length());
            if (i == 10) {
              running.countDown();
            }
          }
        } catch (IOException expectedAfterCrash) {
          running.countDown();
        }
      }));
    }
    running.await();
    m.crash(CrashMode.DROP_UNSYNCED);
    for (Thread t : threads) {
      t.join();
    }
    for (int w = 0; w < writers; w++) {
      byte[] after = readAll(local, "w" + w);
      assertThat((long) after.length).isGreaterThanOrEqualTo(acknowledged.get(w)).isPositive();
      assertThat(after.length % 100).isZero();
      byte[] expected = new byte[after.length];
      Arrays.fill(expected, (byte) w);
      assertThat(after).isEqualTo(expected);
    }
  }

  @Test
  void append_afterClose_throwsClosedChannel() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1);
    AppendFile f = m.create("a");
    f.close();
    assertThatThrownBy(() -> f.append(ByteBuffer.allocate(1)))
        .isInstanceOf(ClosedChannelException.class);
  }

  @Test
  void liveHandles_closedHandles_areNotCounted() throws IOException {
    FaultyMedium m = new FaultyMedium(local, 1);
    AppendFile f = m.create("a");
    ReadFile in = m.open("a");
    assertThat(m.liveHandles()).isEqualTo(2);
    in.close();
    f.close();
    assertThat(m.liveHandles()).isZero();
  }
}
