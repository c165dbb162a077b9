package io.cairn.bench;

import io.cairn.server.auth.SigV4;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PUT and GET of one large object (1 GiB by default), single stream and in parallel — a
 * multipart upload whose parts go up concurrently, and ranged GETs of it read concurrently — on
 * Cairn and S3Proxy with the same client ({@link S3Connection}, UNSIGNED-PAYLOAD), against the
 * disk's sequential rate measured in the same run: a FileChannel write of a new file forced at the
 * end, and an O_DIRECT read. GETs follow their PUT, so both servers read from the page cache.
 *
 * <p>Why every repetition of the disk write goes to a new file, kept until the end: a PUT stores
 * new data, and on a thin-provisioned virtual disk (this VM's, mounted with {@code discard}) blocks
 * never written, or freed and discarded, are several times slower to write than blocks written
 * before. Rewriting one truncated file (as this benchmark did first) reuses the blocks it has just
 * freed before they are discarded, so from the second repetition on it measured a rate no store of
 * new data sees: 0.8 s per GiB against 3.3 s for a new file ({@code dd conv=fsync}, 1 GiB, on this
 * VM). That rate is still shown, as "disk rewrite", for context.
 * The PUTs also go to {@link HttpFloor}, which receives and hashes the body and stores nothing: what
 * the HTTP stack and the ETag's MD5 leave of the machine for storage.
 */
final class S3LargeBench implements Benchmark {
  private static final String FLOOR = "HTTP floor";

  @Override
  public String name() {
    return "s3-large";
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    boolean quick = ctx.options().flag("quick");
    long mib = ctx.options().longValue("large-mib", quick ? 128 : 1024);
    long partMib = ctx.options().longValue("part-mib", quick ? 16 : 64);
    int streams = ctx.options().intValue("streams", 16);
    int runs = ctx.options().intValue("runs", 1);
    if (mib % partMib != 0) {
      throw new IllegalArgumentException("--large-mib must be a multiple of --part-mib");
    }
    S3Servers servers = S3Servers.of(ctx);
    Path dir = ctx.scratch(name());
    byte[] chunk = new byte[1 << 20];
    new Random(1).nextBytes(chunk);
    long bytes = mib << 20;
    int parts = (int) (mib / partMib);
    Path raw = dir.resolve("raw.bin");
    java.util.regex.Pattern only = java.util.regex.Pattern.compile(ctx.options().string("cases", ".*"));
    Cases cases = new Cases() {
      @Override
      Cases add(String name, TimedCase c) {
        if (!only.matcher(name).matches()) {
          return this;
        }
        return super.add(name, r -> {
          long cpu = cpuNanos();
          long nanos = c.run(r);
          Bench.progress(String.format(Locale.ROOT, "  %s: bench JVM (client, and Cairn) cpu %.2f s",
              name, (cpuNanos() - cpu) / 1e9));
          return nanos;
        });
      }
    };
    AtomicInteger fresh = new AtomicInteger();
    cases.add("disk write", r -> rawWrite(dir.resolve("new-" + fresh.incrementAndGet() + ".bin"), chunk, mib))
        .add("disk rewrite", r -> rawWrite(raw, chunk, mib))
        .add("disk read O_DIRECT", r -> rawRead(raw, chunk, mib, true))
        .add("disk read cached", r -> rawRead(raw, chunk, mib, false));
    // The PUTs' limit on this machine: receiving the bytes and hashing them for the ETag.
    HttpFloor floor = ctx.shared("http-floor", () -> HttpFloor.start(4096));
    cases.add(FLOOR + " PUT", r -> timed(() -> {
      try (S3Connection c = new S3Connection(floor.endpoint)) {
        c.put(path("large"), null, chunk, chunk.length, mib, SigV4.UNSIGNED_PAYLOAD);
      }
      return null;
    }));
    cases.add(FLOOR + " multipart PUT", r -> multipartPut(floor.endpoint, chunk, parts, partMib, streams));
    for (S3Connection.Endpoint e : servers.both()) {
      String who = e == servers.cairnEndpoint ? "Cairn" : "S3Proxy";
      cases.add(who + " PUT", r -> timed(() -> {
        try (S3Connection c = new S3Connection(e)) {
          c.put(path("large"), null, chunk, chunk.length, mib, SigV4.UNSIGNED_PAYLOAD);
        }
        return null;
      }));
      cases.add(who + " GET", r -> timed(() -> {
        try (S3Connection c = new S3Connection(e)) {
          c.get(path("large"), null);
        }
        return null;
      }));
      cases.add(who + " multipart PUT", r -> multipartPut(e, chunk, parts, partMib, streams));
      cases.add(who + " ranged GET", r -> rangedGet(e, parts, partMib, streams));
    }
    Map<String, Long> t = cases.run(runs);
    String par = parts + " x " + partMib + " MiB, " + Math.min(streams, parts) + " streams";
    String[][] groups = {
        {"PUT " + mib + " MiB, one stream", "PUT", "disk write", "FileChannel write of a new file, force at end"},
        {"PUT " + mib + " MiB, multipart " + par, "multipart PUT", "disk write",
            "FileChannel write of a new file, force at end"},
        {"GET " + mib + " MiB, one stream", "GET", "disk read O_DIRECT", "FileChannel read, O_DIRECT"},
        {"GET " + mib + " MiB, ranged " + par, "ranged GET", "disk read O_DIRECT",
            "FileChannel read, O_DIRECT"}};
    for (String[] g : groups) {
      if (!t.containsKey("Cairn " + g[1]) || !t.containsKey("S3Proxy " + g[1]) || !t.containsKey(g[2])
          || !t.containsKey("disk read cached")) {
        continue; // left out by --cases: the progress lines have the times
      }
      double cairn = Throughput.mibPerSecond(bytes, t.get("Cairn " + g[1]));
      double proxy = Throughput.mibPerSecond(bytes, t.get("S3Proxy " + g[1]));
      table.baseline(g[0], g[3], Throughput.mibPerSecond(bytes, t.get(g[2])), Throughput.MIB_S,
          "the disk's sequential rate");
      if (g[1].contains("PUT") && t.containsKey("disk rewrite")) {
        table.row(g[0], "FileChannel rewrite of one truncated file",
            Throughput.mibPerSecond(bytes, t.get("disk rewrite")), Throughput.MIB_S,
            "context, not the target's baseline: reuses the blocks it just freed, which new data never does");
      }
      if (g[1].contains("GET")) {
        table.row(g[0], "FileChannel read, page cache",
            Throughput.mibPerSecond(bytes, t.get("disk read cached")), Throughput.MIB_S,
            "the servers' GETs read from the page cache too");
      }
      table.row(g[0], "Cairn", cairn, Throughput.MIB_S,
          String.format(Locale.ROOT, "%.2f x S3Proxy", cairn / proxy));
      table.row(g[0], "S3Proxy", proxy, Throughput.MIB_S, "peer");
      if (t.containsKey(FLOOR + " " + g[1])) {
        table.row(g[0], FLOOR, Throughput.mibPerSecond(bytes, t.get(FLOOR + " " + g[1])),
            Throughput.MIB_S, "limit: Jetty as configured for Cairn receiving the body and computing"
            + " its MD5 (the ETag), storing nothing");
      }
    }
    ctx.discard(dir);
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  private static String path(String key) {
    return "/" + S3Servers.BUCKET + "/" + key;
  }

  private static long timed(Callable<Void> work) throws Exception {
    long start = System.nanoTime();
    work.call();
    return System.nanoTime() - start;
  }

  private static long multipartPut(S3Connection.Endpoint e, byte[] chunk, int parts, long partMib,
      int streams) throws Exception {
    long start = System.nanoTime();
    String uploadId;
    try (S3Connection c = new S3Connection(e)) {
      uploadId = c.createUpload(path("large-mp"));
    }
    List<String> etags = concurrently(parts, streams, n -> {
      try (S3Connection c = new S3Connection(e)) {
        return c.put(path("large-mp"), "partNumber=" + (n + 1) + "&uploadId=" + uploadId, chunk,
            chunk.length, partMib, SigV4.UNSIGNED_PAYLOAD);
      }
    });
    try (S3Connection c = new S3Connection(e)) {
      c.complete(path("large-mp"), uploadId, etags);
    }
    return System.nanoTime() - start;
  }

  private static long rangedGet(S3Connection.Endpoint e, int parts, long partMib, int streams)
      throws Exception {
    long start = System.nanoTime();
    long part = partMib << 20;
    concurrently(parts, streams, n -> {
      try (S3Connection c = new S3Connection(e)) {
        long got = c.get(path("large-mp"), "bytes=" + n * part + "-" + ((n + 1) * part - 1));
        if (got != part) {
          throw new IOException("range " + n + " returned " + got + " bytes");
        }
        return null;
      }
    });
    return System.nanoTime() - start;
  }

  private interface Task<T> {
    T run(int n) throws Exception;
  }

  /** Runs task 0..count-1 on {@code streams} threads; the results in task order. */
  private static <T> List<T> concurrently(int count, int streams, Task<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, streams));
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(pool.submit(() -> task.run(n)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
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

  /**
   * Reads the file through, bypassing the page cache when {@code direct}; writes it first, untimed,
   * when --cases left out the rewrite that leaves it behind.
   */
  private static long rawRead(Path file, byte[] chunk, long mib, boolean direct) throws IOException {
    if (!Files.exists(file)) {
      rawWrite(file, chunk, mib);
    }
    int align = (int) Files.getFileStore(file).getBlockSize();
    ByteBuffer b = ByteBuffer.allocateDirect((1 << 20) + align).alignedSlice(align);
    b.limit(1 << 20);
    long start = System.nanoTime();
    try (FileChannel ch = direct
        ? FileChannel.open(file, StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT)
        : FileChannel.open(file)) {
      while (ch.read(b.clear().limit(1 << 20)) > 0) {
        // read through
      }
    }
    return System.nanoTime() - start;
  }
}
