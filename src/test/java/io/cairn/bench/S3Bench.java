package io.cairn.bench;

import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * 4 KiB PUT and GET rates (S3Proxy 4.1.0 on its filesystem back end is the peer: same client, same
 * machine) and large-object PUT and GET throughput (a FileChannel write forced at the end, and a
 * read of that file, are the physical limits). The client is the AWS SDK for Java v2 without
 * request checksums, so over plain HTTP it signs every 128 KiB chunk for both servers.
 */
final class S3Bench implements Benchmark {
  private static final String S3PROXY_ID = "local-identity";
  private static final String S3PROXY_SECRET = "local-credential";

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    int count = ctx.options().intValue("small-count", 2000);
    int threads = ctx.options().intValue("threads", 8);
    long largeMib = ctx.options().longValue("large-mib", 512);
    int runs = ctx.options().intValue("runs", 1);
    Path dir = ctx.scratch(name());
    Path jar = Path.of(ctx.options().string("s3proxy-jar", System.getProperty("user.home")
        + "/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar"));

    try (TestServer cairn = TestServer.start(Wiring.production(
            TestServer.config(Files.createDirectories(dir.resolve("cairn")))).env(TestServer.ENV));
        S3Proxy proxy = S3Proxy.start(jar, dir.resolve("s3proxy"));
        S3Client toCairn = client(cairn.s3(), TestServer.ROOT_AK, TestServer.ROOT_SK, threads);
        S3Client toProxy = client(proxy.endpoint(), S3PROXY_ID, S3PROXY_SECRET, threads)) {
      for (S3Client c : List.of(toCairn, toProxy)) {
        c.createBucket(b -> b.bucket("bench"));
        smallPuts(c, 200, threads); // warm-up, not recorded
        smallGets(c, 200, threads);
      }
      String small = "4 KiB objects, " + threads + " client threads";
      Cases cases = new Cases()
          .add("S3Proxy PUT", r -> smallPuts(toProxy, count, threads))
          .add("Cairn PUT", r -> smallPuts(toCairn, count, threads))
          .add("S3Proxy GET", r -> smallGets(toProxy, count, threads))
          .add("Cairn GET", r -> smallGets(toCairn, count, threads));
      var nanos = cases.run(runs);
      for (String op : List.of("PUT", "GET")) {
        table.baseline(small + " " + op, "S3Proxy " + op, opsPerSecond(count, nanos.get("S3Proxy " + op)),
            "ops/s", "peer: S3Proxy 4.1.0, filesystem back end");
        table.row(small + " " + op, "Cairn " + op, opsPerSecond(count, nanos.get("Cairn " + op)), "ops/s",
            op.equals("PUT") ? "durable before the reply (blob sync + catalog commit); S3Proxy does not fsync"
                : "");
      }

      byte[] chunk = new byte[1 << 20];
      new Random(1).nextBytes(chunk);
      long bytes = largeMib << 20;
      Path raw = dir.resolve("raw.bin");
      Cases large = new Cases()
          .add("disk write", r -> rawWrite(raw, chunk, largeMib))
          .add("disk read", r -> rawRead(raw))
          .add("Cairn PUT", r -> largePut(toCairn, chunk, largeMib))
          .add("Cairn GET", r -> largeGet(toCairn))
          .add("S3Proxy PUT", r -> largePut(toProxy, chunk, largeMib))
          .add("S3Proxy GET", r -> largeGet(toProxy));
      var t = large.run(runs);
      String put = "PUT one " + largeMib + " MiB object";
      table.baseline(put, "FileChannel write, force at end", Throughput.mibPerSecond(bytes, t.get("disk write")),
          Throughput.MIB_S, "physical limit");
      table.row(put, "Cairn", Throughput.mibPerSecond(bytes, t.get("Cairn PUT")), Throughput.MIB_S,
          String.format(Locale.ROOT, "%.2f x S3Proxy", (double) t.get("S3Proxy PUT") / t.get("Cairn PUT")));
      table.row(put, "S3Proxy", Throughput.mibPerSecond(bytes, t.get("S3Proxy PUT")), Throughput.MIB_S, "peer");
      String get = "GET one " + largeMib + " MiB object";
      table.baseline(get, "FileChannel read", Throughput.mibPerSecond(bytes, t.get("disk read")),
          Throughput.MIB_S, "physical limit (mostly page cache)");
      table.row(get, "Cairn", Throughput.mibPerSecond(bytes, t.get("Cairn GET")), Throughput.MIB_S,
          String.format(Locale.ROOT, "%.2f x S3Proxy", (double) t.get("S3Proxy GET") / t.get("Cairn GET")));
      table.row(get, "S3Proxy", Throughput.mibPerSecond(bytes, t.get("S3Proxy GET")), Throughput.MIB_S, "peer");
    }
    ctx.discard(dir);
  }

  private static double opsPerSecond(int count, long nanos) {
    return count / (nanos / 1e9);
  }

  private static S3Client client(String endpoint, String id, String secret, int threads) {
    return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(threads * 2))
        .build();
  }

  private interface Op {
    void run(int i) throws Exception;
  }

  private static long parallel(int count, int threads, Op op) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < count; ) {
            op.run(i);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return System.nanoTime() - start;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long smallPuts(S3Client s3, int count, int threads) throws Exception {
    byte[] body = new byte[4096];
    return parallel(count, threads,
        i -> s3.putObject(b -> b.bucket("bench").key("small/" + i), RequestBody.fromBytes(body)));
  }

  private static long smallGets(S3Client s3, int count, int threads) throws Exception {
    return parallel(count, threads,
        i -> s3.getObjectAsBytes(b -> b.bucket("bench").key("small/" + i)));
  }

  private static long largePut(S3Client s3, byte[] chunk, long mib) {
    long start = System.nanoTime();
    s3.putObject(b -> b.bucket("bench").key("large").contentLength(mib << 20),
        RequestBody.fromContentProvider(() -> new RepeatingStream(chunk, mib << 20), mib << 20,
            "application/octet-stream"));
    return System.nanoTime() - start;
  }

  private static long largeGet(S3Client s3) throws IOException {
    long start = System.nanoTime();
    try (InputStream in = s3.getObject(b -> b.bucket("bench").key("large"))) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return System.nanoTime() - start;
  }

  private static long rawWrite(Path file, byte[] chunk, long mib) throws IOException {
    long start = System.nanoTime();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long i = 0; i < mib; i++) {
        ByteBuffer b = ByteBuffer.wrap(chunk);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      ch.force(true);
    }
    return System.nanoTime() - start;
  }

  private static long rawRead(Path file) throws IOException {
    long start = System.nanoTime();
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer b = ByteBuffer.allocate(1 << 20);
      while (ch.read(b.clear()) > 0) {
        // read through
      }
    }
    return System.nanoTime() - start;
  }

  /** {@code length} bytes made of {@code chunk} repeated, without holding them in memory. */
  private static final class RepeatingStream extends InputStream {
    private final byte[] chunk;
    private long left;

    RepeatingStream(byte[] chunk, long length) {
      this.chunk = chunk;
      this.left = length;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return chunk[(int) (left % chunk.length)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int pos = (int) ((chunk.length - left % chunk.length) % chunk.length);
      int n = (int) Math.min(Math.min(len, left), chunk.length - pos);
      System.arraycopy(chunk, pos, b, off, n);
      left -= n;
      return n;
    }
  }

  /** S3Proxy in its own JVM (its Jetty 11 cannot share a class path with Cairn's Jetty 12). */
  private static final class S3Proxy implements AutoCloseable {
    private final Process process;
    private final int port;

    private S3Proxy(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static S3Proxy start(Path jar, Path dir) throws Exception {
      if (!Files.isRegularFile(jar)) {
        throw new IOException("S3Proxy jar not found at " + jar + "; fetch it with mvn dependency:get"
            + " -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies, or pass --s3proxy-jar");
      }
      int port;
      try (var s = new java.net.ServerSocket(0)) {
        port = s.getLocalPort();
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
          return new S3Proxy(p, port);
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

    String endpoint() {
      return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      process.waitFor();
    }
  }
}
