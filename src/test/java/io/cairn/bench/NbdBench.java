package io.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.nbd.ExternalTool;
import io.cairn.nbd.FileBlockExport;
import io.cairn.nbd.MapExportResolver;
import io.cairn.nbd.NbdMetrics;
import io.cairn.nbd.NbdServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * NBD data-plane benchmark: the same fio jobs (libnbd engine) against Cairn's {@link NbdServer} and
 * against {@code qemu-nbd} serving a raw file on the same disk, with writeback and with
 * {@code --cache=none}, and the ratios. Targets: at least 1.0x qemu-nbd (writeback) on sequential
 * and random reads, 0.8x on random writes.
 *
 * <p>Run: {@code java -cp ... io.cairn.bench.NbdBench [dir] [seconds-per-job] [file-MiB]}.
 */
public final class NbdBench {

  /** One fio job: what it measures and its options. */
  record Job(String name, String metric, List<String> options) {}

  /** The measured value of one job against one server. */
  record Measurement(double value, String unit, double p99Micros, double cpuMicrosPerOp) {}

  static final List<Job> JOBS =
      List.of(
          new Job("seq-write-1M-qd16", "bw", List.of("--rw=write", "--bs=1M", "--iodepth=16")),
          new Job("seq-read-1M-qd16", "bw", List.of("--rw=read", "--bs=1M", "--iodepth=16")),
          new Job("rand-read-4k-qd32", "iops", List.of("--rw=randread", "--bs=4k", "--iodepth=32")),
          new Job("rand-write-4k-qd32", "iops", List.of("--rw=randwrite", "--bs=4k", "--iodepth=32")),
          new Job("rand-read-4k-qd1", "lat", List.of("--rw=randread", "--bs=4k", "--iodepth=1")),
          new Job("rand-write-4k-qd1", "lat", List.of("--rw=randwrite", "--bs=4k", "--iodepth=1")));

  private final Path dir;
  private final int seconds;
  private final long size;

  public NbdBench(Path dir, int seconds, long size) {
    this.dir = dir;
    this.seconds = seconds;
    this.size = size;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/nbd-bench");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    long mib = args.length > 2 ? Long.parseLong(args[2]) : 1024;
    System.out.println(new NbdBench(dir, seconds, mib << 20).run());
  }

  /** A server under test: where fio connects, and how to stop it. */
  private record Target(String name, String uri, AutoCloseable stop, LongSupplier cpuNanos) {}

  /**
   * Runs every job on every server, interleaved job by job so that load from elsewhere on the
   * machine hits all servers alike; returns the report table.
   */
  public String run() throws Exception {
    Files.createDirectories(dir);
    List<Target> targets = new ArrayList<>();
    try {
      targets.add(startCairn(prepare(dir.resolve("cairn.raw"))));
      targets.add(startQemu("qemu-nbd writeback", prepare(dir.resolve("qemu-wb.raw")), "writeback"));
      if (!Boolean.getBoolean("nbd.bench.skipCacheNone")) {
        targets.add(startQemu("qemu-nbd none", prepare(dir.resolve("qemu-none.raw")), "none"));
      }
      Map<String, Map<String, Measurement>> results = new LinkedHashMap<>();
      for (Target t : targets) {
        results.put(t.name(), new LinkedHashMap<>());
      }
      String only = System.getProperty("nbd.bench.jobs", "");
      for (Job job : JOBS) {
        if (!only.isEmpty() && !job.name().matches(only)) {
          continue;
        }
        for (Target t : targets) {
          results.get(t.name()).put(job.name(), runJob(job, t));
        }
      }
      return report(results);
    } finally {
      for (Target t : targets) {
        t.stop().close();
      }
      for (String f : List.of("cairn.raw", "qemu-wb.raw", "qemu-none.raw")) {
        Files.deleteIfExists(dir.resolve(f));
      }
    }
  }

  private Target startCairn(Path file) throws IOException {
    NbdServer.Config config =
        NbdServer.Config.defaults().withBind(new InetSocketAddress("127.0.0.1", 0));
    MapExportResolver resolver =
        new MapExportResolver().add("vol", "bench file", () -> new FileBlockExport(file, false));
    String mode = System.getProperty("nbd.bench.workers", "virtual");
    java.util.concurrent.ExecutorService workers =
        mode.equals("virtual")
            ? java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()
            : java.util.concurrent.Executors.newFixedThreadPool(Integer.parseInt(mode));
    NbdServer server = new NbdServer(config, resolver, NbdMetrics.NONE, workers).start();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Target(
        "cairn", "nbd://127.0.0.1:" + server.port() + "/vol", server, os::getProcessCpuTime);
  }

