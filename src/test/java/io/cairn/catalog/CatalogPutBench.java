package io.cairn.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Rough throughput of object-row PUTs with synced commits: {@code java ... CatalogPutBench DIR}. */
public final class CatalogPutBench {
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : "/tmp"), "catbench");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int perThread = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    try (Catalog catalog = Catalog.open(dir.resolve("c.db"), Clock.systemUTC(), new SecureRandom())) {
      catalog.buckets().create("b", "o", "us-east-1", null);
      catalog.users().create("bench", false, "AKBENCH", "secret");
      for (int round = 0; round < 8; round++) {
        long l0 = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
          catalog.users().findByAccessKey("AKBENCH").orElseThrow();
        }
        System.out.printf("access-key lookup: %.1f us%n", (System.nanoTime() - l0) / 20_000 / 1e3);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < perThread; i++) {
        catalog.objects().put("b", ObjectDraft.of("seq/" + i, i + 1, 4096, "e", "o"));
      }
      double seq = (System.nanoTime() - t0) / 1e9;
      System.out.printf("sequential: %d puts in %.2fs = %.0f/s%n", perThread, seq, perThread / seq);
      long[] before = catalog.database().groupCommitCounts();
      List<Thread> workers = new ArrayList<>();
      long t1 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        workers.add(Thread.ofVirtual().start(() -> {
          try {
            for (int i = 0; i < perThread; i++) {
              catalog.objects().put("b", ObjectDraft.of("t" + thread + "/" + i, i + 1, 4096, "e", "o"));
            }
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        }));
      }
      for (Thread w : workers) {
        w.join();
      }
      double par = (System.nanoTime() - t1) / 1e9;
      long[] after = catalog.database().groupCommitCounts();
      int n = threads * perThread;
      System.out.printf("%d threads: %d puts in %.2fs = %.0f/s, %d commits%n",
          threads, n, par, n / par, after[0] - before[0]);
    }
  }
}
