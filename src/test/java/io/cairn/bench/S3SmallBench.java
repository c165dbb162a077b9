package io.cairn.bench;

import io.cairn.server.auth.SigV4;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 4 KiB PUT and GET at 1, 8, 32 and 128 concurrent clients (each a thread with its own keep-alive
 * connection, issuing its next request when the last one is answered) for a fixed time, against
 * Cairn and S3Proxy in turn with the same client ({@link S3Connection}). PUTs send the body's
 * SHA-256 as the payload hash, so both servers verify it; GETs read random keys already written.
 */
final class S3SmallBench implements Benchmark {
  private static final int SIZE = 4096;

  @Override
  public String name() {
    return "s3-small";
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    boolean quick = ctx.options().flag("quick");
    double seconds = Double.parseDouble(ctx.options().string("seconds", quick ? "1" : "5"));
    int runs = ctx.options().intValue("runs", 1);
    List<Integer> levels = Arrays.stream(ctx.options().string("clients", quick ? "1,32" : "1,8,32,128")
        .split(",")).map(String::strip).map(Integer::parseInt).toList();
    S3Servers servers = S3Servers.of(ctx);
    Map<S3Connection.Endpoint, AtomicLong> written = new LinkedHashMap<>();
    for (S3Connection.Endpoint e : servers.both()) {
      written.put(e, new AtomicLong());
    }
    for (S3Connection.Endpoint e : servers.both()) { // warm-up (JIT, connections), not recorded
      load(e, true, 8, Math.min(seconds, 2), written.get(e));
      load(e, false, 8, Math.min(seconds, 2), written.get(e));
    }
    List<String> ops = List.of(ctx.options().string("ops", "PUT,GET").split(","));
    for (int clients : levels) {
      for (String op : ops) {
        boolean put = op.equals("PUT");
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        List<S3Connection.Endpoint> order = servers.both();
        for (int round = 0; round < runs; round++) {
          for (int i = 0; i < order.size(); i++) {
            S3Connection.Endpoint e = order.get((i + round) % order.size());
            String who = e == servers.cairnEndpoint ? "Cairn" : "S3Proxy";
            long[] before = e == servers.cairnEndpoint ? servers.cairnSyncCounters() : null;
            long benchCpu = S3Servers.benchCpuNanos();
            long proxyCpu = servers.proxyCpuNanos();
            double[] r = load(e, put, clients, seconds, written.get(e));
            double done = r[0] * r[2];
            // CPU per operation: the bench JVM runs the client (and Cairn), S3Proxy is a process
            // of its own; the client's share is what the bench JVM spends while S3Proxy serves.
            r[3] = (S3Servers.benchCpuNanos() - benchCpu) / 1e3 / done;
            r[4] = (servers.proxyCpuNanos() - proxyCpu) / 1e3 / done;
            String grouping = "";
            if (before != null && put) {
              long[] after = servers.cairnSyncCounters();
              grouping = String.format(Locale.ROOT, " (log: %d syncs in %d fsyncs; catalog: %d"
                  + " transactions in %d commits)", after[0] - before[0], after[1] - before[1],
                  after[2] - before[2], after[3] - before[3]);
            }
            Bench.progress(String.format(Locale.ROOT,
                "  %s %s x%d: %.0f ops/s, mean %.2f ms, cpu/op: bench JVM %.0f us, S3Proxy %.0f us%s",
                who, op, clients, r[0], r[1], r[3], r[4], grouping));
            results.computeIfAbsent(who, k -> new ArrayList<>()).add(r);
          }
        }
        String group = "4 KiB " + op + ", " + clients + (clients == 1 ? " client" : " clients");
        double[] proxy = median(results.get("S3Proxy"));
        double[] cairn = median(results.get("Cairn"));
        table.baseline(group, "S3Proxy", proxy[0], "ops/s", String.format(Locale.ROOT,
            "peer: S3Proxy 4.1.0, filesystem back end; mean latency %.2f ms; server cpu %.0f us/op,"
            + " client %.0f us/op", proxy[1], proxy[4], proxy[3]));
        table.row(group, "Cairn", cairn[0], "ops/s", String.format(Locale.ROOT,
            "mean latency %.2f ms; server cpu %.0f us/op%s", cairn[1], cairn[3] - proxy[3],
            put ? "; durable before the reply (S3Proxy does not fsync)" : ""));
      }
    }
  }

  /** The run with the median rate: {ops per second, mean latency in ms}. */
  private static double[] median(List<double[]> runs) {
    List<double[]> sorted = new ArrayList<>(runs);
    sorted.sort((a, b) -> Double.compare(a[0], b[0]));
    return sorted.get(sorted.size() / 2);
  }

  /**
   * {@code clients} threads PUT new keys (or GET random keys among those written) until
   * {@code seconds} have passed; returns {ops per second, mean latency in ms, seconds taken, and
   * two slots for the caller's CPU accounting}.
   */
  static double[] load(S3Connection.Endpoint endpoint, boolean put, int clients, double seconds,
      AtomicLong written) throws Exception {
    byte[] body = new byte[SIZE];
    new SplittableRandom(7).nextBytes(body);
    String hash = SigV4.sha256Hex(body);
    long available = written.get();
    if (!put && available == 0) {
      throw new IllegalStateException("GET before any PUT");
    }
    AtomicLong ops = new AtomicLong();
    AtomicLong latency = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      long deadline = start + (long) (seconds * 1e9);
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < clients; t++) {
        SplittableRandom random = new SplittableRandom(t);
        tasks.add(() -> {
          try (S3Connection c = new S3Connection(endpoint)) {
            long now;
            while ((now = System.nanoTime()) < deadline) {
              if (put) {
                c.put("/" + S3Servers.BUCKET + "/small/" + written.getAndIncrement(), null, body,
                    SIZE, 1, hash);
              } else {
                c.get("/" + S3Servers.BUCKET + "/small/" + random.nextLong(available), null);
              }
              latency.addAndGet(System.nanoTime() - now);
              ops.incrementAndGet();
            }
          }
          return null;
        });
      }
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        futures.add(pool.submit(task));
      }
      for (Future<Void> f : futures) {
        f.get();
      }
      long elapsed = System.nanoTime() - start;
      return new double[] {ops.get() / (elapsed / 1e9), latency.get() / 1e6 / Math.max(1, ops.get()),
          elapsed / 1e9, 0, 0};
    } finally {
      pool.shutdownNow();
    }
  }
}
