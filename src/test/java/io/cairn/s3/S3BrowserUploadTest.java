package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.s3.auth.AccessKey;
import io.cairn.s3.auth.CredentialScope;
import io.cairn.s3.auth.Hashes;
import io.cairn.s3.auth.SigningKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** POST Object (browser-based uploads): form parsing, policy checks, V2 and V4 signatures. */
class S3BrowserUploadTest {
  private static final String BOUNDARY = "----cairnFormBoundary7MA4YWxk";
  private static S3TestServer server;
  private static S3Client alice;
  private static HttpClient http;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, false);
    alice.createBucket(b -> b.bucket("forms"));
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    server.close();
  }

  private static String policy(String conditions) {
    String json = "{\"expiration\": \"" + Instant.now().plusSeconds(600) + "\", \"conditions\": ["
        + conditions + "]}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> signedV2(AccessKey key, String policy) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("AWSAccessKeyId", key.id());
    f.put("policy", policy);
    f.put("signature", Hashes.hmacSha1Base64(key.secret(), policy));
    return f;
  }

  private static HttpResponse<String> post(String bucket, Map<String, String> fields,
      String filename, byte[] file) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
          + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\""
        + (filename == null ? "" : "; filename=\"" + filename + "\"")
        + "\r\nContent-Type: application/octet-stream\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket))
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void post_v2SignedForm_storesTheFileWithItsMetadata() throws Exception {
    String policy = policy("{\"bucket\": \"forms\"}, [\"starts-with\", \"$key\", \"up/\"],"
        + " [\"starts-with\", \"$Content-Type\", \"text/\"], [\"eq\", \"$x-amz-meta-color\","
        + " \"blue\"], [\"content-length-range\", 0, 1024]");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("key", "up/${filename}");
    f.put("Content-Type", "text/plain");
    f.put("x-amz-meta-color", "blue");
    f.put("x-ignore-note", "not in the policy");
    f.putAll(signedV2(S3TestServer.ALICE, policy));

    HttpResponse<String> r = post("forms", f, "a.txt", utf8("hello"));

    assertThat(r.statusCode()).isEqualTo(204);
    ResponseBytes<GetObjectResponse> got =
        alice.getObjectAsBytes(b -> b.bucket("forms").key("up/a.txt"));
    assertThat(got.asUtf8String()).isEqualTo("hello");
    assertThat(got.response().contentType()).isEqualTo("text/plain");
    assertThat(got.response().metadata()).containsEntry("color", "blue");
    assertThat(r.headers().firstValue("ETag")).contains(got.response().eTag());
  }

  @Test
  void post_v4SignedFormWithStatus201_answersPostResponse() throws Exception {
    String amzDate = RawHttp.AMZ.format(Instant.now());
    CredentialScope scope =
        new CredentialScope(S3TestServer.ALICE.id(), amzDate.substring(0, 8), "us-east-1", "s3");
    String credential = S3TestServer.ALICE.id() + "/" + scope.path();
    String policy = policy("{\"bucket\": \"forms\"}, {\"key\": \"v4\"},"
        + " {\"success_action_status\": \"201\"}, {\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"},"
        + " {\"x-amz-credential\": \"" + credential + "\"}, {\"x-amz-date\": \"" + amzDate + "\"}");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("key", "v4");
    f.put("success_action_status", "201");
    f.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
    f.put("x-amz-credential", credential);
    f.put("x-amz-date", amzDate);
    f.put("policy", policy);
    f.put("x-amz-signature",
        SigningKey.derive(S3TestServer.ALICE.secret(), scope).sign(policy));

    HttpResponse<String> r = post("forms", f, null, utf8("four"));

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).contains("<Key>v4</Key>").contains("<Bucket>forms</Bucket>");
    assertThat(alice.getObjectAsBytes(b -> b.bucket("forms").key("v4")).asUtf8String())
        .isEqualTo("four");
  }

  @Test
  void post_largeFileWithBoundaryLookalikes_isStoredByteForByte() throws Exception {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    byte[] lookalike = utf8("\r\n--" + BOUNDARY.substring(0, 20));
    for (int at = 1000; at < data.length - lookalike.length; at += 65_531) {
      System.arraycopy(lookalike, 0, data, at, lookalike.length);
    }
    String policy = policy("{\"bucket\": \"forms\"}, {\"key\": \"big\"}");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("key", "big");
    f.putAll(signedV2(S3TestServer.ALICE, policy));

    assertThat(post("forms", f, "big.bin", data).statusCode()).isEqualTo(204);
    assertThat(alice.getObjectAsBytes(b -> b.bucket("forms").key("big")).asByteArray())
        .isEqualTo(data);
  }

  @Test
  void post_brokenConditionOrExtraField_isAccessDenied() throws Exception {
    String policy = policy("{\"bucket\": \"forms\"}, [\"starts-with\", \"$key\", \"allowed/\"]");
    Map<String, String> wrongKey = new LinkedHashMap<>();
    wrongKey.put("key", "elsewhere");
    wrongKey.putAll(signedV2(S3TestServer.ALICE, policy));
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("key", "allowed/x");
    extra.put("Content-Type", "text/plain");
    extra.putAll(signedV2(S3TestServer.ALICE, policy));

    HttpResponse<String> r1 = post("forms", wrongKey, null, utf8("x"));
    HttpResponse<String> r2 = post("forms", extra, null, utf8("x"));

    assertThat(r1.statusCode()).isEqualTo(403);
    assertThat(r1.body()).contains("<Code>AccessDenied</Code>");
    assertThat(r2.statusCode()).isEqualTo(403);
    assertThat(alice.listObjectsV2(b -> b.bucket("forms").prefix("allowed/")).contents())
        .isEmpty();
  }

  @Test
  void post_fileOutsideContentLengthRange_isRefusedAndStoresNothing() throws Exception {
    String policy = policy("{\"bucket\": \"forms\"}, {\"key\": \"sized\"},"
        + " [\"content-length-range\", 2, 4]");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("key", "sized");
    f.putAll(signedV2(S3TestServer.ALICE, policy));

    HttpResponse<String> tooLarge = post("forms", f, null, utf8("12345"));
    HttpResponse<String> tooSmall = post("forms", f, null, utf8("1"));

    assertThat(tooLarge.statusCode()).isEqualTo(400);
    assertThat(tooLarge.body()).contains("<Code>EntityTooLarge</Code>");
    assertThat(tooSmall.statusCode()).isEqualTo(400);
    assertThat(tooSmall.body()).contains("<Code>EntityTooSmall</Code>");
    assertThat(alice.listObjectsV2(b -> b.bucket("forms").prefix("sized")).contents()).isEmpty();
  }

  @Test
  void post_badSignatureMalformedOrExpiredPolicy_isRefused() throws Exception {
    Map<String, String> badSignature = new LinkedHashMap<>();
    badSignature.put("key", "k");
    badSignature.putAll(signedV2(S3TestServer.BOB, policy("{\"key\": \"k\"}")));
    badSignature.put("AWSAccessKeyId", S3TestServer.ALICE.id());
    String noConditions = Base64.getEncoder().encodeToString(
        utf8("{\"expiration\": \"" + Instant.now().plusSeconds(60) + "\"}"));
    Map<String, String> malformed = new LinkedHashMap<>();
    malformed.put("key", "k");
    malformed.putAll(signedV2(S3TestServer.ALICE, noConditions));
    String expiredPolicy = Base64.getEncoder().encodeToString(utf8("{\"expiration\": \""
        + Instant.now().minusSeconds(60) + "\", \"conditions\": [{\"key\": \"k\"}]}"));
    Map<String, String> expired = new LinkedHashMap<>();
    expired.put("key", "k");
    expired.putAll(signedV2(S3TestServer.ALICE, expiredPolicy));
    Map<String, String> unsigned = new LinkedHashMap<>();
    unsigned.put("key", "k");
    unsigned.put("AWSAccessKeyId", S3TestServer.ALICE.id());
    unsigned.put("policy", policy("{\"key\": \"k\"}"));

    assertThat(post("forms", badSignature, null, utf8("x")).body())
        .contains("<Code>SignatureDoesNotMatch</Code>");
    HttpResponse<String> r = post("forms", malformed, null, utf8("x"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidPolicyDocument</Code>");
    assertThat(post("forms", expired, null, utf8("x")).statusCode()).isEqualTo(403);
    assertThat(post("forms", unsigned, null, utf8("x")).statusCode()).isEqualTo(400);
    assertThat(alice.listObjectsV2(b -> b.bucket("forms").prefix("k")).contents()).isEmpty();
  }

  @Test
  void post_checksumField_isVerifiedWithoutAPolicyCondition() throws Exception {
    byte[] data = utf8("checked bytes");
    String sha256 = Base64.getEncoder().encodeToString(
        java.security.MessageDigest.getInstance("SHA-256").digest(data));
    String policy = policy("{\"bucket\": \"forms\"}, [\"starts-with\", \"$key\", \"sum\"]");
    Map<String, String> good = new LinkedHashMap<>();
    good.put("key", "sum-good");
    good.put("x-amz-checksum-sha256", sha256);
    good.putAll(signedV2(S3TestServer.ALICE, policy));
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("key", "sum-bad");
    bad.put("x-amz-checksum-sha256", Base64.getEncoder().encodeToString(new byte[32]));
    bad.putAll(signedV2(S3TestServer.ALICE, policy));

    HttpResponse<String> ok = post("forms", good, null, data);
    HttpResponse<String> refused = post("forms", bad, null, data);

    assertThat(ok.statusCode()).isEqualTo(204);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("<Code>BadDigest</Code>");
    assertThat(alice.listObjectsV2(b -> b.bucket("forms").prefix("sum")).contents())
        .extracting(o -> o.key()).containsExactly("sum-good");
  }
}
