package io.cairn.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NBD data plane against its peer: the same fio jobs (libnbd engine) against Cairn's NbdServer
 * and against {@code qemu-nbd -f raw -t} serving a raw file on the same disk, with
 * {@code --cache=writeback} (the baseline: same page-cache semantics as the file-backed export) and
 * {@code --cache=none}. Targets: at least 1.0x qemu-nbd on sequential and random reads, 0.8x on
 * random writes. Cairn runs twice: serving the same kind of raw file through the test fixture
 * {@code FileBlockExport} (the protocol layer alone, like for like with qemu-nbd), and serving a
 * blob of the real storage engine (LocalMedium, SegmentLog, LogBlobStore), the volume data path.
 */
public final class NbdBench implements Suite {

  /** One fio job; {@code metric} is "bw" (MiB/s) or "iops". */
  record Job(String name, String group, String metric, List<String> options) {}

  static final List<Job> JOBS =
      List.of(
          new Job("nbd-seq-write-1m-qd16", "seq write 1 MiB QD16", "bw",
              List.of("--rw=write", "--bs=1M", "--iodepth=16")),
          new Job("nbd-seq-read-1m-qd16", "seq read 1 MiB QD16", "bw",
              List.of("--rw=read", "--bs=1M", "--iodepth=16")),
          new Job("nbd-rand-read-4k-qd32", "rand read 4 KiB QD32", "iops",
              List.of("--rw=randread", "--bs=4k", "--iodepth=32")),
          new Job("nbd-rand-write-4k-qd32", "rand write 4 KiB QD32", "iops",
              List.of("--rw=randwrite", "--bs=4k", "--iodepth=32")),
          new Job("nbd-rand-read-4k-qd1", "rand read 4 KiB QD1 (latency)", "iops",
              List.of("--rw=randread", "--bs=4k", "--iodepth=1")),
          new Job("nbd-rand-write-4k-qd1", "rand write 4 KiB QD1 (latency)", "iops",
              List.of("--rw=randwrite", "--bs=4k", "--iodepth=1")));

  @Override
  public String name() {
    return "nbd";
  }

  @Override
  public String description() {
    return "NBD server vs qemu-nbd: fio seq 1 MiB QD16, rand 4 KiB QD32 and QD1";
  }

  @Override
  public Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("--size-mib=N", "size of each served raw file, fio's range (default 1024)");
    f.put("--seconds=N", "fio runtime per job and server, after 1 s ramp (default 10)");
    f.put("--runs=N", "repeat each job round-robin over the servers, report the median (default 1)");
    f.put("--skip-cache-none", "do not run qemu-nbd --cache=none (O_DIRECT)");
    f.put("--skip-blob", "do not run Cairn on a blob volume (LocalMedium, SegmentLog, LogBlobStore)");
    return f;
  }

  @Override
  public List<Benchmark> benchmarks() {
    return JOBS.stream().map(j -> (Benchmark) new NbdFioJob(j)).toList();
  }
}
