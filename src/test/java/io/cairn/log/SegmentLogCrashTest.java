package io.cairn.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.medium.CrashMode;
import io.cairn.medium.FaultyMedium;
import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Power loss on {@link FaultyMedium}: after every crash and reopen, every synced record verifies. */
class SegmentLogCrashTest {
  private static final int SEEDS = Boolean.getBoolean("cairn.long") ? 200 : 6;
  private static final SegmentLogConfig SMALL =
      SegmentLogConfig.defaults().withSegmentSize(96 << 10).withWriteBufferSize(16 << 10);

  @TempDir Path root;

  /** What a synced record must still be: its header and the seed of its payload. */
  private record Expected(Locator at, RecordHeader header) {}

  @ParameterizedTest
  @EnumSource(CrashMode.class)
  void crash_atRandomPoints_keepsEverySyncedRecordAndLogKeepsWorking(CrashMode mode) throws IOException {
    for (int seed = 0; seed < SEEDS; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      FaultyMedium medium = new FaultyMedium(new LocalMedium(root.resolve(mode + "-" + seed)), seed);
      Map<Long, Expected> synced = new TreeMap<>();
      SegmentLog log = SegmentLog.open(medium, SMALL);
      for (int cycle = 0; cycle < 4; cycle++) {
        List<Expected> pending = new ArrayList<>();
        for (int op = random.nextInt(10, 120); op > 0; op--) {
          if (random.nextInt(8) == 0) {
            log.sync();
            pending.forEach(e -> synced.put(e.header().sequence(), e));
            pending.clear();
          } else {
            pending.add(append(log, random));
          }
        }
        medium.crash(mode);
        log = SegmentLog.open(medium, SMALL);
        verify(log, synced, "seed " + seed + " cycle " + cycle);
      }
      for (int i = 0; i < 40; i++) {
        append(log, random);
      }
      log.sync();
      log.compact(log.segments().get(0).id(), new LiveRecords() {
        @Override
        public boolean isLive(RecordHeader header, Locator at) {
          return true;
        }

        @Override
        public void relocate(RecordHeader header, Locator from, Locator to) {}

        @Override
        public void persistRelocations() {}
      });
      log.close();
      assertThat(medium.liveHandles()).as("handles leaked by close").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(CrashMode.class)
  void crash_afterRandomIoFaults_keepsEverySyncedRecord(CrashMode mode) throws IOException {
    for (int seed = 0; seed < SEEDS; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      FaultyMedium medium = new FaultyMedium(new LocalMedium(root.resolve("faults-" + mode + "-" + seed)), seed);
      Map<Long, Expected> synced = new TreeMap<>();
      SegmentLog log = SegmentLog.open(medium, SMALL);
      for (int cycle = 0; cycle < 4; cycle++) {
        medium.partialAppendFailures(true)
            .failureProbability(FaultyMedium.Op.APPEND, 0.03)
            .failureProbability(FaultyMedium.Op.SYNC, 0.03)
            .failureProbability(FaultyMedium.Op.CREATE, 0.05);
        List<Expected> pending = new ArrayList<>();
        try {
          for (int op = random.nextInt(10, 120); op > 0; op--) {
            if (random.nextInt(8) == 0) {
              log.sync();
              pending.forEach(e -> synced.put(e.header().sequence(), e));
              pending.clear();
            } else {
              pending.add(append(log, random));
            }
          }
        } catch (IOException e) {
          assertThat(medium.injectedFaults()).as("only injected faults fail the log").isPositive();
        }
        medium.failureProbability(FaultyMedium.Op.APPEND, 0)
            .failureProbability(FaultyMedium.Op.SYNC, 0)
            .failureProbability(FaultyMedium.Op.CREATE, 0);
        medium.crash(mode);
        log = SegmentLog.open(medium, SMALL);
        verify(log, synced, "seed " + seed + " cycle " + cycle);
      }
      log.close();
    }
  }

  @ParameterizedTest
  @EnumSource(CrashMode.class)
  void crash_duringCompaction_losesNoLiveRecord(CrashMode mode) throws IOException {
    for (int seed = 0; seed < SEEDS; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      FaultyMedium medium = new FaultyMedium(new LocalMedium(root.resolve("compact-" + mode + "-" + seed)), seed);
      SegmentLog log = SegmentLog.open(medium, SMALL);
      Map<Long, Expected> synced = new TreeMap<>();
      for (int i = 0; i < 60; i++) {
        Expected e = append(log, random);
        synced.put(e.header().sequence(), e);
      }
      log.sync();
      long victim = log.segments().get(0).id();
      int crashAt = random.nextInt(4);
      LiveRecords owner = new LiveRecords() {
        int relocations;

        @Override
        public boolean isLive(RecordHeader header, Locator at) {
          return true;
        }

        @Override
        public void relocate(RecordHeader header, Locator from, Locator to) throws IOException {
          if (crashAt == 0 || (crashAt == 1 && ++relocations == 3)) {
            medium.crash(mode);
            throw new IOException("crashed in relocate");
          }
        }

        @Override
        public void persistRelocations() throws IOException {
          if (crashAt == 2) {
            medium.crash(mode);
            throw new IOException("crashed in persistRelocations");
          }
        }
      };
      try {
        log.compact(victim, owner);
      } catch (IOException e) {
        assertThat(crashAt).isLessThan(3);
      }
      if (crashAt == 3) {
        // Crash after compaction finished: the segment is gone, the copies are durable.
        medium.crash(mode);
      }
      SegmentLog reopened = SegmentLog.open(medium, SMALL);
      Map<Long, Integer> seen = new HashMap<>();
      reopened.scan((h, at) -> {
        seen.merge(h.sequence(), 1, Integer::sum);
        assertThat(Payloads.read(reopened, at)).isEqualTo(Payloads.of(h.owner(), h.payloadLength()));
      });
      assertThat(seen.keySet()).as("seed %d crash point %d", seed, crashAt).containsAll(synced.keySet());
      for (Expected e : synced.values()) {
        if (e.at().segment() != victim || crashAt < 3) {
          assertThat(reopened.header(e.at())).isEqualTo(e.header());
        }
      }
      reopened.close();
    }
  }

  private static Expected append(SegmentLog log, SplittableRandom random) throws IOException {
    int length = random.nextInt(10) == 0 ? random.nextInt(20_000, 200_000) : random.nextInt(0, 9000);
    long owner = random.nextLong(1, Long.MAX_VALUE);
    RecordKind kind = length == 0 ? RecordKind.ZERO : RecordKind.DATA;
    Locator at = log.append(kind, owner, 0, length, Payloads.buffer(owner, length));
    return new Expected(at, log.header(at));
  }

  private static void verify(SegmentLog log, Map<Long, Expected> synced, String what) throws IOException {
    long highest = synced.isEmpty() ? 0 : ((TreeMap<Long, Expected>) synced).lastKey();
    assertThat(log.lastSequence()).as(what).isGreaterThanOrEqualTo(highest);
    for (Expected e : synced.values()) {
      assertThat(log.header(e.at())).as(what).isEqualTo(e.header());
      assertThat(Payloads.read(log, e.at())).as(what)
          .isEqualTo(Payloads.of(e.header().owner(), e.header().payloadLength()));
    }
    List<Long> sequences = new ArrayList<>();
    log.scan((h, at) -> sequences.add(h.sequence()));
    assertThat(sequences).as(what).isSorted().doesNotHaveDuplicates().containsAll(synced.keySet());
  }
}
