package io.cairn.bench;

import io.cairn.server.auth.SigV4;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * A third server, {@link HttpFloor}, is the HTTP stack's own limit: the rate no server on it can
 * pass here, whatever its storage does.
 */
final class S3SmallBench implements Benchmark {
  private static final int SIZE = 4096;
  private static final String FLOOR = "HTTP floor";

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
    HttpFloor floor = ctx.shared("http-floor", () -> HttpFloor.start(SIZE));
    Map<S3Connection.Endpoint, String> names = new LinkedHashMap<>();
    names.put(servers.proxyEndpoint, "S3Proxy");
    names.put(servers.cairnEndpoint, "Cairn");
    names.put(floor.endpoint, FLOOR);
    List<S3Connection.Endpoint> order = new ArrayList<>(names.keySet());
    Map<S3Connection.Endpoint, AtomicLong> written = new LinkedHashMap<>();
    for (S3Connection.Endpoint e : order) {
      written.put(e, new AtomicLong());
    }
    // Warm-up, not recorded: long enough for each JVM's JIT to finish with the hot paths (with
    // 2 s, S3Proxy on a loaded machine still ran partly interpreted in the first case).
    double warmUp = Double.parseDouble(ctx.options().string("warmup", quick ? "1" : "10"));
    for (S3Connection.Endpoint e : order) {
      load(e, true, 8, warmUp, written.get(e));
      load(e, false, 8, warmUp, written.get(e));
    }
    List<String> ops = List.of(ctx.options().string("ops", "PUT,GET").split(","));
    for (int clients : levels) {
      for (String op : ops) {
        boolean put = op.equals("PUT");
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 0; round < runs; round++) {
          for (int i = 0; i < order.size(); i++) {
            S3Connection.Endpoint e = order.get((i + round) % order.size());
            String who = names.get(e);
            long[] before = e == servers.cairnEndpoint ? servers.cairnSyncCounters() : null;
            long benchCpu = S3Servers.benchCpuNanos();
            long proxyCpu = servers.proxyCpuNanos();
            double[] r = load(e, put, clients, seconds, written.get(e));
            double done = r[0] * r[2];
            // CPU per operation: the client's threads measure their own; the bench JVM runs the
            // client, Cairn and the floor (so its total less the client's is the server's there);
            // S3Proxy is a process of its own.
            double client = r[3] / 1e3 / done;
            r[3] = e == servers.proxyEndpoint
                ? (servers.proxyCpuNanos() - proxyCpu) / 1e3 / done
                : (S3Servers.benchCpuNanos() - benchCpu) / 1e3 / done - client;
            r[4] = client;
            String grouping = "";
            if (before != null && put) {
              long[] after = servers.cairnSyncCounters();
              grouping = String.format(Locale.ROOT, " (log: %d syncs in %d fsyncs; catalog: %d"
                  + " transactions in %d commits, %d WAL fsyncs)", after[0] - before[0],
                  after[1] - before[1], after[2] - before[2], after[3] - before[3],
                  after[4] - before[4]);
            }
            Bench.progress(String.format(Locale.ROOT,
                "  %s %s x%d: %.0f ops/s, mean %.2f ms, cpu/op: server %.0f us, client %.0f us%s",
                who, op, clients, r[0], r[1], r[3], r[4], grouping));
            results.computeIfAbsent(who, k -> new ArrayList<>()).add(r);
          }
        }
        String group = "4 KiB " + op + ", " + clients + (clients == 1 ? " client" : " clients");
        double[] proxy = median(results.get("S3Proxy"));
        double[] cairn = median(results.get("Cairn"));
        double[] http = median(results.get(FLOOR));
        table.baseline(group, "S3Proxy", proxy[0], "ops/s", String.format(Locale.ROOT,
            "peer: S3Proxy 4.1.0, filesystem back end; mean latency %.2f ms; server cpu %.0f us/op,"
            + " client %.0f us/op", proxy[1], proxy[3], proxy[4]));
        table.row(group, "Cairn", cairn[0], "ops/s", String.format(Locale.ROOT,
            "mean latency %.2f ms; server cpu %.0f us/op%s", cairn[1], cairn[3],
            put ? "; durable before the reply (S3Proxy does not fsync)" : ""));
        table.row(group, FLOOR, http[0], "ops/s", String.format(Locale.ROOT,
            "limit: Jetty as configured for Cairn, answering from memory, no auth or storage;"
            + " server cpu %.0f us/op", http[3]));
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
   * {@code seconds} have passed; returns {ops per second, mean latency in ms, seconds taken, CPU
   * nanoseconds the client threads used, and a slot for the caller's CPU accounting}.
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
    AtomicLong clientCpu = new AtomicLong();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      long deadline = start + (long) (seconds * 1e9);
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < clients; t++) {
        SplittableRandom random = new SplittableRandom(t);
        tasks.add(() -> {
          long cpu = threads.getCurrentThreadCpuTime();
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
          } finally {
            clientCpu.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
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
          elapsed / 1e9, clientCpu.get(), 0};
    } finally {
      pool.shutdownNow();
    }
  }
}
