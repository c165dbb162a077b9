package io.cairn.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.medium.CrashMode;
import io.cairn.medium.FaultyMedium;
import io.cairn.medium.ForwardingMedium;
import io.cairn.medium.LocalMedium;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recycled segment files ({@link SpareSegments}): a new segment written over a compacted one's
 * blocks, whose old records lie intact past the new tail, must recover to exactly its own records.
 */
class SpareSegmentsTest {
  /** Ten records of {@link #PAYLOAD} bytes fill a segment; all records have one size, so old and
   * new record boundaries coincide, which is when an old record would pass every check but the
   * segment id. */
  private static final int PAYLOAD = 3000;
  private static final SegmentLogConfig SMALL =
      SegmentLogConfig.defaults().withSegmentSize(32 << 10).withWriteBufferSize(8 << 10);

  @TempDir Path dir;

  /** Appends records owned by {@code from, from + 1, ...} until {@code count} were appended. */
  private static void fill(SegmentLog log, long from, int count) throws IOException {
    for (long n = from; n < from + count; n++) {
      log.append(RecordKind.DATA, n, 0, PAYLOAD, Payloads.buffer(n, PAYLOAD));
    }
  }

  /** Compacts every sealed segment, none of whose records is live: each becomes a spare or goes. */
  private static void compactAll(SegmentLog log) throws IOException {
    for (SegmentInfo s : log.segments()) {
      if (s.sealed()) {
        log.compact(s.id(), NothingLive.OWNER);
      }
    }
  }

  private static List<Long> owners(SegmentLog log) throws IOException {
    List<Long> owners = new ArrayList<>();
    log.scan((header, at) -> {
      assertThat(Payloads.read(log, at)).isEqualTo(Payloads.of(header.owner(), PAYLOAD));
      owners.add(header.owner());
    });
    return owners;
  }

