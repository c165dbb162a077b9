package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Bucket CORS: Put/Get/DeleteBucketCors through the AWS SDK v2, browser preflights (OPTIONS)
 * and the Access-Control headers on actual requests, through a plain HTTP client.
 */
class S3CorsTest {
  private static S3TestServer server;
  private static S3Client alice;
  private static S3Client bob;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, false);
    bob = server.client(S3TestServer.BOB, false);
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    bob.close();
    server.close();
  }

  private static String code(Throwable e) {
    return ((S3Exception) e).awsErrorDetails().errorCode();
  }

  private static void configure(String bucket, CORSRule... rules) {
    alice.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(rules)));
  }

  private static HttpResponse<String> send(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve(path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void putGetDeleteBucketCors_roundTripsRulesInOrder() {
    alice.createBucket(b -> b.bucket("cors-crud"));
    assertThatThrownBy(() -> alice.getBucketCors(b -> b.bucket("cors-crud")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchCORSConfiguration"))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));

    configure("cors-crud",
        CORSRule.builder().id("first").allowedOrigins("https://*.example.com", "http://a")
            .allowedMethods("GET", "PUT").allowedHeaders("x-amz-*", "content-type")
            .exposeHeaders("ETag", "x-amz-meta-a").maxAgeSeconds(600).build(),
        CORSRule.builder().allowedOrigins("*").allowedMethods("HEAD").build());

    List<CORSRule> rules = alice.getBucketCors(b -> b.bucket("cors-crud")).corsRules();
    assertThat(rules).hasSize(2);
    CORSRule first = rules.get(0);
    assertThat(first.id()).isEqualTo("first");
    assertThat(first.allowedOrigins()).containsExactly("https://*.example.com", "http://a");
    assertThat(first.allowedMethods()).containsExactly("GET", "PUT");
    assertThat(first.allowedHeaders()).containsExactly("x-amz-*", "content-type");
    assertThat(first.exposeHeaders()).containsExactly("ETag", "x-amz-meta-a");
    assertThat(first.maxAgeSeconds()).isEqualTo(600);
    assertThat(rules.get(1).allowedOrigins()).containsExactly("*");
    assertThat(rules.get(1).maxAgeSeconds()).isNull();

    alice.deleteBucketCors(b -> b.bucket("cors-crud"));
    assertThatThrownBy(() -> alice.getBucketCors(b -> b.bucket("cors-crud")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchCORSConfiguration"));
  }

  @Test
  void putBucketCors_invalidRulesOrNotOwner_isRefused() {
    alice.createBucket(b -> b.bucket("cors-bad"));
    assertThatThrownBy(() -> configure("cors-bad",
        CORSRule.builder().allowedOrigins("*").allowedMethods("PATCH").build()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRequest"));
    assertThatThrownBy(() -> configure("cors-bad",
        CORSRule.builder().allowedOrigins("http://*.*.com").allowedMethods("GET").build()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRequest"));
    assertThatThrownBy(() -> configure("cors-bad",
        CORSRule.builder().allowedOrigins("*").allowedMethods("GET").exposeHeaders("*").build()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRequest"));
    assertThatThrownBy(() -> configure("cors-bad",
        CORSRule.builder().allowedMethods("GET").build()))
        .satisfies(e -> assertThat(code(e)).isEqualTo("MalformedXML"));
    CORSRule[] tooMany = new CORSRule[CorsRules.MAX_RULES + 1];
    java.util.Arrays.fill(tooMany,
        CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build());
    assertThatThrownBy(() -> configure("cors-bad", tooMany))
        .satisfies(e -> assertThat(code(e)).isEqualTo("MalformedXML"));
    assertThatThrownBy(() -> bob.putBucketCors(b -> b.bucket("cors-bad").corsConfiguration(
        c -> c.corsRules(r -> r.allowedOrigins("*").allowedMethods("GET")))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> alice.getBucketCors(b -> b.bucket("cors-bad")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchCORSConfiguration"));
  }

  @Test
  void preflight_matchingRule_isAllowedWithItsHeaders() throws Exception {
    alice.createBucket(b -> b.bucket("cors-pre"));
    configure("cors-pre",
        CORSRule.builder().allowedOrigins("https://*.example.com").allowedMethods("PUT")
            .allowedHeaders("x-amz-*", "Content-Type").exposeHeaders("ETag")
            .maxAgeSeconds(300).build(),
        CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build());

    HttpResponse<String> put = send("OPTIONS", "/cors-pre/photo.jpg",
        "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT",
        "Access-Control-Request-Headers", "content-type, x-amz-meta-owner");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(header(put, "Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    assertThat(header(put, "Access-Control-Allow-Methods")).isEqualTo("PUT");
    assertThat(header(put, "Access-Control-Allow-Headers"))
        .isEqualTo("content-type, x-amz-meta-owner");
    assertThat(header(put, "Access-Control-Expose-Headers")).isEqualTo("ETag");
    assertThat(header(put, "Access-Control-Max-Age")).isEqualTo("300");
    assertThat(header(put, "Vary")).contains("Origin");

    HttpResponse<String> get = send("OPTIONS", "/cors-pre/photo.jpg",
        "Origin", "https://elsewhere.org", "Access-Control-Request-Method", "GET");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(header(get, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(get, "Access-Control-Allow-Methods")).isEqualTo("GET");
  }

  @Test
  void preflight_noMatchOrNoConfigOrMissingHeaders_isRefused() throws Exception {
    alice.createBucket(b -> b.bucket("cors-refuse"));
    alice.createBucket(b -> b.bucket("cors-none"));
    configure("cors-refuse", CORSRule.builder().allowedOrigins("https://*.example.com")
        .allowedMethods("GET").allowedHeaders("x-amz-meta-*").build());

    HttpResponse<String> otherOrigin = send("OPTIONS", "/cors-refuse/k",
        "Origin", "https://evil.org", "Access-Control-Request-Method", "GET");
    HttpResponse<String> otherMethod = send("OPTIONS", "/cors-refuse/k",
        "Origin", "https://a.example.com", "Access-Control-Request-Method", "DELETE");
    HttpResponse<String> otherHeader = send("OPTIONS", "/cors-refuse/k",
        "Origin", "https://a.example.com", "Access-Control-Request-Method", "GET",
        "Access-Control-Request-Headers", "x-amz-meta-a, authorization");
    HttpResponse<String> none = send("OPTIONS", "/cors-none/k",
        "Origin", "https://a.example.com", "Access-Control-Request-Method", "GET");
    HttpResponse<String> noMethod = send("OPTIONS", "/cors-refuse/k",
        "Origin", "https://a.example.com");

    for (HttpResponse<String> r : List.of(otherOrigin, otherMethod, otherHeader)) {
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("<Code>AccessForbidden</Code>")
          .contains("CORSResponse: This CORS request is not allowed");
      assertThat(header(r, "Access-Control-Allow-Origin")).isNull();
    }
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(none.body()).contains("CORS is not enabled for this bucket");
    assertThat(noMethod.statusCode()).isEqualTo(400);
    assertThat(noMethod.body()).contains("Insufficient information");
  }

  @Test
  void actualRequests_withOrigin_carryHeadersOfTheFirstMatchingRule() throws Exception {
    alice.createBucket(b -> b.bucket("cors-get"));
    alice.putObject(b -> b.bucket("cors-get").key("a.txt"), RequestBody.fromString("hello"));
    configure("cors-get",
        CORSRule.builder().allowedOrigins("https://app.example.com").allowedMethods("GET", "HEAD")
            .exposeHeaders("ETag", "x-amz-request-id").maxAgeSeconds(60).build(),
        CORSRule.builder().allowedOrigins("https://app.example.com").allowedMethods("GET")
            .exposeHeaders("never-reached").build());

    try (S3Presigner presigner = server.presigner(S3TestServer.ALICE)) {
      URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket("cors-get").key("a.txt"))).url().toURI();
      HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(url)
          .header("Origin", "https://app.example.com").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("hello");
      assertThat(header(ok, "Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
      assertThat(header(ok, "Access-Control-Allow-Methods")).isEqualTo("GET, HEAD");
      assertThat(header(ok, "Access-Control-Expose-Headers")).isEqualTo("ETag, x-amz-request-id");
      assertThat(header(ok, "Access-Control-Max-Age")).isEqualTo("60");
      assertThat(header(ok, "Vary")).contains("Origin");

      HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(url).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(header(plain, "Access-Control-Allow-Origin")).isNull();

      HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(url)
          .header("Origin", "https://evil.org").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(foreign.statusCode()).isEqualTo(200);
      assertThat(header(foreign, "Access-Control-Allow-Origin")).isNull();
    }

    // An error reply (anonymous GET of a private object) carries the headers too, as in S3.
    HttpResponse<String> denied = send("GET", "/cors-get/a.txt",
        "Origin", "https://app.example.com");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(header(denied, "Access-Control-Allow-Origin"))
        .isEqualTo("https://app.example.com");
  }
}
