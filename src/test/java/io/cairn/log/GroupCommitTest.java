package io.cairn.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.medium.LocalMedium;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent syncs share physical syncs, and none returns before its records are durable. */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void sync_fromManyThreadsEachAfterItsAppend_sharesPhysicalSyncs() throws Exception {
    InstrumentedMedium medium = new InstrumentedMedium(new LocalMedium(dir));
    medium.syncDelayMillis = 3;
    int threads = 32;
    int rounds = 20;
    List<Locator> written = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults());
    long syncsAtStart = medium.syncs.get();
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers.add(Thread.ofVirtual().start(() -> {
        try {
          start.await();
          for (int i = 0; i < rounds; i++) {
            long n = id * 1000L + i;
            written.add(log.append(RecordKind.DATA, n, 0, 4096, Payloads.buffer(n, 4096)));
            log.sync();
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
    long calls = (long) threads * rounds;
    long physical = medium.syncs.get() - syncsAtStart;
    assertThat(log.stats().syncCalls()).isEqualTo(calls);
    assertThat(log.stats().physicalSyncs()).isEqualTo(physical);
    assertThat(physical).as("physical syncs for %d sync calls", calls).isLessThan(calls / 8);

    // Abandon without close: everything acknowledged must be there after reopen.
    try (SegmentLog reopened = SegmentLog.open(new LocalMedium(dir), SegmentLogConfig.defaults())) {
      assertThat(reopened.lastSequence()).isEqualTo(calls);
      for (Locator at : written) {
        long n = reopened.header(at).owner();
        assertThat(Payloads.read(reopened, at)).isEqualTo(Payloads.of(n, 4096));
      }
    }
  }

  @Test
  void sync_withNothingNewAppended_returnsWithoutPhysicalSync() throws Exception {
    InstrumentedMedium medium = new InstrumentedMedium(new LocalMedium(dir));
    try (SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults())) {
      log.append(RecordKind.DATA, 1, 0, 10, Payloads.buffer(1, 10));
      log.sync();
      long after = medium.syncs.get();
      log.sync();
      log.sync();
      assertThat(medium.syncs.get()).isEqualTo(after);
      log.append(RecordKind.DATA, 1, 0, 10, Payloads.buffer(2, 10));
      log.sync();
      assertThat(medium.syncs.get()).isEqualTo(after + 1);
    }
  }

  @Test
  void sync_whileAnotherThreadAppends_neverWaitsForLaterAppendsAndCoversEarlierOnes() throws Exception {
    InstrumentedMedium medium = new InstrumentedMedium(new LocalMedium(dir));
    SegmentLogConfig config = SegmentLogConfig.defaults().withSegmentSize(64 << 10).withWriteBufferSize(16 << 10);
    SegmentLog log = SegmentLog.open(medium, config);
    List<Locator> acknowledged = Collections.synchronizedList(new ArrayList<>());
    Thread appender = Thread.ofPlatform().start(() -> {
      try {
        for (int i = 0; i < 3000; i++) {
          log.append(RecordKind.DATA, 1_000_000 + i, 0, 1000, Payloads.buffer(1_000_000 + i, 1000));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    for (int i = 0; i < 100; i++) {
      Locator at = log.append(RecordKind.DATA, i, 0, 2000, Payloads.buffer(i, 2000));
      log.sync();
      acknowledged.add(at);
    }
    appender.join();
    try (SegmentLog reopened = SegmentLog.open(new LocalMedium(dir), config)) {
      for (int i = 0; i < acknowledged.size(); i++) {
        assertThat(Payloads.read(reopened, acknowledged.get(i))).isEqualTo(Payloads.of(i, 2000));
      }
    }
  }
}
