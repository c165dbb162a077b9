package io.cairn.bench;

import io.cairn.medium.MiniHdfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * What a {@link Benchmark} gets: the options, scratch directories under {@code bench/work/SUITE},
 * and resources shared by several benchmarks of a run (started on first use, closed at the end),
 * e.g. {@link #miniHdfs()}.
 */
public final class BenchContext implements AutoCloseable {
  private final Options options;
  private final Path work;
  private final Map<String, AutoCloseable> shared = new LinkedHashMap<>();
  private final Deque<AutoCloseable> closeOrder = new ArrayDeque<>();

  BenchContext(Options options, Path work) {
    this.options = options;
    this.work = work;
  }

  public Options options() {
    return options;
  }

  /** A fresh empty directory {@code bench/work/SUITE/name} (emptied if it was there). */
  public Path scratch(String name) throws IOException {
    Path dir = work.resolve(name);
    deleteTree(dir);
    return Files.createDirectories(dir);
  }

  /** Removes a scratch directory a benchmark is done with (benchmarks write GiBs). */
  public void discard(Path dir) throws IOException {
    deleteTree(dir);
  }

  /** The resource under {@code key}, started by {@code start} on first use; closed at the end. */
  @SuppressWarnings("unchecked")
  public synchronized <T extends AutoCloseable> T shared(String key, Callable<T> start) throws Exception {
    AutoCloseable r = shared.get(key);
    if (r == null) {
      r = start.call();
      shared.put(key, r);
      closeOrder.push(r);
    }
    return (T) r;
  }

  /**
   * One in-process HDFS per run: 3 DataNodes, replication 3, block size {@code --hdfs-block-mib}
   * (default 128, as in production), files under {@code bench/work/SUITE/minihdfs}.
   */
  public MiniHdfs miniHdfs() throws Exception {
    long blockMib = options.longValue("hdfs-block-mib", 128);
    return shared("minihdfs", () -> {
      Bench.progress("starting MiniDFSCluster (3 DataNodes)");
      long t0 = System.nanoTime();
      MiniHdfs hdfs = MiniHdfs.start(work.resolve("minihdfs"), 3, blockMib << 20);
      Bench.progress(String.format("MiniDFSCluster up in %.1f s", (System.nanoTime() - t0) / 1e9));
      return hdfs;
    });
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    while (!closeOrder.isEmpty()) {
      try {
        closeOrder.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    deleteTree(work);
    if (failure != null) {
      throw failure;
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