  private Target startQemu(String name, Path file, String cache) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                ExternalTool.QEMU_NBD.path().toString(),
                "-f", "raw", "-t", "-x", "vol", "--cache=" + cache,
                "-b", "127.0.0.1", "-p", Integer.toString(port), file.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("qemu-nbd-" + cache + ".log").toFile())
            .start();
    AutoCloseable stop =
        () -> {
          p.destroy();
          if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        };
    try {
      awaitPort(port, p);
    } catch (Exception e) {
      stop.close();
      throw e;
    }
    return new Target(name, "nbd://127.0.0.1:" + port + "/vol", stop, () -> procCpuNanos(p.pid()));
  }

  /** utime + stime of a process from /proc, in nanoseconds (assumes 100 clock ticks a second). */
  private static long procCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitPort(int port, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("qemu-nbd exited with " + p.exitValue());
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IOException("qemu-nbd did not listen on " + port);
  }

  private Measurement runJob(Job job, Target target) throws Exception {
    String uri = target.uri();
    long cpuBefore = target.cpuNanos().getAsLong();
    List<String> args = new ArrayList<>();
    args.add("--name=" + job.name());
    args.add("--ioengine=nbd");
    args.add("--uri=" + uri);
    args.add("--output-format=json");
    args.add("--time_based");
    args.add("--runtime=" + seconds);
    args.add("--ramp_time=1");
    args.add("--size=" + size);
    args.add("--randrepeat=0");
    args.addAll(job.options());
    ExternalTool.Result r = ExternalTool.FIO.run(seconds + 120, args.toArray(String[]::new));
    if (r.exit() != 0) {
      throw new IOException("fio " + job.name() + " failed: " + r.all());
    }
    JsonNode j = new ObjectMapper().readTree(r.out().substring(r.out().indexOf('{'))).get("jobs").get(0);
    JsonNode side = job.options().get(0).contains("read") ? j.get("read") : j.get("write");
    double p99 = side.at("/clat_ns/percentile/99.000000").asDouble() / 1000;
    // Includes the 1 s ramp, whose I/Os fio does not count: an overestimate alike for every server.
    double cpu = (target.cpuNanos().getAsLong() - cpuBefore) / 1000.0 / Math.max(1, side.get("total_ios").asLong());
    Measurement m =
        switch (job.metric()) {
          case "bw" -> new Measurement(side.get("bw_bytes").asDouble() / (1 << 20), "MiB/s", p99, cpu);
          case "iops" -> new Measurement(side.get("iops").asDouble(), "IOPS", p99, cpu);
          default -> new Measurement(side.at("/lat_ns/mean").asDouble() / 1000, "us", p99, cpu);
        };
    return m;
  }

  /** A fully written file, so reads hit data rather than holes on both servers. */
  private Path prepare(Path file) throws IOException {
    Files.deleteIfExists(file);
    SplittableRandom random = new SplittableRandom(1);
    ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel f = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long at = 0; at < size; at += block.capacity()) {
        block.clear();
        while (block.hasRemaining()) {
          block.putLong(random.nextLong());
        }
        block.flip();
        while (block.hasRemaining()) {
          f.write(block, at + block.position());
        }
      }
      f.force(true);
    }
    return file;
  }

  private static String report(Map<String, Map<String, Measurement>> results) {
    StringBuilder b = new StringBuilder();
    List<String> servers = new ArrayList<>(results.keySet());
    b.append(String.format(Locale.ROOT, "%-20s", "job"));
    for (String s : servers) {
      b.append(String.format(Locale.ROOT, " %38s", s));
    }
    for (String peer : servers.subList(1, servers.size())) {
      b.append(String.format(Locale.ROOT, " %10s", "vs " + peer.replace("qemu-nbd ", "")));
    }
    b.append('\n');
    for (Job job : JOBS) {
      if (!results.get("cairn").containsKey(job.name())) {
        continue;
      }
      b.append(String.format(Locale.ROOT, "%-20s", job.name()));
      for (String s : servers) {
        Measurement m = results.get(s).get(job.name());
        b.append(
            String.format(
                Locale.ROOT,
                " %9.1f %-5s p99 %6.0f cpu/op %6.1f",
                m.value(),
                m.unit(),
                m.p99Micros(),
                m.cpuMicrosPerOp()));
      }
      Measurement cairn = results.get("cairn").get(job.name());
      for (String peer : servers.subList(1, servers.size())) {
        Measurement q = results.get(peer).get(job.name());
        // Latency: lower is better, so the ratio is peer/cairn; throughput: cairn/peer.
        double ratio =
            job.metric().equals("lat") ? q.value() / cairn.value() : cairn.value() / q.value();
        b.append(String.format(Locale.ROOT, " %9.2fx", ratio));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
