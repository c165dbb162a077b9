package io.cairn.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.medium.ForwardingMedium;
import io.cairn.medium.LocalMedium;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
  private static final SegmentLogConfig SMALL =
      SegmentLogConfig.defaults().withSegmentSize(32 << 10).withWriteBufferSize(8 << 10);

  @TempDir Path dir;

  /** An owner that keeps even-numbered records and remembers where each one lives. */
  private static final class EvenRecords implements LiveRecords {
    final Map<Long, Locator> where = new HashMap<>();
    final List<Locator[]> relocations = new ArrayList<>();
    int persisted;
    boolean failPersist;
    final List<String> calls = new ArrayList<>();

    @Override
    public boolean isLive(RecordHeader header, Locator at) {
      calls.add("isLive");
      return header.owner() % 2 == 0 && at.equals(where.get(header.owner()));
    }

    @Override
    public void relocate(RecordHeader header, Locator from, Locator to) {
      calls.add("relocate");
      relocations.add(new Locator[] {from, to});
      where.put(header.owner(), to);
    }

    @Override
    public void persistRelocations() throws IOException {
      calls.add("persist");
      if (failPersist) {
        throw new IOException("injected: checkpoint failed");
      }
      persisted++;
    }
  }

  private static EvenRecords fill(SegmentLog log, int count) throws IOException {
    EvenRecords owner = new EvenRecords();
    for (long n = 0; n < count; n++) {
      owner.where.put(n, log.append(RecordKind.DATA, n, n * 10, 3000, Payloads.buffer(n, 3000)));
    }
    return owner;
  }

  @Test
  void compact_sealedSegment_movesLiveRecordsDropsDeadOnesAndDeletesIt() throws IOException {
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      EvenRecords owner = fill(log, 40);
      SegmentInfo first = log.segments().get(0);
      assertThat(first.sealed()).isTrue();
      Map<Long, Locator> before = new HashMap<>(owner.where);
      long reclaimed = log.compact(first.id(), owner);

      long inFirst = before.values().stream().filter(l -> l.segment() == first.id()).count();
      long liveInFirst = before.entrySet().stream()
          .filter(e -> e.getValue().segment() == first.id() && e.getKey() % 2 == 0).count();
      assertThat(owner.relocations).hasSize((int) liveInFirst);
      for (Locator[] move : owner.relocations) {
        assertThat(move[0].segment()).isEqualTo(first.id());
        assertThat(move[1].segment()).isGreaterThan(first.id());
        RecordHeader moved = log.header(move[1]);
        assertThat(before.get(moved.owner())).isEqualTo(move[0]);
        assertThat(moved.sequence()).as("copies keep their sequence").isEqualTo(moved.owner() + 1);
        assertThat(moved.logicalOffset()).isEqualTo(moved.owner() * 10);
        assertThat(Payloads.read(log, move[1])).isEqualTo(Payloads.of(moved.owner(), 3000));
      }
      assertThat(owner.persisted).isEqualTo(1);
      assertThat(owner.calls.subList((int) inFirst, owner.calls.size()))
          .as("isLive for all, then relocate for each live one, then persist")
          .containsExactlyElementsOf(concat(java.util.Collections.nCopies((int) liveInFirst, "relocate"), "persist"));
      assertThat(log.segments()).extracting(SegmentInfo::id).doesNotContain(first.id());
      assertThat(dir.resolve(Segment.logName(first.id()))).doesNotExist();
      assertThat(dir.resolve(Segment.sealName(first.id()))).doesNotExist();
      assertThat(reclaimed).isEqualTo(first.bytes() - liveInFirst * RecordFormat.recordSize(3000));
      assertThat(log.stats().compactions()).isEqualTo(1);
      assertThat(log.stats().relocatedRecords()).isEqualTo(liveInFirst);
      Locator gone = before.get(1L);
      assertThatThrownBy(() -> log.header(gone)).isInstanceOf(NoSuchFileException.class);
      assertThat(log.lastSequence()).isEqualTo(40);
    }
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      assertThat(log.lastSequence()).isEqualTo(40);
    }
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> all = new ArrayList<>(a);
    all.add(b);
    return all;
  }

  @Test
  void compact_activeOrUnknownSegment_isRefused() throws IOException {
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      EvenRecords owner = fill(log, 3);
      long active = log.segments().get(log.segments().size() - 1).id();
      assertThatThrownBy(() -> log.compact(active, owner)).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> log.compact(999, owner)).isInstanceOf(NoSuchFileException.class);
      assertThat(owner.calls).isEmpty();
    }
  }

  @Test
  void compact_whenPersistRelocationsFails_keepsOldSegmentAndReopenReadsBothCopies() throws IOException {
    Map<Long, Locator> original;
    long victim;
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      EvenRecords owner = fill(log, 40);
      original = new HashMap<>(owner.where);
      victim = log.segments().get(0).id();
      owner.failPersist = true;
      assertThatThrownBy(() -> log.compact(victim, owner)).hasMessageContaining("injected");
      assertThat(dir.resolve(Segment.logName(victim))).exists();
      assertThat(log.segments()).extracting(SegmentInfo::id).contains(victim);
    }
    assertReopenedLogHasEveryRecord(original, victim);
  }

  @Test
  void compact_whenMediumFailsMidCopy_keepsOldSegmentAndReopenReadsEverything() throws IOException {
    Map<Long, Locator> original;
    long victim;
    InstrumentedMedium medium = new InstrumentedMedium(new LocalMedium(dir));
    SegmentLog log = SegmentLog.open(medium, SMALL);
    EvenRecords owner = fill(log, 40);
    log.sync();
    original = new HashMap<>(owner.where);
    victim = log.segments().get(0).id();
    medium.failAppendsAfter(5000);
    assertThatThrownBy(() -> log.compact(victim, owner)).isInstanceOf(IOException.class);
    assertThat(owner.relocations).as("nothing repointed to copies that may not exist").isEmpty();
    assertThat(owner.persisted).isZero();
    assertThat(dir.resolve(Segment.logName(victim))).exists();
    // The log failed; a crash-and-reopen recovers.
    assertReopenedLogHasEveryRecord(original, victim);
  }

  @Test
  void compact_whileOtherThreadsAppendReadAndScan_losesNothing() throws Exception {
    java.util.concurrent.ConcurrentHashMap<Long, Locator> where = new java.util.concurrent.ConcurrentHashMap<>();
    LiveRecords owner = new LiveRecords() {
      @Override
      public boolean isLive(RecordHeader header, Locator at) {
        return header.owner() % 3 != 0 && at.equals(where.get(header.owner()));
      }

      @Override
      public void relocate(RecordHeader header, Locator from, Locator to) {
        where.replace(header.owner(), from, to);
      }

      @Override
      public void persistRelocations() {}
    };
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      Thread appender = Thread.ofPlatform().start(() -> {
        try {
          for (long n = 0; n < 600; n++) {
            where.put(n, log.append(RecordKind.DATA, n, 0, 2000, Payloads.buffer(n, 2000)));
            written.set(n + 1);
            if (n % 10 == 0) {
              log.sync();
            }
          }
        } catch (Throwable e) {
          errors.add(e);
        } finally {
          done.set(true);
        }
      });
      Thread reader = Thread.ofPlatform().start(() -> {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        try {
          while (!done.get()) {
            if (written.get() == 0) {
              continue;
            }
            long n = random.nextLong(written.get());
            if (n % 3 == 0) {
              continue;
            }
            // A locator read just before its segment is deleted is gone; the owner has the new one.
            for (int attempt = 0; ; attempt++) {
              try {
                assertThat(Payloads.read(log, where.get(n))).isEqualTo(Payloads.of(n, 2000));
                break;
              } catch (NoSuchFileException e) {
                assertThat(attempt).isLessThan(5);
              }
            }
          }
          log.scan((h, at) -> assertThat(h.sequence()).isEqualTo(h.owner() + 1));
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      int compacted = 0;
      while (!done.get() || compacted == 0) {
        for (SegmentInfo s : log.segments()) {
          if (s.sealed()) {
            log.compact(s.id(), owner);
            compacted++;
          }
        }
      }
      appender.join();
      reader.join();
      assertThat(errors).isEmpty();
      assertThat(compacted).isPositive();
      for (long n = 0; n < 600; n++) {
        if (n % 3 != 0) {
          assertThat(Payloads.read(log, where.get(n))).isEqualTo(Payloads.of(n, 2000));
        }
      }
    }
  }

  private void assertReopenedLogHasEveryRecord(Map<Long, Locator> original, long victim) throws IOException {
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      for (Map.Entry<Long, Locator> e : original.entrySet()) {
        assertThat(Payloads.read(log, e.getValue())).isEqualTo(Payloads.of(e.getKey(), 3000));
      }
      Map<Long, Integer> seen = new HashMap<>();
      log.scan((h, at) -> {
        seen.merge(h.sequence(), 1, Integer::sum);
        assertThat(Payloads.read(log, at)).isEqualTo(Payloads.of(h.owner(), 3000));
      });
      assertThat(seen.keySet()).hasSize(40);
      assertThat(seen.values()).allSatisfy(c -> assertThat(c).isBetween(1, 2));
      assertThat(log.lastSequence()).isEqualTo(40);
      EvenRecords owner = new EvenRecords();
      owner.where.putAll(original);
      log.compact(victim, owner);
      assertThat(dir.resolve(Segment.logName(victim))).doesNotExist();
      for (Map.Entry<Long, Locator> e : owner.where.entrySet()) {
        if (e.getKey() % 2 == 0) {
          assertThat(Payloads.read(log, e.getValue())).isEqualTo(Payloads.of(e.getKey(), 3000));
        }
      }
    }
    assertThat(Files.exists(dir.resolve(Segment.sealName(victim)))).isFalse();
  }
  /**
   * The sequence numbers of records compaction dropped are never given out again, even when the
   * segments that held the highest of them are all gone: an owner's checkpoint may cover them, and
   * a reused number would look covered and be skipped at replay.
   */
  @ParameterizedTest(name = "medium writes in place: {0}")
  @ValueSource(booleans = {true, false})
  void reopen_afterTheSegmentsHoldingTheHighestSequencesWereCompactedAway_continuesAboveThem(
      boolean inPlace) throws IOException {
    Medium medium = inPlace ? new LocalMedium(dir) : new ForwardingMedium(new LocalMedium(dir)) {
      @Override
      public Optional<Medium.InPlace> inPlace() {
        return Optional.empty();
      }
    };
    try (SegmentLog log = SegmentLog.open(medium, SMALL)) {
      fill(log, 40);
      log.sync();
    }
    try (SegmentLog log = SegmentLog.open(medium, SMALL)) {
      for (SegmentInfo s : log.segments()) {
        log.compact(s.id(), NothingLive.OWNER);
      }
      assertThat(log.segments()).isEmpty();
      assertThat(log.lastSequence()).isEqualTo(40);
    }
    long next;
    try (SegmentLog log = SegmentLog.open(medium, SMALL)) {
      assertThat(log.lastSequence()).as("after the reopen").isEqualTo(40);
      next = log.append(RecordKind.DATA, 7, 0, 10, Payloads.buffer(7, 10)).segment();
      assertThat(log.lastSequence()).isEqualTo(41);
      log.sync();
    }
    try (SegmentLog log = SegmentLog.open(medium, SMALL)) {
      assertThat(log.lastSequence()).isEqualTo(41);
      assertThat(log.segments()).extracting(SegmentInfo::id).containsExactly(next);
      fill(log, 40); // rolls: a sealed segment now holds higher sequences than the kept seal
      log.compact(log.segments().get(0).id(), NothingLive.OWNER);
    }
    assertThat(medium.list()).as("the seal kept for its sequences goes once a sealed segment is higher")
        .filteredOn(n -> n.endsWith(".seal"))
        .allSatisfy(seal -> assertThat(medium.list()).contains(seal.replace(".seal", ".log")));
    try (SegmentLog log = SegmentLog.open(medium, SMALL)) {
      assertThat(log.lastSequence()).isEqualTo(81);
    }
  }
}
