package io.cairn.bench;

import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two servers every S3 benchmark of a run measures, started once: Cairn with its production
 * wiring (in the benchmark's JVM) and S3Proxy 4.1.0 on its filesystem back end (in its own JVM:
 * its Jetty 11 cannot share a class path with Cairn's Jetty 12). Each has a bucket {@code bench}.
 */
final class S3Servers implements AutoCloseable {
  static final String BUCKET = "bench";
  private static final String S3PROXY_ID = "local-identity";
  private static final String S3PROXY_SECRET = "local-credential";

  private final TestServer cairn;
  private final Process proxy;
  final S3Connection.Endpoint cairnEndpoint;
  final S3Connection.Endpoint proxyEndpoint;

  private S3Servers(TestServer cairn, Process proxy, int proxyPort) {
    this.cairn = cairn;
    this.proxy = proxy;
    this.cairnEndpoint = new S3Connection.Endpoint("127.0.0.1", cairn.server.s3Port(),
        TestServer.ROOT_AK, TestServer.ROOT_SK);
    this.proxyEndpoint = new S3Connection.Endpoint("127.0.0.1", proxyPort, S3PROXY_ID,
        S3PROXY_SECRET);
  }

  /** The servers of this run, started on first use and stopped when the run ends. */
  static S3Servers of(BenchContext ctx) throws Exception {
    return ctx.shared("s3-servers", () -> {
      Path dir = ctx.scratch("s3-servers");
      Path jar = Path.of(ctx.options().string("s3proxy-jar", System.getProperty("user.home")
          + "/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar"));
      Process proxy = null;
      TestServer cairn = null;
      try {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
          port = s.getLocalPort();
        }
        proxy = startProxy(jar, dir.resolve("s3proxy"), port);
        cairn = TestServer.start(Wiring.production(
            TestServer.config(Files.createDirectories(dir.resolve("cairn")))).env(TestServer.ENV));
        S3Servers servers = new S3Servers(cairn, proxy, port);
        for (S3Connection.Endpoint e : servers.both()) {
          try (S3Connection c = new S3Connection(e)) {
            c.createBucket(BUCKET);
          }
        }
        return servers;
      } catch (Exception e) {
        if (cairn != null) {
          cairn.close();
        }
        if (proxy != null) {
          proxy.destroyForcibly();
        }
        throw e;
      }
    });
  }

  /** CPU time the S3Proxy process has used so far (0 if the platform does not say). */
  long proxyCpuNanos() {
    return proxy.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  /** CPU time this JVM (the load generator, and Cairn) has used so far. */
  static long benchCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos)
        .orElse(0L);
  }

  /**
   * Cairn's engine counters from its {@code /metrics}: log sync calls, log fsyncs, catalog write
   * transactions, catalog commits, catalog WAL fsyncs — the grouping the group commits achieve.
   */
  long[] cairnSyncCounters() throws IOException, InterruptedException {
    String text = cairn.get(cairn.api() + "/metrics").body();
    String[] names = {"cairn_log_syncs_total", "cairn_log_physical_syncs_total",
        "cairn_catalog_write_transactions_total", "cairn_catalog_commits_total",
        "cairn_catalog_wal_fsyncs_total"};
    long[] out = new long[names.length];
    for (String line : text.split("\n")) {
      for (int i = 0; i < names.length; i++) {
        if (line.startsWith(names[i] + " ") || line.startsWith(names[i] + "{")) {
          out[i] = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return out;
  }

  List<S3Connection.Endpoint> both() {
    return List.of(proxyEndpoint, cairnEndpoint);
  }

  private static Process startProxy(Path jar, Path dir, int port) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("S3Proxy jar not found at " + jar + "; fetch it with mvn dependency:get"
          + " -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies, or pass --s3proxy-jar");
    }
    Files.createDirectories(dir.resolve("data"));
    Path conf = dir.resolve("s3proxy.conf");
    Files.writeString(conf, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + S3PROXY_ID,
        "s3proxy.credential=" + S3PROXY_SECRET,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + dir.resolve("data"), ""));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx1g", "-jar", jar.toString(),
        "--properties", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return p;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IOException("S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
        }
        Thread.sleep(200);
      }
    }
    p.destroyForcibly();
    throw new IOException("S3Proxy did not start within 60 s");
  }

  @Override
  public void close() throws Exception {
    try {
      cairn.close();
    } finally {
      proxy.destroy();
      proxy.waitFor();
    }
  }
}
