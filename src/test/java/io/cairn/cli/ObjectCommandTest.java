package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code cairn object ...} in-process against a real server, objects stored with the AWS SDK. */
class ObjectCommandTest {
  @TempDir static Path data;
  private static TestServer t;
  private static S3Client s3;
  private static Map<String, String> env;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    t = TestServer.start(Wiring.production(TestServer.config(data)).env(TestServer.ENV));
    env = Map.of("CAIRN_ENDPOINT", t.api(), "CAIRN_ROOT_ACCESS_KEY", TestServer.ROOT_AK,
        "CAIRN_ROOT_SECRET_KEY", TestServer.ROOT_SK);
    s3 = S3Client.builder().endpointOverride(URI.create(t.s3())).region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(TestServer.ROOT_AK, TestServer.ROOT_SK)))
        .build();
    s3.createBucket(b -> b.bucket("cli"));
    put("photos/2026/a b.jpg", "jpeg-a", Map.of("camera", "x100"));
    put("photos/2026/c+d.png", "png-c", Map.of());
    put("photos/2025/d.jpg", "jpeg-d-longer", Map.of("camera", "x100"));
    put("notes.txt", "hello ", Map.of());
    put("more.txt", "world", Map.of());
  }

  @AfterAll
  static void stop() {
    s3.close();
    t.close();
  }

  private static void put(String key, String text, Map<String, String> meta) {
    s3.putObject(p -> p.bucket("cli").key(key).metadata(meta), RequestBody.fromString(text));
  }

  private static Result cairn(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void list_withFilters_printsOnlyMatchingKeys() throws Exception {
    Result r = cairn("object", "list", "cli", "--glob", "photos/*/*.jpg", "--meta", "camera=x100",
        "--min-size", "7", "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode objects = new ObjectMapper().readTree(r.out()).path("objects");
    assertThat(objects).extracting(o -> o.path("key").asText()).containsExactly(
        "photos/2025/d.jpg");
    Result text = cairn("object", "list", "cli", "--prefix", "photos/2026/");
    assertThat(text.out()).contains("KEY", "photos/2026/a b.jpg", "photos/2026/c+d.png")
        .doesNotContain("2025");
  }

  @Test
  void setMetadata_changesMetadataAndKeepsBytes() {
    Result r = cairn("object", "set-metadata", "cli", "photos/2026/a b.jpg", "--meta",
        "rating=5", "--remove-meta", "camera", "--content-type", "image/jpeg");

    assertThat(r.code()).as(r.err()).isZero();
    var head = s3.headObject(h -> h.bucket("cli").key("photos/2026/a b.jpg"));
    assertThat(head.metadata()).isEqualTo(Map.of("rating", "5"));
    assertThat(head.contentType()).isEqualTo("image/jpeg");
    assertThat(s3.getObjectAsBytes(g -> g.bucket("cli").key("photos/2026/a b.jpg")).asUtf8String())
        .isEqualTo("jpeg-a");
    Result stale = cairn("object", "set-metadata", "cli", "notes.txt", "--meta", "x=y",
        "--if-match", "\"00000000000000000000000000000000\"");
    assertThat(stale.code()).isEqualTo(ExitCodes.REQUEST_FAILED);
    assertThat(stale.err()).contains("PreconditionFailed");
  }

  @Test
  void compose_joinsSourcesWithRanges() {
    Result r = cairn("object", "compose", "cli", "greeting.txt", "notes.txt", "more.txt[0-2]",
        "--content-type", "text/plain");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Composed cli/greeting.txt from 2 sources");
    assertThat(new String(s3.getObjectAsBytes(g -> g.bucket("cli").key("greeting.txt"))
        .asByteArray(), StandardCharsets.UTF_8)).isEqualTo("hello wor");
    Result missing = cairn("object", "compose", "cli", "x", "no-such-key");
    assertThat(missing.code()).isEqualTo(ExitCodes.REQUEST_FAILED);
    assertThat(missing.err()).contains("NoSuchKey");
  }
}
