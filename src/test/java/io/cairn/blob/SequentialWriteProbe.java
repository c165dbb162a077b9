package io.cairn.blob;

import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Not a unit test: the engine's share of an NBD sequential-write job, measured without the
 * network. {@code java -cp ... io.cairn.blob.SequentialWriteProbe DIR [MiB] [rounds] [syncEveryMiB]}
 * writes MiB sequentially in 1 MiB blocks from 16 threads (like fio's QD16), once to a raw file
 * with {@code FileChannel.write(src, position)} and once to a blob of a {@link LogBlobStore} on
 * a {@link SegmentLog}, alternating, and prints MiB/s and process CPU per MiB of each; then the
 * same for 4 KiB writes from one thread (QD1 latency). With syncEveryMiB > 0 a sync (force) is
 * issued after that many MiB, as NBD FLUSH would be.
 */
public final class SequentialWriteProbe {
  private static final int THREADS = 16;
  private static final int BLOCK = 1 << 20;

  private SequentialWriteProbe() {}

  interface Target extends AutoCloseable {
    void write(long offset, ByteBuffer src) throws IOException;

    void sync() throws IOException;

    /** Scratch directory, removed after the run. */
    Path dir();
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long syncEvery = args.length > 3 ? Long.parseLong(args[3]) : 0;
    String only = args.length > 4 ? args[4] : "all";
    Files.createDirectories(dir);
    for (int round = 0; round < rounds; round++) {
      if (!only.equals("blob")) {
        report("raw  seq 1M x16", run(raw(dir), mib, syncEvery, BLOCK, THREADS), mib);
      }
      if (!only.equals("raw")) {
        report("blob seq 1M x16", run(blob(dir), mib, syncEvery, BLOCK, THREADS), mib);
      }
      long small = Math.min(mib, 128);
      if (!only.equals("blob")) {
        report("raw  4K x1     ", run(raw(dir), small, syncEvery, 4096, 1), small * 256);
      }
      if (!only.equals("raw")) {
        report("blob 4K x1     ", run(blob(dir), small, syncEvery, 4096, 1), small * 256);
      }
    }
  }

  private static void report(String what, long[] nanosAndCpu, long units) {
    double s = nanosAndCpu[0] / 1e9;
    System.out.printf("%s  %8.1f units/s  %8.1f us wall/unit  %8.1f us cpu/unit%n",
        what, units / s, nanosAndCpu[0] / 1e3 / units, nanosAndCpu[1] / 1e3 / units);
  }

  private static long[] run(Target t, long mib, long syncEveryMiB, int block, int threads) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long total = mib << 20;
    AtomicLong next = new AtomicLong();
    AtomicLong sinceSync = new AtomicLong();
    long syncBytes = syncEveryMiB << 20;
    List<Thread> workers = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    try (t) {
      for (int i = 0; i < threads; i++) {
        workers.add(Thread.ofPlatform().start(() -> {
          ByteBuffer buf = ByteBuffer.allocateDirect(block);
          SplittableRandom r = new SplittableRandom(Thread.currentThread().threadId());
          while (buf.hasRemaining()) {
            buf.putLong(r.nextLong());
          }
          try {
            for (long at; (at = next.getAndAdd(block)) < total; ) {
              t.write(at, buf.clear());
              if (syncBytes > 0 && sinceSync.addAndGet(block) >= syncBytes) {
                sinceSync.set(0);
                t.sync();
              }
            }
          } catch (Throwable e) {
            synchronized (errors) {
              errors.add(e);
            }
          }
        }));
      }
      for (Thread w : workers) {
        w.join();
      }
      t.sync();
    }
    long wall = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    if (!errors.isEmpty()) {
      throw new IOException("writer failed", errors.get(0));
    }
    clean(t.dir());
    return new long[] {wall, cpu};
  }

  private static void clean(Path p) throws IOException {
    if (p == null || !Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  private static Target raw(Path dir) throws IOException {
    Path d = Files.createDirectories(dir.resolve("raw"));
    FileChannel ch = FileChannel.open(d.resolve("raw.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new Target() {
      @Override
      public void write(long offset, ByteBuffer src) throws IOException {
        long pos = offset;
        while (src.hasRemaining()) {
          pos += ch.write(src, pos);
        }
      }

      @Override
      public void sync() throws IOException {
        ch.force(false);
      }

      @Override
      public Path dir() {
        return d;
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  private static Target blob(Path dir) throws IOException {
    Path d = Files.createDirectories(dir.resolve("blob"));
    LocalMedium medium = new LocalMedium(d);
    SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults());
    LogBlobStore store = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), null);
    Blob blob = store.create(0);
    return new Target() {
      @Override
      public void write(long offset, ByteBuffer src) throws IOException {
        blob.write(offset, src);
      }

      @Override
      public void sync() throws IOException {
        blob.sync();
      }

      @Override
      public Path dir() {
        return d;
      }

      @Override
      public void close() throws IOException {
        store.close();
        log.close();
        medium.close();
      }
    };
  }
}
