package io.cairn.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Crash recovery: torn tails are dropped, synced records never are, corruption is reported. */
class SegmentLogRecoveryTest {
  private static final SegmentLogConfig SMALL =
      SegmentLogConfig.defaults().withSegmentSize(64 << 10).withWriteBufferSize(8 << 10);

  /** Seeds per kind of damage; -Dcairn.long=true runs many more. */
  private static final int SEEDS = Boolean.getBoolean("cairn.long") ? 400 : 25;

  @TempDir Path root;

  private record Written(Locator at, long n, int length) {}

  @ParameterizedTest
  @ValueSource(strings = {"truncate", "garbage", "truncateThenGarbage", "flip", "zeros"})
  void reopen_afterTailDamageAtRandomOffsets_keepsSyncedRecordsAndDropsTail(String damage) throws IOException {
    for (int seed = 0; seed < SEEDS; seed++) {
      Path dir = root.resolve(damage + seed);
      SplittableRandom random = new SplittableRandom(seed);
      List<Written> synced = new ArrayList<>();
      SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL);
      long n = 0;
      for (int i = random.nextInt(1, 60); i > 0; i--, n++) {
        synced.add(append(log, n, random.nextInt(0, 9000)));
      }
      log.sync();
      Path last = lastSegment(dir);
      long syncedLength = Files.size(last);
      // Unsynced records, some of them flushed to the file by the small write buffer.
      for (int i = random.nextInt(0, 20); i > 0; i--, n++) {
        append(log, n, random.nextInt(0, 9000));
      }
      // Crash: the log object is abandoned, never closed. Then the newest segment's unsynced tail
      // is damaged (a roll since the sync synced and sealed the older one).
      Path newest = lastSegment(dir);
      damage(newest, newest.equals(last) ? syncedLength : 0, damage, random);

      long lastSynced = synced.get(synced.size() - 1).n() + 1;
      SegmentLog reopened = SegmentLog.open(new LocalMedium(dir), SMALL);
      assertThat(reopened.lastSequence()).as("seed %d", seed).isGreaterThanOrEqualTo(lastSynced);
      for (Written w : synced) {
        assertThat(Payloads.read(reopened, w.at())).as("seed %d record %d", seed, w.n())
            .isEqualTo(Payloads.of(w.n(), w.length()));
      }
      List<Long> sequences = new ArrayList<>();
      reopened.scan((h, at) -> sequences.add(h.sequence()));
      assertThat(sequences).as("seed %d", seed).startsWith(synced.stream().map(w -> w.n() + 1).toArray(Long[]::new));
      assertThat(sequences).isSorted().doesNotHaveDuplicates();

      long next = reopened.lastSequence();
      Written fresh = append(reopened, next, 5000);
      assertThat(fresh.at().segment()).as("new appends never follow the damaged tail")
          .isGreaterThan(synced.get(synced.size() - 1).at().segment());
      reopened.sync();
      try (SegmentLog again = SegmentLog.open(new LocalMedium(dir), SMALL)) {
        assertThat(again.lastSequence()).isEqualTo(next + 1);
        assertThat(Payloads.read(again, fresh.at())).isEqualTo(Payloads.of(next, 5000));
        for (Written w : synced) {
          assertThat(Payloads.read(again, w.at())).isEqualTo(Payloads.of(w.n(), w.length()));
        }
      }
    }
  }

  private static void damage(Path file, long syncedLength, String how, SplittableRandom random) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      long size = ch.size();
      long cut = syncedLength + (size > syncedLength ? random.nextLong(size - syncedLength + 1) : 0);
      switch (how) {
        case "truncate" -> ch.truncate(cut);
        case "garbage" -> ch.write(randomBytes(random, random.nextInt(1, 20_000)), size);
        case "truncateThenGarbage" -> {
          ch.truncate(cut);
          ch.write(randomBytes(random, random.nextInt(1, 20_000)), cut);
        }
        case "flip" -> {
          if (size > syncedLength) {
            long at = syncedLength + random.nextLong(size - syncedLength);
            ch.write(ByteBuffer.wrap(new byte[] {(byte) random.nextInt()}), at);
          }
        }
        case "zeros" -> ch.write(ByteBuffer.allocate(random.nextInt(1, 20_000)), cut);
        default -> throw new IllegalArgumentException(how);
      }
    }
  }

  private static ByteBuffer randomBytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return ByteBuffer.wrap(b);
  }

  private static Written append(RecordLog log, long n, int length) throws IOException {
    return new Written(log.append(RecordKind.DATA, n, 0, length, Payloads.buffer(n, length)), n, length);
  }

  private static Path lastSegment(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
    }
  }

  @Test
  void read_ofRecordWithFlippedPayloadByteInSealedSegment_throwsCorruptRecordException() throws IOException {
    Path dir = root.resolve("flip");
    List<Written> all = new ArrayList<>();
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      for (int n = 0; n < 60; n++) {
        all.add(append(log, n, 6000));
      }
    }
    Written victim = all.get(20);
    assertThat(victim.at().segment()).isLessThan(all.get(59).at().segment());
    Path file = dir.resolve(Segment.logName(victim.at().segment()));
    long payloadStart = victim.at().offset() + RecordFormat.prefixSize(6000);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, payloadStart + 4100);
      b.put(0, (byte) (b.get(0) ^ 0x10)).position(0);
      ch.write(b, payloadStart + 4100);
    }
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      assertThatThrownBy(() -> Payloads.read(log, victim.at())).isInstanceOf(CorruptRecordException.class)
          .hasMessageContaining("page 1");
      ByteBuffer firstPage = ByteBuffer.allocate(4096);
      log.read(victim.at(), 0, firstPage);
      assertThat(firstPage.array()).as("untouched pages still read").isEqualTo(java.util.Arrays.copyOf(Payloads.of(20, 6000), 4096));
      for (Written w : all) {
        if (w != victim) {
          assertThat(Payloads.read(log, w.at())).isEqualTo(Payloads.of(w.n(), w.length()));
        }
      }
      assertThatThrownBy(() -> log.scan((h, at) -> {})).isInstanceOf(CorruptRecordException.class);
    }
  }

  @Test
  void open_withSegmentMissingSealBeforeTheNewest_reportsCorruption() throws IOException {
    Path dir = root.resolve("noseal");
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      for (int n = 0; n < 40; n++) {
        append(log, n, 6000);
      }
    }
    Files.delete(dir.resolve(Segment.sealName(2)));
    assertThatThrownBy(() -> SegmentLog.open(new LocalMedium(dir), SMALL))
        .isInstanceOf(CorruptRecordException.class).hasMessageContaining("segment 2");
  }

  @Test
  void open_withTornSealOnNewestSegment_rescansItAndKeepsItsRecords() throws IOException {
    Path dir = root.resolve("tornseal");
    List<Written> all = new ArrayList<>();
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      for (int n = 0; n < 5; n++) {
        all.add(append(log, n, 3000));
      }
    }
    Path seal = dir.resolve(Segment.sealName(1));
    byte[] bytes = Files.readAllBytes(seal);
    Files.write(seal, java.util.Arrays.copyOf(bytes, 20));
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      assertThat(log.lastSequence()).isEqualTo(5);
      for (Written w : all) {
        assertThat(Payloads.read(log, w.at())).isEqualTo(Payloads.of(w.n(), w.length()));
      }
      assertThat(log.segments().get(0).records()).isEqualTo(5);
    }
  }

  @Test
  void append_afterMediumFailure_failsUntilReopenWhichKeepsSyncedRecords() throws IOException {
    Path dir = root.resolve("fail");
    InstrumentedMedium medium = new InstrumentedMedium(new LocalMedium(dir));
    SegmentLog log = SegmentLog.open(medium, SMALL);
    List<Written> synced = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      synced.add(append(log, n, 3000));
    }
    log.sync();
    medium.failAppendsAfter(10_000);
    assertThatThrownBy(() -> {
      for (int n = 10; n < 100; n++) {
        append(log, n, 3000);
      }
      log.sync();
    }).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> append(log, 100, 10)).isInstanceOf(IOException.class).hasMessageContaining("reopen");
    assertThatThrownBy(log::sync).isInstanceOf(IOException.class);
    assertThat(Payloads.read(log, synced.get(3).at())).isEqualTo(Payloads.of(3, 3000));

    try (SegmentLog reopened = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      for (Written w : synced) {
        assertThat(Payloads.read(reopened, w.at())).isEqualTo(Payloads.of(w.n(), w.length()));
      }
      Written fresh = append(reopened, 1000, 100);
      reopened.sync();
      assertThat(Payloads.read(reopened, fresh.at())).isEqualTo(Payloads.of(1000, 100));
    }
  }
}
