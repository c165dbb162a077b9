package io.cairn.log;

import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Throughput of {@link SegmentLog} against the physical limit on the same disk, not a unit test:
 * {@code java -cp target/classes:target/test-classes:<deps> io.cairn.log.LogBenchmark DIR [MiB]}.
 *
 * <ol>
 *   <li>Sequential: 1 MiB appends from 4 threads, each syncing every 8 appends (group commit),
 *       against one thread writing 1 MiB buffers to a FileChannel with a force every 32 MiB, and
 *       with a single force at the end (the disk's bandwidth).
 *   <li>Random 4 KiB writes with a sync every 32: log appends against FileChannel writes at random
 *       4 KiB-aligned offsets of a preallocated file, forced every 32 writes.
 * </ol>
 */
public final class LogBenchmark {
  private LogBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
    Files.createDirectories(dir);
    double rawOnce = rawSequential(dir.resolve("raw-once.bin"), mib, Long.MAX_VALUE);
    double raw = rawSequential(dir.resolve("raw.bin"), mib, 32);
    double log = logSequential(dir.resolve("log-seq"), mib, 4);
    System.out.printf("sequential 1 MiB: raw FileChannel %.0f MiB/s (one force at the end: %.0f MiB/s),"
        + " SegmentLog %.0f MiB/s (%.2fx, %.2fx)%n", raw, rawOnce, log, log / raw, log / rawOnce);
    int writes = (int) Math.min(200_000, mib * 64);
    double rawRandom = rawRandom4k(dir.resolve("raw-random.bin"), writes);
    double logRandom = logRandom4k(dir.resolve("log-random"), writes);
    System.out.printf("random 4 KiB, sync every 32: raw FileChannel %.0f writes/s, SegmentLog %.0f writes/s (%.2fx)%n",
        rawRandom, logRandom, logRandom / rawRandom);
  }

  private static double rawSequential(Path file, long mib, long forceEveryMib) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    long start = System.nanoTime();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long i = 0; i < mib; i++) {
        buf.clear();
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        if (i % forceEveryMib == forceEveryMib - 1) {
          ch.force(false);
        }
      }
      ch.force(false);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.delete(file);
    return mib / seconds;
  }

  private static double logSequential(Path dir, long mib, int threads) throws Exception {
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SegmentLogConfig.defaults())) {
      long perThread = mib / threads;
      List<Thread> workers = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        workers.add(Thread.ofPlatform().start(() -> {
          ByteBuffer payload = ByteBuffer.allocateDirect(1 << 20);
          try {
            for (long i = 0; i < perThread; i++) {
              log.append(RecordKind.DATA, 1, i << 20, 1 << 20, payload.clear());
              if (i % 8 == 7) {
                log.sync();
              }
            }
            log.sync();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      for (Thread w : workers) {
        w.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.println("  log stats: " + log.stats());
      deleteAll(dir);
      return perThread * threads / seconds;
    }
  }

  private static double rawRandom4k(Path file, int writes) throws IOException {
    long blocks = 64L << 8; // a 64 MiB file of 4 KiB blocks
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer zero = ByteBuffer.allocateDirect(1 << 20);
      for (long i = 0; i < blocks * 4096 / (1 << 20); i++) {
        ch.write(zero.clear());
      }
      ch.force(true);
      ByteBuffer block = ByteBuffer.allocateDirect(4096);
      SplittableRandom random = new SplittableRandom(7);
      long start = System.nanoTime();
      for (int i = 0; i < writes; i++) {
        ch.write(block.clear(), random.nextLong(blocks) * 4096);
        if (i % 32 == 31) {
          ch.force(false);
        }
      }
      ch.force(false);
      double seconds = (System.nanoTime() - start) / 1e9;
      Files.delete(file);
      return writes / seconds;
    }
  }

  private static double logRandom4k(Path dir, int writes) throws IOException {
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SegmentLogConfig.defaults())) {
      ByteBuffer block = ByteBuffer.allocateDirect(4096);
      SplittableRandom random = new SplittableRandom(7);
      long start = System.nanoTime();
      for (int i = 0; i < writes; i++) {
        log.append(RecordKind.DATA, 1, random.nextLong(1 << 14) * 4096, 4096, block.clear());
        if (i % 32 == 31) {
          log.sync();
        }
      }
      log.sync();
      double seconds = (System.nanoTime() - start) / 1e9;
      deleteAll(dir);
      return writes / seconds;
    }
  }

  private static void deleteAll(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
  }
}
