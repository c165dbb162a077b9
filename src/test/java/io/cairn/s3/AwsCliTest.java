package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.testing.AwsCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock aws cli v2 (Debian's {@code /usr/bin/aws}) against the S3 front end: mb, cp of a 100
 * MiB file up and down (multipart both ways), ls, sync, presign + curl, rm, rb, with hashes
 * compared. Skipped where the cli is not installed, except in CI.
 */
class AwsCliTest {
  private static final Path AWS = Path.of("/usr/bin/aws");
  @TempDir static Path dir;
  private static S3TestServer server;
  private static Path home;

  @BeforeAll
  static void start() throws Exception {
    // In CI a missing tool is a failure (bin/test installs it), elsewhere a skipped test.
    assumeTrue(Files.isExecutable(AWS) || "true".equals(System.getenv("CI")),
        "aws cli v2 not installed at /usr/bin/aws");
    server = new S3TestServer(Files.createDirectories(dir.resolve("server")));
    home = Files.createDirectories(dir.resolve("home"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private record Run(int exit, String out) {}

  private static Run aws(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
        server.endpoint().toString(), "--region", "us-east-1"));
    command.addAll(List.of(args));
    ProcessBuilder pb = AwsCli.process(command, S3TestServer.ALICE.id(),
        S3TestServer.ALICE.secret(), home)
        .redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private static Run ok(String... args) throws Exception {
    Run r = aws(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out()).isZero();
    return r;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void randomFile(Path file, long size, long seed) throws IOException {
    Random random = new Random(seed);
    byte[] buf = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= buf.length) {
        random.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(left, buf.length));
      }
    }
  }

  @Test
  void awsCli_bucketAndObjectLifecycle_roundTripsBytes() throws Exception {
    ok("s3", "mb", "s3://cli-bucket");
    assertThat(ok("s3", "ls").out()).contains("cli-bucket");

    Path big = dir.resolve("big.bin");
    randomFile(big, 100L << 20, 1);
    ok("s3", "cp", big.toString(), "s3://cli-bucket/data/big.bin");
    Path down = dir.resolve("big.down");
    ok("s3", "cp", "s3://cli-bucket/data/big.bin", down.toString());
    assertThat(sha256(down)).isEqualTo(sha256(big));
    String head = ok("s3api", "head-object", "--bucket", "cli-bucket", "--key", "data/big.bin")
        .out();
    assertThat(head).contains("\"ContentLength\": 104857600").containsPattern("-\\d+\\\\\"");

    Path tree = Files.createDirectories(dir.resolve("tree/sub"));
    Files.writeString(dir.resolve("tree/a.txt"), "alpha");
    Files.writeString(tree.resolve("b.txt"), "beta");
    randomFile(tree.resolve("c.bin"), 3 << 20, 2);
    ok("s3", "sync", dir.resolve("tree").toString(), "s3://cli-bucket/tree");
    String listing = ok("s3", "ls", "--recursive", "s3://cli-bucket/tree/").out();
    assertThat(listing).contains("tree/a.txt").contains("tree/sub/b.txt").contains("tree/sub/c.bin");
    Run again = ok("s3", "sync", dir.resolve("tree").toString(), "s3://cli-bucket/tree");
    assertThat(again.out()).doesNotContain("upload:");
    Path back = dir.resolve("back");
    ok("s3", "sync", "s3://cli-bucket/tree", back.toString());
    assertThat(sha256(back.resolve("sub/c.bin"))).isEqualTo(sha256(tree.resolve("c.bin")));
    assertThat(Files.readString(back.resolve("a.txt"))).isEqualTo("alpha");

    String url = ok("s3", "presign", "s3://cli-bucket/tree/a.txt", "--expires-in", "300")
        .out().strip();
    Process curl = new ProcessBuilder("curl", "-sS", "-f", url).redirectErrorStream(true).start();
    String fetched = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor()).as(fetched).isZero();
    assertThat(fetched).isEqualTo("alpha");

    Run rbFull = aws("s3", "rb", "s3://cli-bucket");
    assertThat(rbFull.exit()).isNotZero();
    assertThat(rbFull.out()).contains("BucketNotEmpty");
    ok("s3", "rm", "s3://cli-bucket/data/big.bin");
    ok("s3", "rm", "--recursive", "s3://cli-bucket/tree");
    assertThat(ok("s3", "ls", "--recursive", "s3://cli-bucket").out()).isBlank();
    ok("s3", "rb", "s3://cli-bucket");
    assertThat(ok("s3", "ls").out()).doesNotContain("cli-bucket");
  }
}
