package io.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The objects REST API on a real server: metadata PATCH, filtered listing and compose. */
class ObjectsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path data;
  private static TestServer t;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    t = TestServer.start(Wiring.production(TestServer.config(data)).env(TestServer.ENV));
    s3 = S3Client.builder().endpointOverride(URI.create(t.s3())).region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(TestServer.ROOT_AK, TestServer.ROOT_SK)))
        .build();
    s3.createBucket(b -> b.bucket("rest"));
  }

  @AfterAll
  static void stop() {
    s3.close();
    t.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void put(String key, byte[] bytes, Map<String, String> meta) {
    s3.putObject(p -> p.bucket("rest").key(key).contentType("text/plain").metadata(meta),
        RequestBody.fromBytes(bytes));
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /** Log payload bytes appended so far, as /metrics reports them. */
  private static long appended() throws Exception {
    String metrics = t.get(t.api() + "/metrics").body();
    Matcher m = Pattern.compile("(?m)^cairn_log_payload_bytes_total(?:\\{[^}]*})? (\\S+)$")
        .matcher(metrics);
    assertThat(m.find()).as("cairn_log_payload_bytes_total in /metrics").isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  /** A PATCH signed as root with an If-Match header. */
  private static HttpResponse<String> withIfMatch(String path, String body, String ifMatch)
      throws Exception {
    URI uri = URI.create(t.api() + path);
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String hash = io.cairn.server.auth.SigV4.sha256Hex(bytes);
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("x-amz-content-sha256", hash);
    headers.put("if-match", ifMatch);
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(uri)
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes));
    headers.forEach(b::header);
    new io.cairn.server.auth.SigV4Signer(TestServer.ROOT_AK, TestServer.ROOT_SK, "us-east-1",
        "cairn", io.cairn.server.auth.CanonicalRequest.PathEncoding.DOUBLE)
        .sign("PATCH", uri, headers, hash, java.time.Instant.now()).forEach(b::header);
    return t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void patch_mergesMetadataWithoutRewritingData() throws Exception {
    byte[] bytes = random(8 << 20, 1);
    put("doc", bytes, Map.of("a", "1", "b", "2"));
    String etag = s3.headObject(h -> h.bucket("rest").key("doc")).eTag();
    long before = appended();

    HttpResponse<String> r = t.asRoot("PATCH", "/api/v1/buckets/rest/objects/doc",
        "{\"contentType\": \"application/json\", \"metadata\": {\"b\": null, \"c\": \"3\"}}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(appended() - before).as("bytes appended for an 8 MiB object").isLessThan(8 << 10);
    assertThat(json(r).path("metadata").toString()).isEqualTo("{\"a\":\"1\",\"c\":\"3\"}");
    HeadObjectResponse head = s3.headObject(h -> h.bucket("rest").key("doc"));
    assertThat(head.eTag()).isEqualTo(etag);
    assertThat(head.contentType()).isEqualTo("application/json");
    assertThat(head.metadata()).isEqualTo(Map.of("a", "1", "c", "3"));
    assertThat(s3.getObjectAsBytes(g -> g.bucket("rest").key("doc")).asByteArray())
        .isEqualTo(bytes);
    // A patch that changes nothing stores nothing.
    HttpResponse<String> again = t.asRoot("PATCH", "/api/v1/buckets/rest/objects/doc",
        "{\"metadata\": {\"c\": \"3\"}}");
    assertThat(json(again).path("lastModified")).isEqualTo(json(r).path("lastModified"));
  }

  @Test
  void patch_refusals_carryS3Codes() throws Exception {
    put("dir/x", random(10, 2), Map.of());

    HttpResponse<String> stale = withIfMatch("/api/v1/buckets/rest/objects/dir/x",
        "{\"metadata\": {\"k\": \"v\"}}", "\"0123456789abcdef0123456789abcdef\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(json(stale).path("error").path("code").asText()).isEqualTo("PreconditionFailed");
    String etag = s3.headObject(h -> h.bucket("rest").key("dir/x")).eTag();
    assertThat(withIfMatch("/api/v1/buckets/rest/objects/dir/x",
        "{\"metadata\": {\"k\": \"v\"}}", etag).statusCode()).isEqualTo(200);
    assertThat(json(t.asRoot("PATCH", "/api/v1/buckets/rest/objects/missing", "{}"))
        .path("error").path("code").asText()).isEqualTo("NoSuchKey");
    assertThat(t.asRoot("PATCH", "/api/v1/buckets/rest/objects/dir/x", "{\"colour\": \"x\"}")
        .statusCode()).isEqualTo(400);
    assertThat(t.asRoot("PATCH", "/api/v1/buckets/rest/objects/dir/x", "[1]").statusCode())
        .isEqualTo(400);
    assertThat(t.asRoot("PATCH", "/api/v1/buckets/nobucket/objects/dir/x", "{}").statusCode())
        .isEqualTo(404);
    assertThat(json(t.asRoot("GET", "/api/v1/buckets/rest/objects/dir/x", null))
        .path("metadata").path("k").asText()).isEqualTo("v");
  }

  @Test
  void list_filtersAndPagesByNext() throws Exception {
    for (int i = 0; i < 12; i++) {
      put("l/" + i + (i % 2 == 0 ? ".csv" : ".bin"), random(i * 10, i),
          i % 3 == 0 ? Map.of("kind", "report") : Map.of());
    }
    List<String> keys = new ArrayList<>();
    String after = null;
    for (int pages = 0; pages < 100; pages++) {
      String query = "prefix=l%2F&glob=l%2F*.csv&minSize=20&maxKeys=1&maxScan=2"
          + (after == null ? "" : "&after=" + java.net.URLEncoder.encode(after, "UTF-8"));
      HttpResponse<String> r = t.asRoot("GET", "/api/v1/buckets/rest/objects?" + query, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      json(r).path("objects").forEach(o -> keys.add(o.path("key").asText()));
      if (!json(r).path("truncated").asBoolean()) {
        break;
      }
      after = json(r).path("next").asText();
    }
    assertThat(keys).containsExactly("l/10.csv", "l/2.csv", "l/4.csv", "l/6.csv", "l/8.csv");

    HttpResponse<String> reports = t.asRoot("GET",
        "/api/v1/buckets/rest/objects?prefix=l%2F&meta.kind=report", null);
    assertThat(json(reports).path("objects")).extracting(o -> o.path("key").asText())
        .containsExactly("l/0.csv", "l/3.bin", "l/6.csv", "l/9.bin");
    assertThat(t.asRoot("GET", "/api/v1/buckets/rest/objects?minSize=-3", null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void compose_joinsSourcesAndRanges() throws Exception {
    byte[] a = random(3000, 7);
    byte[] b = random(5000, 8);
    put("c/a", a, Map.of());
    put("c/b", b, Map.of());

    HttpResponse<String> r = t.asRoot("POST", "/api/v1/buckets/rest/compose",
        "{\"key\": \"c/out\", \"contentType\": \"application/x-joined\", \"metadata\": {\"n\": \"2\"},"
            + " \"sources\": [{\"key\": \"c/a\"}, {\"key\": \"c/b\", \"first\": 100, \"last\": 199}]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(json(r).path("size").asLong()).isEqualTo(3100);
    byte[] joined = s3.getObjectAsBytes(g -> g.bucket("rest").key("c/out")).asByteArray();
    assertThat(java.util.Arrays.copyOfRange(joined, 0, 3000)).isEqualTo(a);
    assertThat(java.util.Arrays.copyOfRange(joined, 3000, 3100))
        .isEqualTo(java.util.Arrays.copyOfRange(b, 100, 200));
    assertThat(s3.headObject(h -> h.bucket("rest").key("c/out")).contentType())
        .isEqualTo("application/x-joined");
    assertThat(json(t.asRoot("POST", "/api/v1/buckets/rest/compose",
        "{\"key\": \"c/none\", \"sources\": []}")).path("error").path("code").asText())
        .isEqualTo("InvalidRequest");
  }
}
