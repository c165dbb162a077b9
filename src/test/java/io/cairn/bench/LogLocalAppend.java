package io.cairn.bench;

import io.cairn.log.NothingLive;
import io.cairn.log.SegmentInfo;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Sequential append throughput of the segment log with group commit on local disk: one appender,
 * and several concurrent appenders each syncing after every few records, against a plain {@link
 * FileChannel} writing the same bytes with records of the same size, forced as often as the single
 * appender syncs and forced once at the end (the baseline: the disk's limit). Every case writes
 * {@code --size-mib}. The single appender also runs over spare segments: the files of compacted
 * segments that new segments are written over (set up untimed: the same amount written, then
 * compacted with nothing live), against the same appender writing new files.
 */
final class LogLocalAppend implements Benchmark {
  @Override
  public String name() {
    return "log-local";
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    long mib = ctx.options().longValue("size-mib", 1024);
    int recordKib = ctx.options().intValue("record-kib", 1024);
    int appenders = ctx.options().intValue("appenders", 8);
    int syncEvery = ctx.options().intValue("sync-every-records", 4);
    int runs = ctx.options().intValue("runs", 1);
    SegmentLogConfig config = AppendLoad.config(ctx.options());
    Path dir = ctx.scratch(name());

    int recordBytes = recordKib << 10;
    long records = (mib << 20) / recordBytes;
    ByteBuffer record = randomDirect(recordBytes, 3);
    AppendLoad single = new AppendLoad(1, records, syncEvery, record);
    AppendLoad group = new AppendLoad(appenders, records, syncEvery, record);

    // Warm-up of the JIT (CRC, copies) and the file system, not recorded.
    rawWrite(dir.resolve("warm"), record, 32, syncEvery);
    Files.delete(dir.resolve("warm"));
    new AppendLoad(2, 32, syncEvery, record).run(new LocalMedium(dir.resolve("warm-log")), config);
    ctx.discard(dir.resolve("warm-log"));

    String recordSize = recordKib % 1024 == 0 ? (recordKib / 1024) + " MiB" : recordKib + " KiB";
    String rawEvery = "FileChannel, " + recordSize + " writes, force every " + syncEvery;
    String rawEnd = "FileChannel, " + recordSize + " writes, force at end";
    String oneAppender = "SegmentLog, 1 appender, sync every " + syncEvery + " records";
    String manyAppenders = "SegmentLog, " + appenders + " appenders, each sync every " + syncEvery;
    String overSpares = oneAppender + ", over spare segments";
    AppendLoad.Runs logRuns = new AppendLoad.Runs();
    Path raw = dir.resolve("raw");
    Map<String, Long> nanos = new Cases()
        .add(rawEnd, round -> {
          long t = rawWrite(raw, record, records, 0);
          Files.delete(raw);
          return t;
        })
        .add(rawEvery, round -> {
          long t = rawWrite(raw, record, records, syncEvery);
          Files.delete(raw);
          return t;
        })
        .add(oneAppender, round -> logRun(ctx, dir.resolve("log"), single, config, oneAppender, logRuns))
        .add(manyAppenders, round -> logRun(ctx, dir.resolve("log"), group, config, manyAppenders, logRuns))
        .add(overSpares, round -> {
          leaveSpares(dir.resolve("log"), single, config);
          return logRun(ctx, dir.resolve("log"), single, config, overSpares, logRuns);
        })
        .run(runs);

    long bytes = records * recordBytes;
    String g = "log append " + (bytes >> 20) + " MiB, local disk";
    table.baseline(g, rawEnd, Throughput.mibPerSecond(bytes, nanos.get(rawEnd)), Throughput.MIB_S,
        "the disk's limit: one fdatasync at the end");
    table.row(g, rawEvery, Throughput.mibPerSecond(bytes, nanos.get(rawEvery)), Throughput.MIB_S,
        "the single appender's sync pattern without the log");
    table.row(g, oneAppender, Throughput.mibPerSecond(bytes, nanos.get(oneAppender)), Throughput.MIB_S,
        String.format(Locale.ROOT, "%.2f x raw with the same syncs; %s",
            (double) nanos.get(rawEvery) / nanos.get(oneAppender), logRuns.atMedian(oneAppender, nanos.get(oneAppender)).syncNote("fdatasyncs")));
    table.row(g, manyAppenders, Throughput.mibPerSecond(bytes, nanos.get(manyAppenders)), Throughput.MIB_S,
        logRuns.atMedian(manyAppenders, nanos.get(manyAppenders)).syncNote("fdatasyncs") + "; target >= 0.8");
    table.row(g, overSpares, Throughput.mibPerSecond(bytes, nanos.get(overSpares)), Throughput.MIB_S,
        String.format(Locale.ROOT, "%.2f x the same appender writing new files; %s",
            (double) nanos.get(oneAppender) / nanos.get(overSpares),
            logRuns.atMedian(overSpares, nanos.get(overSpares)).syncNote("fdatasyncs")));
    ctx.discard(dir);
  }

  private static long logRun(BenchContext ctx, Path logDir, AppendLoad load, SegmentLogConfig config, String name,
      AppendLoad.Runs runs) throws Exception {
    AppendLoad.Result r = load.run(new LocalMedium(logDir), config);
    ctx.discard(logDir);
    return runs.add(name, r);
  }

  /**
   * Untimed set-up: {@code load}'s bytes appended and synced in {@code logDir}, then every sealed
   * segment compacted with nothing live, so their files stay as spares for the next log there.
   */
  private static void leaveSpares(Path logDir, AppendLoad load, SegmentLogConfig config) throws Exception {
    load.run(new LocalMedium(logDir), config);
    try (SegmentLog log = SegmentLog.open(new LocalMedium(logDir), config)) {
      for (SegmentInfo s : log.segments()) {
        log.compact(s.id(), NothingLive.OWNER);
      }
      Bench.progress("  set-up: " + log.spareSegments() + " spare segments");
    }
  }

  static ByteBuffer randomDirect(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return ByteBuffer.allocateDirect(size).put(bytes).flip();
  }

  /** Nanoseconds to write {@code count} copies of {@code chunk} and force; forceEvery 0: at the end only. */
  static long rawWrite(Path file, ByteBuffer chunk, long count, long forceEvery) throws Exception {
    long t0 = System.nanoTime();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long i = 1; i <= count; i++) {
        ByteBuffer b = chunk.duplicate();
        while (b.hasRemaining()) {
          ch.write(b);
        }
        if (forceEvery > 0 && i % forceEvery == 0) {
          ch.force(false);
        }
      }
      ch.force(false);
    }
    return System.nanoTime() - t0;
  }
}
