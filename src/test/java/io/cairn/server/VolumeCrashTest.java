package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.cli.Main;
import io.cairn.nbd.ExternalTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real server process while fio writes to a volume over NBD with a FLUSH every 8
 * writes; after each restart, fio's own verifier checks every write that a FLUSH reply covered
 * (NBD proto.md: a FLUSH reply means every write completed before it is durable), in this round's
 * region and in every earlier round's. Rounds: 3 by default, 20 with {@code -Dcairn.long=true};
 * the kill moment comes from {@code -Dcairn.seed} (printed) so a failure can be replayed.
 */
class VolumeCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path LAUNCHER = Path.of("bin/cairn").toAbsolutePath();
  private static final int BLOCK = 64 << 10;
  private static final int FSYNC_EVERY = 8;
  private static final long REGION = 32L << 20;

  @TempDir Path tmp;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process startServer(Path data, int apiPort, int nbdPort, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "server", "--data", data.toString(), "--s3-port", "0",
        "--api-port", Integer.toString(apiPort), "--nbd-port", Integer.toString(nbdPort))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("CAIRN_"));
    env.putAll(TestServer.ENV);
    env.put("CAIRN_CLASSPATH", System.getProperty("java.class.path"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("CAIRN_JAVA_OPTS", "-Xmx512m");
    Process p = pb.start();
    long deadline = System.nanoTime() + 90_000_000_000L;
    int starts = Files.exists(log) ? countReady(log) : 0;
    while (true) {
      Thread.sleep(100);
      if (Files.exists(log) && countReady(log) > starts) {
        return p;
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("server did not become ready:\n" + Files.readString(log));
      }
    }
  }

  private static int countReady(Path log) throws Exception {
    return (int) Files.readString(log, StandardCharsets.UTF_8).lines().filter(l -> l.contains("Cairn ready")).count();
  }

  private static JsonNode cli(int apiPort, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", "http://127.0.0.1:" + apiPort, "--json"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), TestServer.ENV, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as("cairn %s: %s", String.join(" ", args), err).isZero();
    return JSON.readTree(out.toString());
  }

  /** fio's JSON comes after its own chatter lines; returns completed write bytes. */
  private static long writtenBytes(String fioOutput) throws Exception {
    int start = fioOutput.indexOf('{');
    assertThat(start).as("fio printed no JSON: %s", fioOutput).isGreaterThanOrEqualTo(0);
    return JSON.readTree(fioOutput.substring(start)).at("/jobs/0/write/io_bytes").asLong();
  }

  private static List<String> fio(String uri, long offset, long size, boolean verifyOnly) {
    List<String> cmd = new ArrayList<>(List.of(ExternalTool.FIO.path().toString(), "--name=crash", "--ioengine=nbd", "--uri=" + uri,
        "--rw=write", "--bs=" + BLOCK, "--offset=" + offset, "--size=" + size, "--iodepth=1", "--fsync=" + FSYNC_EVERY,
        "--verify=crc32c", "--verify_state_save=0", "--output-format=json"));
    if (!verifyOnly) {
      // About 5 s for a region, so the kill lands in the middle of the writes.
      cmd.add("--rate=6m");
    }
    cmd.add(verifyOnly ? "--verify_only" : "--do_verify=0");
    return cmd;
  }

  @Test
  void killMinus9DuringFioWrites_everyFlushedWriteSurvives() throws Exception {
    long seed = Long.getLong("cairn.seed", System.nanoTime());
    int rounds = Boolean.getBoolean("cairn.long") ? 20 : 3;
    System.out.println("VolumeCrashTest seed=" + seed + " rounds=" + rounds);
    Random random = new Random(seed);
    Path data = tmp.resolve("data");
    Path log = tmp.resolve("server.log");
    int apiPort = freePort();
    int nbdPort = freePort();

    Process server = startServer(data, apiPort, nbdPort, log);
    String vol = cli(apiPort, "volume", "create", "--size", (REGION * rounds >> 20) + "MiB").path("id").asText();
    cli(apiPort, "volume", "attach", vol, "--host", "local", "--vm", "fio", "--device", "vdb");
    String uri = "nbd://127.0.0.1:" + nbdPort + "/" + vol;
    long[] flushed = new long[rounds];

    for (int round = 0; round < rounds; round++) {
      Process fio = new ProcessBuilder(fio(uri, round * REGION, REGION, false)).redirectErrorStream(true).start();
      java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return new String(fio.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      // Kill while fio is writing: give it time to connect, then a random moment into the run.
      Thread.sleep(1000 + random.nextInt(2000));
      server.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no final sync
      String out = output.get(60, TimeUnit.SECONDS);
      assertThat(fio.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long blocks = writtenBytes(out) / BLOCK;
      // With one write in flight, a completed write n means the FLUSH after write 8*floor((n-1)/8) was answered.
      flushed[round] = blocks == 0 ? 0 : (blocks - 1) / FSYNC_EVERY * FSYNC_EVERY * (long) BLOCK;
      System.out.printf("round %d: %d blocks written before the kill, %d bytes covered by a FLUSH reply%n", round, blocks, flushed[round]);

      server = startServer(data, apiPort, nbdPort, log);
      for (int r = 0; r <= round; r++) {
        if (flushed[r] == 0) {
          continue;
        }
        ExternalTool.Result verify = run(fio(uri, r * REGION, flushed[r], true));
        assertThat(verify.exit()).as("round %d region %d verify (seed %d):%n%s", round, r, seed, verify.all()).isZero();
      }
    }
    server.destroy();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(java.util.Arrays.stream(flushed).max().orElse(0)).as("some round must have flushed data, or the test proved nothing").isPositive();
  }

  private static ExternalTool.Result run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new ExternalTool.Result(p.exitValue(), out, err);
  }
}
