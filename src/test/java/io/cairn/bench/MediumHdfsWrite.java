package io.cairn.bench;

import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.AppendFile;
import io.cairn.medium.HdfsMedium;
import io.cairn.medium.MiniHdfs;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Sequential write to an in-process HDFS with 3 DataNodes and replication 3: a plain {@link
 * FSDataOutputStream} (the limit of HDFS itself on this machine) against {@link HdfsMedium}
 * appending 1 MiB at a time with an hsync every few MiB, and the segment log on an HdfsMedium
 * under the load of {@link LogLocalAppend} (1 MiB records; one appender, and {@code --appenders}
 * each syncing every {@code --sync-every-records}). All three replicas share this machine's disk
 * and CPUs, so the absolute figures are a floor; the ratio is the point.
 */
final class MediumHdfsWrite implements Benchmark {
  private static final int CHUNK = 1 << 20;

  @Override
  public String name() {
    return "medium-hdfs";
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    long mib = ctx.options().longValue("hdfs-size-mib", 256);
    long syncEvery = ctx.options().longValue("sync-every-mib", 8);
    int runs = ctx.options().intValue("runs", 1);
    int appenders = ctx.options().intValue("appenders", 8);
    int syncRecords = ctx.options().intValue("sync-every-records", 4);
    SegmentLogConfig config = AppendLoad.config(ctx.options());
    MiniHdfs hdfs = ctx.miniHdfs();
    byte[] chunk = new byte[CHUNK];
    new Random(2).nextBytes(chunk);

    try (FileSystem fs = hdfs.newFileSystem();
        HdfsMedium medium = new HdfsMedium(fs, new Path("/bench/medium"))) {
      Path raw = new Path("/bench/raw");
      rawWrite(fs, raw, chunk, 16, 0);
      fs.delete(raw, false);
      mediumWrite(medium, "warm", chunk, 16, syncEvery);
      medium.delete("warm");

      String rawSyncEnd = "FSDataOutputStream, 1 MiB writes, hsync at end";
      String rawSyncEvery = "FSDataOutputStream, hsync every " + syncEvery + " MiB";
      String viaMedium = "HdfsMedium, 1 MiB appends, sync every " + syncEvery + " MiB";
      String logOne = "SegmentLog on HdfsMedium, 1 appender, sync every " + syncRecords + " records";
      String logMany = "SegmentLog on HdfsMedium, " + appenders + " appenders, each sync every " + syncRecords;
      ByteBuffer record = ByteBuffer.allocateDirect(CHUNK).put(chunk).flip();
      AppendLoad single = new AppendLoad(1, mib, syncRecords, record);
      AppendLoad many = new AppendLoad(appenders, mib, syncRecords, record);
      AppendLoad.Runs logRuns = new AppendLoad.Runs();
      Map<String, Long> nanos = new Cases()
          .add(rawSyncEnd, round -> {
            long t = rawWrite(fs, raw, chunk, mib, 0);
            fs.delete(raw, false);
            return t;
          })
          .add(rawSyncEvery, round -> {
            long t = rawWrite(fs, raw, chunk, mib, syncEvery);
            fs.delete(raw, false);
            return t;
          })
          .add(viaMedium, round -> {
            long t = mediumWrite(medium, "m", chunk, mib, syncEvery);
            medium.delete("m");
            return t;
          })
          .add(logOne, round -> logRun(fs, single, config, logOne, logRuns))
          .add(logMany, round -> logRun(fs, many, config, logMany, logRuns))
          .run(runs);

      long bytes = mib << 20;
      String group = "HDFS write " + mib + " MiB, replication 3";
      table.baseline(group, rawSyncEnd, Throughput.mibPerSecond(bytes, nanos.get(rawSyncEnd)), Throughput.MIB_S,
          "HDFS client as is; 3 replicas on one disk");
      table.row(group, rawSyncEvery, Throughput.mibPerSecond(bytes, nanos.get(rawSyncEvery)), Throughput.MIB_S,
          "same sync pattern as the medium, no medium");
      double sameSyncs = (double) nanos.get(rawSyncEvery) / nanos.get(viaMedium);
      table.row(group, viaMedium, Throughput.mibPerSecond(bytes, nanos.get(viaMedium)), Throughput.MIB_S,
          String.format(Locale.ROOT, "%.2f x raw with the same syncs; adds SYNC_BLOCK", sameSyncs));
      long logBytes = single.bytes();
      table.row(group, logOne, Throughput.mibPerSecond(logBytes, nanos.get(logOne)), Throughput.MIB_S,
          logRuns.atMedian(logOne, nanos.get(logOne)).syncNote("hsyncs"));
      table.row(group, logMany, Throughput.mibPerSecond(logBytes, nanos.get(logMany)), Throughput.MIB_S,
          logRuns.atMedian(logMany, nanos.get(logMany)).syncNote("hsyncs") + "; target >= 0.8");
    }
  }

  private static long logRun(FileSystem fs, AppendLoad load, SegmentLogConfig config, String name,
      AppendLoad.Runs runs) throws Exception {
    Path dir = new Path("/bench/log");
    AppendLoad.Result r;
    try (HdfsMedium medium = new HdfsMedium(fs, dir)) {
      r = load.run(medium, config);
    }
    fs.delete(dir, true);
    return runs.add(name, r);
  }

  private static long rawWrite(FileSystem fs, Path p, byte[] chunk, long mib, long hsyncEvery) throws Exception {
    long t0 = System.nanoTime();
    try (FSDataOutputStream out = fs.create(p, false)) {
      for (long i = 1; i <= mib; i++) {
        out.write(chunk);
        if (hsyncEvery > 0 && i % hsyncEvery == 0) {
          out.hsync();
        }
      }
      out.hsync();
    }
    return System.nanoTime() - t0;
  }

  private static long mediumWrite(HdfsMedium medium, String name, byte[] chunk, long mib, long syncEvery)
      throws Exception {
    long t0 = System.nanoTime();
    try (AppendFile f = medium.create(name)) {
      for (long i = 1; i <= mib; i++) {
        f.append(ByteBuffer.wrap(chunk));
        if (i % syncEvery == 0) {
          f.sync();
        }
      }
    }
    return System.nanoTime() - t0;
  }
}