  @Test
  void newSegment_writesOverASpare_andACrashRecoversOnlyItsOwnRecords() throws IOException {
    LocalMedium medium = new LocalMedium(dir);
    SegmentLog log = SegmentLog.open(medium, SMALL);
    fill(log, 0, 35); // segments 1-3 full, 4 half
    log.sync();
    compactAll(log);
    assertThat(log.spareSegments()).isEqualTo(3);
    assertThat(medium.list()).contains(SpareSegments.name(1), SpareSegments.name(2), SpareSegments.name(3));

    fill(log, 1000, 8); // fills segment 4, rolls into a spare's file: 3 records of a new life there
    log.sync();
    assertThat(log.spareSegments()).isEqualTo(2);
    long newest = log.segments().get(log.segments().size() - 1).id();
    assertThat(medium.length(Segment.logName(newest)))
        .as("the new segment's file still holds its earlier life past the new records")
        .isGreaterThan(3L * RecordFormat.recordSize(PAYLOAD));

    // A crash: the log is never closed (the newest segment stays unsealed) and opens again.
    try (SegmentLog reopened = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      List<Long> owners = owners(reopened);
      List<Long> expected = new ArrayList<>();
      for (long n = 30; n < 35; n++) {
        expected.add(n);
      }
      for (long n = 1000; n < 1008; n++) {
        expected.add(n);
      }
      assertThat(owners).containsExactlyElementsOf(expected);
      assertThat(reopened.spareSegments()).isEqualTo(2);
      fill(reopened, 2000, 25); // uses the remaining spares, then new files
      reopened.sync();
      assertThat(reopened.spareSegments()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void tornAndCorruptedCrash_inARecycledSegment_losesNoSyncedRecordAndResurrectsNoOldOne(long seed)
      throws IOException {
    FaultyMedium medium = new FaultyMedium(new LocalMedium(dir), seed);
    Set<Long> synced = new HashSet<>();
    SegmentLog log = SegmentLog.open(medium, SMALL);
    fill(log, 0, 30);
    log.sync();
    compactAll(log);
    assertThat(log.spareSegments()).isEqualTo(2);
    for (long n = 100; n < 100 + 14; n++) {
      fill(log, n, 1);
      if (n % 3 == 0) {
        log.sync();
        for (long s = 100; s <= n; s++) {
          synced.add(s);
        }
      }
    }
    medium.crash(CrashMode.TEAR_AND_CORRUPT);

    try (SegmentLog reopened = SegmentLog.open(medium, SMALL)) {
      List<Long> owners = owners(reopened);
      assertThat(owners).containsAll(synced);
      for (long owner : owners) {
        assertThat(owner).as("only records of the new life, in order").isBetween(20L, 113L);
      }
      assertThat(owners).isSorted();
    }
  }

  @Test
  void compactingTheNewestSegment_neverLetsALaterSegmentReuseItsId() throws IOException {
    LocalMedium medium = new LocalMedium(dir);
    try (SegmentLog log = SegmentLog.open(medium, SMALL)) {
      fill(log, 0, 25); // segments 1 and 2 full, 3 with records 20-24, sealed by the close
    }
    try (SegmentLog log = SegmentLog.open(medium, SMALL)) {
      log.compact(3, NothingLive.OWNER); // the newest segment becomes spare-3; no newer one exists
      assertThat(log.spareSegments()).isEqualTo(1);
    }
    SegmentLog log = SegmentLog.open(medium, SMALL);
    fill(log, 500, 1); // a new segment, over spare-3's file, which holds records stamped 3
    log.sync();
    assertThat(log.segments().get(log.segments().size() - 1).id()).isEqualTo(4);

    // A crash: never closed.
    try (SegmentLog reopened = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      List<Long> expected = new ArrayList<>();
      for (long n = 0; n < 20; n++) {
        expected.add(n);
      }
      expected.add(500L);
      assertThat(owners(reopened)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aCrashBeforeAnythingReachedASpare_leavesNoSegmentOfItBehind() throws IOException {
    LocalMedium medium = new LocalMedium(dir);
    SegmentLog log = SegmentLog.open(medium, SMALL);
    fill(log, 0, 20);
    log.sync();
    log.compact(1, NothingLive.OWNER);
    fill(log, 100, 1); // rolls into segment 3 over spare-1's file; the record stays buffered

    // A crash: segment 3's file holds only segment 1's old records. Sealed empty, its 30 KB would
    // stay forever (compaction weighs a segment by its valid bytes); it is deleted instead.
    try (SegmentLog reopened = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      List<Long> expected = new ArrayList<>();
      for (long n = 10; n < 20; n++) {
        expected.add(n);
      }
      assertThat(owners(reopened)).containsExactlyElementsOf(expected);
      assertThat(medium.list()).doesNotContain(Segment.logName(3));
      fill(reopened, 200, 1);
      reopened.sync();
    }
  }

  @Test
  void aFileLongerThanASegmentCanBe_isNotKept() throws IOException {
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL.withSegmentSize(12 << 20))) {
      for (long n = 0; n < 14; n++) {
        log.append(RecordKind.DATA, n, 0, 1 << 20, Payloads.buffer(n, 1 << 20)); // 11 in segment 1
      }
      log.sync();
    }
    // The segment size shrinks between two opens: a file longer than a segment can now be (the
    // new size plus one record of the largest size) is deleted, not kept to be written over.
    SegmentLogConfig smaller = SMALL.withSegmentSize(1 << 20);
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), smaller)) {
      log.compact(1, NothingLive.OWNER);
      assertThat(log.spareSegments()).isZero();
      assertThat(Files.exists(dir.resolve(Segment.logName(1)))).isFalse();
    }
  }

  @Test
  void sparesAreCapped_andKeptAcrossReopen() throws IOException {
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      fill(log, 0, 75);
      log.sync();
      compactAll(log);
      assertThat(log.spareSegments()).isEqualTo(SpareSegments.MAX);
    }
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SMALL)) {
      assertThat(log.spareSegments()).isEqualTo(SpareSegments.MAX);
      assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith("spare-")).count())
          .isEqualTo(SpareSegments.MAX);
    }
  }

  @Test
  void aMediumThatCannotOverwrite_deletesCompactedSegments() throws IOException {
    Medium writeOnce = new ForwardingMedium(new LocalMedium(dir)) {
      @Override
      public Optional<Medium.InPlace> inPlace() {
        return Optional.empty();
      }
    };
    try (SegmentLog log = SegmentLog.open(writeOnce, SMALL)) {
      fill(log, 0, 25);
      log.sync();
      compactAll(log);
      assertThat(log.spareSegments()).isZero();
      assertThat(writeOnce.list()).noneMatch(n -> n.startsWith("spare-"));
    }
  }

  @Test
  void aSegmentOfFormatVersion1_staysReadable_andIsDeletedNotKept() throws IOException {
    LocalMedium medium = new LocalMedium(dir);
    try (SegmentLog log = SegmentLog.open(medium, SMALL)) {
      fill(log, 0, 5);
    }
    rewriteAsVersion1(medium, Segment.logName(1), 5);
    try (SegmentLog log = SegmentLog.open(medium, SMALL)) {
      assertThat(owners(log)).containsExactly(0L, 1L, 2L, 3L, 4L);
      fill(log, 10, 1);
      log.sync();
      log.compact(1, NothingLive.OWNER);
      assertThat(log.spareSegments()).isZero();
      assertThat(medium.list()).doesNotContain(Segment.logName(1)).noneMatch(n -> n.startsWith("spare-"));
    }
  }

  /** Turns the first {@code records} records of a segment into the version 1 format, in place. */
  private static void rewriteAsVersion1(LocalMedium medium, String name, int records) throws IOException {
    Path file = medium.directory().resolve(name);
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
    int at = 0;
    CRC32C crc = new CRC32C();
    for (int i = 0; i < records; i++) {
      all.put(at + 4, RecordFormat.VERSION_1);
      int table = 4 * RecordFormat.pages(PAYLOAD);
      crc.reset();
      crc.update(all.array(), at, RecordFormat.CRC_AT);
      crc.update(all.array(), at + RecordFormat.HEADER_SIZE, table);
      all.putInt(at + RecordFormat.CRC_AT, (int) crc.getValue());
      at += (int) RecordFormat.recordSize(PAYLOAD);
    }
    Files.write(file, all.array());
  }
}
