package io.cairn.bench;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobStoreConfig;
import io.cairn.blob.LogBlobStore;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
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
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The NBD servers one bench run compares, each serving its own fully written raw file in the same
 * scratch directory: Cairn first, then qemu-nbd with writeback (the baseline) and with
 * {@code --cache=none}. Shared by every job of the run; closing stops them and removes the files.
 */
final class NbdTargets implements AutoCloseable {

  static final String CAIRN = "cairn NbdServer, raw file";
  static final String CAIRN_BLOB = "cairn NbdServer, blob volume";
  static final String QEMU_WRITEBACK = "qemu-nbd --cache=writeback";
  static final String QEMU_NONE = "qemu-nbd --cache=none";

  /** A server under test: where fio connects, its CPU time so far, and how to stop it. */
  record Target(String name, String uri, LongSupplier cpuNanos, AutoCloseable stop) {}

  private final Path dir;
  private final long size;
  private final List<Target> targets = new ArrayList<>();

  private NbdTargets(Path dir, long size) {
    this.dir = dir;
    this.size = size;
  }

  static NbdTargets start(BenchContext ctx) throws Exception {
    long size = ctx.options().longValue("size-mib", 1024) << 20;
    NbdTargets t = new NbdTargets(ctx.scratch("nbd-servers"), size);
    try {
      t.targets.add(t.startCairn(t.prepare("cairn.raw")));
      if (!ctx.options().flag("skip-blob")) {
        t.targets.add(t.startCairnBlob(t.dir.resolve("blob")));
      }
      t.targets.add(t.startQemu(QEMU_WRITEBACK, t.prepare("qemu-writeback.raw"), "writeback"));
      if (!ctx.options().flag("skip-cache-none")) {
        t.targets.add(t.startQemu(QEMU_NONE, t.prepare("qemu-none.raw"), "none"));
      }
    } catch (Exception e) {
      t.close();
      throw e;
    }
    return t;
  }

  List<Target> all() {
    return targets;
  }

  long size() {
    return size;
  }

  private Target startCairn(Path file) throws IOException {
    NbdServer.Config config =
        NbdServer.Config.defaults().withBind(new InetSocketAddress("127.0.0.1", 0));
    MapExportResolver resolver =
        new MapExportResolver().add("vol", "bench file", () -> new FileBlockExport(file, false));
    NbdServer server = new NbdServer(config, resolver, NbdMetrics.NONE).start();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    // Process CPU: the bench JVM does nothing else while fio runs.
    return new Target(CAIRN, "nbd://127.0.0.1:" + server.port() + "/vol", os::getProcessCpuTime, server);
  }

  /**
   * The real volume data path: LocalMedium, SegmentLog, LogBlobStore, filled with data first and
   * synced, so reads hit records rather than holes.
   */
  private Target startCairnBlob(Path storeDir) throws IOException {
    LocalMedium medium = new LocalMedium(storeDir);
    SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults());
    LogBlobStore store = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), null);
    Blob blob = store.create(size);
    SplittableRandom random = new SplittableRandom(2);
    ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
    for (long at = 0; at < size; at += block.capacity()) {
      block.clear();
      while (block.hasRemaining()) {
        block.putLong(random.nextLong());
      }
      blob.write(at, block.flip());
    }
    blob.sync();
    NbdServer.Config config =
        NbdServer.Config.defaults().withBind(new InetSocketAddress("127.0.0.1", 0));
    MapExportResolver resolver =
        new MapExportResolver().add("vol", "blob volume", () -> io.cairn.volumes.BlobExport.of(blob));
    NbdServer server = new NbdServer(config, resolver, NbdMetrics.NONE).start();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AutoCloseable stop =
        () -> {
          server.close();
          store.close();
          log.close();
          medium.close();
        };
    return new Target(
        CAIRN_BLOB, "nbd://127.0.0.1:" + server.port() + "/vol", os::getProcessCpuTime, stop);
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
      awaitListening(port, p);
    } catch (Exception e) {
      stop.close();
      throw e;
    }
    return new Target(name, "nbd://127.0.0.1:" + port + "/vol", () -> procCpuNanos(p.pid()), stop);
  }

  /** utime + stime from /proc/PID/stat, in nanoseconds (Linux USER_HZ is 100). */
  private static long procCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitListening(int port, Process p) throws Exception {
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
    throw new IOException("qemu-nbd did not listen on port " + port);
  }

  /** A fully written file, so reads hit data rather than holes on every server. */
  private Path prepare(String name) throws IOException {
    Path file = dir.resolve(name);
    SplittableRandom random = new SplittableRandom(1);
    ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel f =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (Target t : targets) {
      try {
        t.stop().close();
      } catch (Exception e) {
        failure = e;
      }
    }
    BenchContext.deleteTree(dir);
    if (failure != null) {
      throw failure;
    }
  }
}
