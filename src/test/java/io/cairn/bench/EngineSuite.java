package io.cairn.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage engine bottom-up: medium, segment log (group commit), blob store (random I/O,
 * snapshot and clone), then the medium and the log on HDFS. To add a row, write a {@link Benchmark} and list it in {@link #benchmarks()}; document its flags in
 * {@link #flags()}.
 */
public final class EngineSuite implements Suite {
  @Override
  public String name() {
    return "engine";
  }

  @Override
  public String description() {
    return "medium, segment log and blob store against raw FileChannel / FSDataOutputStream";
  }

  @Override
  public Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--size-mib=N", "bytes written per local case (default 1024)");
    f.put("--hdfs-size-mib=N", "bytes written per HDFS case (default 256; each is stored 3 times)");
    f.put("--sync-every-mib=N", "sync interval of the synced cases (default 8)");
    f.put("--record-kib=N", "log record size of the local append cases (default 1024)");
    f.put("--appenders=N", "concurrent appenders of the group-commit cases (default 8)");
    f.put("--sync-every-records=N", "each appender syncs after this many records (default 4)");
    f.put("--log-buffer-mib=N", "SegmentLog write buffer of the append cases (default: the engine's, 4)");
    f.put("--blob-mib=N", "size of the full blob and of its raw peer file (default 1024)");
    f.put("--blob-record-kib=N", "BlobStoreConfig.recordPayload of the blob cases (default: the engine's, 1024)");
    f.put("--read-ops=N", "4 KiB random reads per case (default 65536)");
    f.put("--write-ops=N", "4 KiB random writes per case (default 8192)");
    f.put("--sync-every-writes=N", "sync interval of the random-write cases (default 32)");
    f.put("--thin-gib=N", "size of the thin blob (default 100)");
    f.put("--thin-extents=N", "separate 4 KiB extents written into the thin blob (default 100000)");
    f.put("--snapshot-reps=N", "snapshots and clones timed per blob (default 20)");
    f.put("--runs=N", "repeat each case, report the median (default 1)");
    f.put("--hdfs-block-mib=N", "MiniDFSCluster block size (default 128)");
    return f;
  }

  @Override
  public List<Benchmark> benchmarks() {
    return List.of(new MediumLocalWrite(), new LogLocalAppend(), new BlobRandomIo(), new BlobSnapshotClone(),
        new MediumHdfsWrite());
  }
}
