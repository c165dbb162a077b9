package io.cairn.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage engine bottom-up: medium, then (added by their owners) log and blob rows. To add a
 * row, write a {@link Benchmark} and list it in {@link #benchmarks()}; document its flags in
 * {@link #flags()}.
 */
public final class EngineSuite implements Suite {
  @Override
  public String name() {
    return "engine";
  }

  @Override
  public String description() {
    return "medium (local disk, HDFS) write throughput against raw FileChannel / FSDataOutputStream";
  }

  @Override
  public Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--size-mib=N", "bytes written per local case (default 1024)");
    f.put("--hdfs-size-mib=N", "bytes written per HDFS case (default 256; each is stored 3 times)");
    f.put("--sync-every-mib=N", "sync interval of the synced cases (default 8)");
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
