package io.cairn.bench;

import io.cairn.log.LogStats;
import io.cairn.log.RecordKind;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.Medium;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The log's group-commit load: {@code appenders} threads appending one record each time to a fresh
 * {@link SegmentLog}, each calling {@code sync} after every {@code syncEvery} of its appends and
 * once at the end, as writers that acknowledge batches do. Timed from the start signal until the
 * last appender's final sync returned; opening the log (its first segment) is outside the clock,
 * closing it (its seal) too. The result says where the time went: the appenders' CPU time (copy
 * and CRC of the records, syscalls) and the medium's calls (through a {@link TimedMedium}).
 */
final class AppendLoad {
  /** One timed run and what the log counted meanwhile. */
  record Result(long nanos, long bytes, LogStats stats, long cpuNanos, String medium) {
    /** e.g. "512 sync calls, 97 fsyncs, 3 rolls; appenders' CPU 1.2 s; medium: ...". */
    String syncNote(String physical) {
      return String.format(Locale.ROOT, "%d sync calls, %d %s, %d rolls; wall %.1f s, appenders' CPU %.1f s; %s",
          stats.syncCalls(), stats.physicalSyncs(), physical, stats.rolls(), nanos / 1e9, cpuNanos / 1e9, medium);
    }
  }

  /** Every run of each case, so a row's notes can describe the run whose time is its median. */
  static final class Runs {
    private final Map<String, List<Result>> byCase = new HashMap<>();

    /** Records {@code r} under {@code name} and returns its time, for {@link Cases}. */
    synchronized long add(String name, Result r) {
      byCase.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
      return r.nanos();
    }

    /** The run of {@code name} that took {@code medianNanos} (the median {@link Cases} reports). */
    synchronized Result atMedian(String name, long medianNanos) {
      return byCase.get(name).stream().filter(r -> r.nanos() == medianNanos).findFirst().orElseThrow();
    }
  }

  private final int appenders;
  private final long records;
  private final int syncEvery;
  private final ByteBuffer payload;

  /**
   * @param records total records over all appenders (each gets {@code records / appenders})
   * @param payload every record's payload (read-only, shared; the log copies it)
   */
  AppendLoad(int appenders, long records, int syncEvery, ByteBuffer payload) {
    if (appenders < 1 || records < appenders || syncEvery < 1) {
      throw new IllegalArgumentException(
          "need appenders >= 1, records >= appenders, syncEvery >= 1: " + appenders + ", " + records + ", " + syncEvery);
    }
    this.appenders = appenders;
    this.records = records / appenders * appenders;
    this.syncEvery = syncEvery;
    this.payload = payload.asReadOnlyBuffer();
  }

  /** The engine's defaults, with the write buffer of {@code --log-buffer-mib} if given. */
  static SegmentLogConfig config(Options options) {
    SegmentLogConfig defaults = SegmentLogConfig.defaults();
    long mib = options.longValue("log-buffer-mib", defaults.writeBufferSize() >> 20);
    return defaults.withWriteBufferSize(Math.toIntExact(mib << 20));
  }

  /** Payload bytes one run appends. */
  long bytes() {
    return records * payload.remaining();
  }

  /** Opens a log in {@code medium} (which must hold none), runs the load once, closes the log. */
  Result run(Medium medium, SegmentLogConfig config) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(appenders);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    LongAdder cpu = new LongAdder();
    TimedMedium timed = new TimedMedium(medium);
    try (SegmentLog log = SegmentLog.open(timed, config)) {
      CountDownLatch ready = new CountDownLatch(appenders);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Long>> done = new ArrayList<>();
      long perAppender = records / appenders;
      for (int a = 0; a < appenders; a++) {
        long owner = a + 1;
        done.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          long cpu0 = threads.getCurrentThreadCpuTime();
          for (long i = 1; i <= perAppender; i++) {
            log.append(RecordKind.DATA, owner, (i - 1) * payload.remaining(), payload.remaining(), payload.duplicate());
            if (i % syncEvery == 0) {
              log.sync();
            }
          }
          log.sync();
          long end = System.nanoTime();
          cpu.add(threads.getCurrentThreadCpuTime() - cpu0);
          return end;
        }));
      }
      ready.await();
      long t0 = System.nanoTime();
      go.countDown();
      long end = t0;
      for (Future<Long> f : done) {
        end = Math.max(end, f.get());
      }
      return new Result(end - t0, bytes(), log.stats(), cpu.sum(), timed.summary());
    } finally {
      pool.shutdownNow();
    }
  }
}
