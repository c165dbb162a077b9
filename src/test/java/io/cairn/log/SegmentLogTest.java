package io.cairn.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {
  private static final int[] SIZES = {1, 100, 4095, 4096, 4097, 8192, 12_345, 65_536, 1 << 20};

  @TempDir Path dir;

  private SegmentLog open(SegmentLogConfig config) throws IOException {
    return SegmentLog.open(new LocalMedium(dir), config);
  }

  @Test
  void append_thenRead_returnsSameBytesFromMemoryFromDiskAndAfterReopen() throws IOException {
    List<Locator> at = new ArrayList<>();
    try (SegmentLog log = open(SegmentLogConfig.defaults())) {
      for (int i = 0; i < SIZES.length; i++) {
        at.add(log.append(RecordKind.DATA, 7, i, SIZES[i], Payloads.buffer(i, SIZES[i])));
        assertThat(Payloads.read(log, at.get(i))).as("from the write buffer").isEqualTo(Payloads.of(i, SIZES[i]));
      }
      log.sync();
      for (int i = 0; i < SIZES.length; i++) {
        assertThat(Payloads.read(log, at.get(i))).as("from the medium").isEqualTo(Payloads.of(i, SIZES[i]));
      }
    }
    try (SegmentLog log = open(SegmentLogConfig.defaults())) {
      for (int i = 0; i < SIZES.length; i++) {
        assertThat(Payloads.read(log, at.get(i))).as("after reopen").isEqualTo(Payloads.of(i, SIZES[i]));
        RecordHeader h = log.header(at.get(i));
        assertThat(h).isEqualTo(new RecordHeader(RecordKind.DATA, 7, i, SIZES[i], i + 1, SIZES[i]));
      }
    }
  }

  @Test
  void read_subRanges_returnExactBytesAcrossPageBoundaries() throws IOException {
    int length = 3 * 4096 + 777;
    byte[] expected = Payloads.of(1, length);
    try (SegmentLog log = open(SegmentLogConfig.defaults())) {
      Locator inMemory = log.append(RecordKind.DATA, 1, 0, length, ByteBuffer.wrap(expected));
      Locator big = log.append(RecordKind.DATA, 1, 0, 1 << 20, Payloads.buffer(2, 1 << 20));
      SplittableRandom random = new SplittableRandom(42);
      for (int round = 0; round < 2; round++) {
        int[][] edges = {{0, 4096}, {4095, 2}, {4096, 4096}, {4000, 200}, {8191, 4098}, {length - 1, 1}, {0, length},
            {12_288, 777}, {5, 0}};
        for (int[] e : edges) {
          assertSubRange(log, inMemory, expected, e[0], e[1]);
        }
        for (int i = 0; i < 200; i++) {
          int off = random.nextInt(length);
          assertSubRange(log, inMemory, expected, off, random.nextInt(length - off + 1));
        }
        byte[] bigBytes = Payloads.of(2, 1 << 20);
        for (int i = 0; i < 50; i++) {
          int off = random.nextInt(1 << 20);
          assertSubRange(log, big, bigBytes, off, Math.min(random.nextInt(600_000), (1 << 20) - off));
        }
        log.sync();
      }
    }
  }

  private static void assertSubRange(RecordLog log, Locator at, byte[] all, int off, int len) throws IOException {
    ByteBuffer dst = ByteBuffer.allocate(len + 10).position(5).limit(5 + len);
    log.read(at, off, dst);
    assertThat(dst.position()).isEqualTo(5 + len);
    assertThat(Arrays.copyOfRange(dst.array(), 5, 5 + len)).as("%d+%d", off, len)
        .isEqualTo(Arrays.copyOfRange(all, off, off + len));
  }

  @Test
  void read_fourKibInsideOneMibRecord_readsOnlyTheHeaderAndTouchedPages() throws IOException {
    InstrumentedMedium medium = new InstrumentedMedium(new LocalMedium(dir));
    byte[] payload = Payloads.of(3, 1 << 20);
    try (SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults())) {
      Locator at = log.append(RecordKind.DATA, 1, 0, payload.length, ByteBuffer.wrap(payload));
      log.sync();
      SplittableRandom random = new SplittableRandom(5);
      for (int i = 0; i < 100; i++) {
        int off = random.nextInt(payload.length / 4096) * 4096 + 4096 * 8;
        off = Math.min(off, payload.length - 4096);
        long before = medium.bytesRead.get();
        assertSubRange(log, at, payload, off, 4096);
        assertThat(medium.bytesRead.get() - before).as("bytes read for 4 KiB at %d", off).isLessThan(48 << 10);
      }
    }
  }

  @Test
  void read_secondFourKibReadOfARecord_fetchesOnlyItsPageInOneMediumRead() throws IOException {
    InstrumentedMedium medium = new InstrumentedMedium(new LocalMedium(dir));
    byte[] payload = Payloads.of(4, 1 << 20);
    try (SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults())) {
      Locator at = log.append(RecordKind.DATA, 1, 0, payload.length, ByteBuffer.wrap(payload));
      log.sync();
      assertSubRange(log, at, payload, 512 << 10, 4096);
      long bytes = medium.bytesRead.get();
      long reads = medium.reads.get();
      assertSubRange(log, at, payload, 700 << 10, 4096);
      assertThat(medium.reads.get() - reads).as("medium reads").isEqualTo(1);
      assertThat(medium.bytesRead.get() - bytes).as("bytes read").isEqualTo(4096);
    }
  }

  @Test
  void read_afterPageCorruptedOnDisk_failsEvenWithTheHeaderAlreadyVerified() throws IOException {
    byte[] payload = Payloads.of(5, 64 << 10);
    Locator at;
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SegmentLogConfig.defaults())) {
      at = log.append(RecordKind.DATA, 1, 0, payload.length, ByteBuffer.wrap(payload));
      log.sync();
      assertSubRange(log, at, payload, 0, 4096);
      long page3 = at.offset() + RecordFormat.prefixSize(payload.length) + 3 * 4096 + 17;
      try (var ch = java.nio.channels.FileChannel.open(dir.resolve(Segment.logName(at.segment())),
          java.nio.file.StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(new byte[] {(byte) ~payload[3 * 4096 + 17]}), page3);
      }
      assertSubRange(log, at, payload, 0, 4096);
      assertThatThrownBy(() -> log.read(at, 3 * 4096, ByteBuffer.allocate(4096)))
          .isInstanceOf(CorruptRecordException.class);
    }
  }

  @Test
  void append_maxPayloadLargerThanWriteBuffer_roundTripsAndSurvivesReopen() throws IOException {
    SegmentLogConfig config = SegmentLogConfig.defaults().withWriteBufferSize(64 << 10).withSegmentSize(4 << 20);
    byte[] max = Payloads.of(9, RecordLog.MAX_PAYLOAD);
    Locator small;
    Locator big;
    Locator after;
    try (SegmentLog log = open(config)) {
      small = log.append(RecordKind.DATA, 1, 0, 10, Payloads.buffer(1, 10));
      ByteBuffer src = ByteBuffer.wrap(max);
      big = log.append(RecordKind.DATA, 1, 10, max.length, src);
      assertThat(src.remaining()).as("caller's buffer untouched").isEqualTo(max.length);
      after = log.append(RecordKind.DATA, 1, 0, 10, Payloads.buffer(2, 10));
      assertThat(Payloads.read(log, big)).isEqualTo(max);
      assertThat(big.segment()).as("a record larger than a segment gets one of its own").isNotEqualTo(small.segment());
      log.sync();
    }
    try (SegmentLog log = open(config)) {
      assertThat(Payloads.read(log, small)).isEqualTo(Payloads.of(1, 10));
      assertThat(Payloads.read(log, big)).isEqualTo(max);
      assertThat(Payloads.read(log, after)).isEqualTo(Payloads.of(2, 10));
      assertThat(log.lastSequence()).isEqualTo(3);
    }
  }

  @Test
  void append_zeroRangeWithEmptyPayload_keepsLogicalLength() throws IOException {
    Locator at;
    try (SegmentLog log = open(SegmentLogConfig.defaults())) {
      at = log.append(RecordKind.ZERO, 5, 1 << 30, 1L << 40, ByteBuffer.allocate(0));
      assertThat(at.payloadLength()).isZero();
      log.read(at, 0, ByteBuffer.allocate(0));
      assertThat(log.header(at)).isEqualTo(new RecordHeader(RecordKind.ZERO, 5, 1 << 30, 1L << 40, 1, 0));
    }
    try (SegmentLog log = open(SegmentLogConfig.defaults())) {
      assertThat(log.header(at).logicalLength()).isEqualTo(1L << 40);
    }
  }

  @Test
  void append_payloadOverMax_isRejected() throws IOException {
    try (SegmentLog log = open(SegmentLogConfig.defaults())) {
      assertThatThrownBy(() -> log.append(RecordKind.DATA, 1, 0, 0, ByteBuffer.allocate(RecordLog.MAX_PAYLOAD + 1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(log.lastSequence()).isZero();
    }
  }

  @Test
  void read_outsideThePayloadOrAtAWrongLocator_fails() throws IOException {
    try (SegmentLog log = open(SegmentLogConfig.defaults())) {
      Locator at = log.append(RecordKind.DATA, 1, 0, 100, Payloads.buffer(1, 100));
      log.append(RecordKind.DATA, 1, 0, 100, Payloads.buffer(2, 100));
      assertThatThrownBy(() -> log.read(at, 50, ByteBuffer.allocate(51))).isInstanceOf(IllegalArgumentException.class);
      for (int round = 0; round < 2; round++) {
        assertThatThrownBy(() -> log.read(new Locator(at.segment(), at.offset() + 4, 100), 0, ByteBuffer.allocate(1)))
            .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> log.read(new Locator(at.segment(), at.offset(), 99), 0, ByteBuffer.allocate(1)))
            .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> log.read(new Locator(at.segment(), 1 << 20, 100), 0, ByteBuffer.allocate(1)))
            .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> log.header(new Locator(at.segment() + 100, 0, 100)))
            .isInstanceOf(java.nio.file.NoSuchFileException.class);
        log.sync();
      }
    }
  }

  @Test
  void append_pastSegmentSize_rollsAndSealsSegmentsWithRecordsNeverSpanning() throws IOException {
    SegmentLogConfig config = SegmentLogConfig.defaults().withSegmentSize(16 << 10).withWriteBufferSize(16 << 10);
    List<Locator> at = new ArrayList<>();
    try (SegmentLog log = open(config)) {
      for (int i = 0; i < 40; i++) {
        at.add(log.append(RecordKind.DATA, 1, i * 3000L, 3000, Payloads.buffer(i, 3000)));
      }
      List<SegmentInfo> segments = log.segments();
      assertThat(segments).hasSizeGreaterThan(5);
      assertThat(segments.subList(0, segments.size() - 1)).allSatisfy(s -> {
        assertThat(s.sealed()).isTrue();
        assertThat(s.bytes()).isLessThanOrEqualTo(16 << 10);
        assertThat(s.records()).isEqualTo(5);
        assertThat(s.maxSequence() - s.minSequence()).isEqualTo(4);
      });
      assertThat(segments.get(segments.size() - 1).sealed()).isFalse();
      assertThat(log.stats().rolls()).isEqualTo(segments.size() - 1);
      for (int i = 0; i < 40; i++) {
        assertThat(Payloads.read(log, at.get(i))).isEqualTo(Payloads.of(i, 3000));
      }
    }
    assertThat(dir.resolve("seg-0000000000000001.log")).exists();
    assertThat(dir.resolve("seg-0000000000000001.seal")).exists();
  }

  @Test
  void reopen_afterSync_keepsEveryRecordAndContinuesSequence() throws IOException {
    SegmentLogConfig config = SegmentLogConfig.defaults().withSegmentSize(32 << 10);
    List<Locator> at = new ArrayList<>();
    for (int session = 0; session < 3; session++) {
      SegmentLog log = open(config);
      assertThat(log.lastSequence()).isEqualTo(session * 30L);
      for (int i = 0; i < 30; i++) {
        int n = at.size();
        at.add(log.append(RecordKind.DATA, n, 0, 1000 + n, Payloads.buffer(n, 1000 + n)));
      }
      log.sync();
      // No close: the next open must recover from what the sync made durable.
    }
    try (SegmentLog log = open(config)) {
      assertThat(log.lastSequence()).isEqualTo(90);
      List<Long> sequences = new ArrayList<>();
      log.scan((h, loc) -> {
        sequences.add(h.sequence());
        assertThat(Payloads.read(log, loc)).isEqualTo(Payloads.of(h.owner(), 1000 + (int) h.owner()));
      });
      assertThat(sequences).hasSize(90).isSorted().doesNotHaveDuplicates();
      for (int n = 0; n < at.size(); n++) {
        assertThat(log.header(at.get(n)).sequence()).isEqualTo(n + 1);
      }
      List<Long> after = new ArrayList<>();
      log.scanAfter(80, (h, loc) -> after.add(h.sequence()));
      assertThat(after).contains(81L, 90L).doesNotContain(1L);
    }
  }

  @Test
  void appendsReadsAndSyncs_fromManyThreads_keepEveryRecordIntactAndSequencesUnique() throws Exception {
    SegmentLogConfig config = SegmentLogConfig.defaults().withSegmentSize(256 << 10).withWriteBufferSize(32 << 10);
    int threads = 8;
    int perThread = 200;
    List<List<Locator>> written = new ArrayList<>();
    try (SegmentLog log = open(config)) {
      List<Thread> workers = new ArrayList<>();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < threads; t++) {
        List<Locator> mine = new ArrayList<>();
        written.add(mine);
        int id = t;
        workers.add(Thread.ofPlatform().start(() -> {
          try {
            SplittableRandom random = new SplittableRandom(id);
            for (int i = 0; i < perThread; i++) {
              long n = id * 1_000_000L + i;
              int len = random.nextInt(10_000);
              Locator at = log.append(RecordKind.DATA, n, 0, len, Payloads.buffer(n, len));
              mine.add(at);
              Locator old = mine.get(random.nextInt(mine.size()));
              assertThat(log.header(old).owner()).isEqualTo(id * 1_000_000L + mine.indexOf(old));
              assertThat(Payloads.read(log, at)).isEqualTo(Payloads.of(n, len));
              if (i % 17 == 0) {
                log.sync();
              }
            }
          } catch (Throwable e) {
            errors.add(e);
          }
        }));
      }
      for (Thread w : workers) {
        w.join();
      }
      assertThat(errors).isEmpty();
      assertThat(log.lastSequence()).isEqualTo(threads * perThread);
      List<Long> sequences = new ArrayList<>();
      log.scan((h, at) -> sequences.add(h.sequence()));
      assertThat(sequences).hasSize(threads * perThread).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void open_thenCloseWithoutAppends_addsNoSegment() throws IOException {
    try (SegmentLog log = open(SegmentLogConfig.defaults())) {
      log.append(RecordKind.DATA, 1, 0, 10, Payloads.buffer(1, 10));
    }
    for (int i = 0; i < 3; i++) {
      try (SegmentLog log = open(SegmentLogConfig.defaults())) {
        log.sync();
        assertThat(log.segments()).hasSize(1);
      }
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("seg-0000000000000001.log", "seg-0000000000000001.seal", LogFormat.NAME);
    }
  }

  @Test
  void close_thenAppend_throws() throws IOException {
    SegmentLog log = open(SegmentLogConfig.defaults());
    log.close();
    assertThatThrownBy(() -> log.append(RecordKind.DATA, 1, 0, 1, Payloads.buffer(1, 1)))
        .isInstanceOf(java.nio.channels.ClosedChannelException.class);
    assertThatThrownBy(log::sync).isInstanceOf(java.nio.channels.ClosedChannelException.class);
  }
}
