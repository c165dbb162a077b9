package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.auth.AccessKey;
import io.cairn.s3.auth.Hashes;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Authentication failures, presigned URLs, virtual-host addressing and payload modes. */
class S3AuthAndPayloadTest {
  @TempDir static Path dir;
  private static S3TestServer server;
  private static S3Client alice;
  private static RawHttp raw;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, true);
    alice.createBucket(b -> b.bucket("auth"));
    raw = new RawHttp(server.port);
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    server.close();
  }

  private static S3Client clientWith(String accessKey, String secret) {
    return S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(accessKey, secret)))
        .overrideConfiguration(o -> o.retryStrategy(
            software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
        .build();
  }

  private static String code(Throwable e) {
    return ((S3Exception) e).awsErrorDetails().errorCode();
  }

  @Test
  void wrongSecret_isSignatureDoesNotMatch() {
    try (S3Client s3 = clientWith(S3TestServer.ALICE.id(), "wrong-secret")) {
      assertThatThrownBy(s3::listBuckets).satisfies(e -> {
        assertThat(code(e)).isEqualTo("SignatureDoesNotMatch");
        assertThat(((S3Exception) e).statusCode()).isEqualTo(403);
      });
    }
  }

  @Test
  void unknownAccessKey_isInvalidAccessKeyId() {
    try (S3Client s3 = clientWith("AKIDNOBODY", "whatever")) {
      assertThatThrownBy(s3::listBuckets)
          .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAccessKeyId"));
    }
  }

  @Test
  void skewedClock_isRequestTimeTooSkewed(@TempDir Path other) throws Exception {
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));
    try (S3TestServer skewed = new S3TestServer(other, ahead);
        S3Client s3 = S3Client.builder().endpointOverride(skewed.endpoint())
            .region(Region.US_EAST_1).forcePathStyle(true)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                S3TestServer.ALICE.id(), S3TestServer.ALICE.secret())))
            .overrideConfiguration(o -> o.retryStrategy(
                software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
            .build()) {
      assertThatThrownBy(s3::listBuckets)
          .satisfies(e -> assertThat(code(e)).isEqualTo("RequestTimeTooSkewed"));
    }
  }

  @Test
  void presignedGetAndPut_workWithAPlainHttpClient() throws Exception {
    alice.putObject(b -> b.bucket("auth").key("shared file.txt"), RequestBody.fromString("hi"));
    try (S3Presigner presigner = server.presigner(S3TestServer.ALICE)) {
      URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket("auth").key("shared file.txt"))).url().toURI();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(get).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("hi");

      URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .putObjectRequest(g -> g.bucket("auth").key("uploaded"))).url().toURI();
      HttpResponse<String> pr = http.send(HttpRequest.newBuilder(put)
          .PUT(HttpRequest.BodyPublishers.ofString("via presigned")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(pr.statusCode()).isEqualTo(200);
      assertThat(alice.getObjectAsBytes(b -> b.bucket("auth").key("uploaded")).asUtf8String())
          .isEqualTo("via presigned");

      URI tampered = URI.create(get.toString().replace("shared%20file", "other%20file"));
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(tampered).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(403);
      assertThat(bad.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }
  }

  private static Map<String, String> headers(String host, String sha256) {
    return Map.of("Host", host, "x-amz-content-sha256", sha256);
  }

  @Test
  void virtualHostStyle_addressesTheBucketByHost() throws Exception {
    String host = "auth.localhost:" + server.port;
    byte[] body = "vhost".getBytes(StandardCharsets.UTF_8);
    RawHttp.Response put = raw.signed(S3TestServer.ALICE, "PUT", "/v/key", null,
        headers(host, Hashes.hex(Hashes.sha256().digest(body))), body);
    assertThat(put.status()).isEqualTo(200);
    RawHttp.Response get = raw.signed(S3TestServer.ALICE, "GET", "/v/key", null,
        headers(host, "UNSIGNED-PAYLOAD"), null);
    assertThat(get.text()).isEqualTo("vhost");
    RawHttp.Response list = raw.signed(S3TestServer.ALICE, "GET", "/", "list-type=2&prefix=v%2F",
        headers(host, Hashes.EMPTY_SHA256), null);
    assertThat(list.text()).contains("<Key>v/key</Key>").contains("<Name>auth</Name>");
  }

  @Test
  void signedPayload_sha256Mismatch_isRejectedAndNotStored() throws Exception {
    byte[] body = "actual".getBytes(StandardCharsets.UTF_8);
    String wrong = Hashes.hex(Hashes.sha256().digest("claimed".getBytes(StandardCharsets.UTF_8)));
    RawHttp.Response put = raw.signed(S3TestServer.ALICE, "PUT", "/auth/mismatch", null,
        headers("127.0.0.1:" + server.port, wrong), body);
    assertThat(put.status()).isEqualTo(400);
    assertThat(put.text()).contains("<Code>XAmzContentSHA256Mismatch</Code>");
    RawHttp.Response head = raw.signed(S3TestServer.ALICE, "HEAD", "/auth/mismatch", null,
        headers("127.0.0.1:" + server.port, Hashes.EMPTY_SHA256), null);
    assertThat(head.status()).isEqualTo(404);
  }

  private static byte[] unsignedTrailerBody(byte[] data, String crc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int half = data.length / 2;
    out.writeBytes((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data, 0, half);
    out.writeBytes(("\r\n" + Integer.toHexString(data.length - half) + "\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(data, half, data.length - half);
    out.writeBytes(("\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static Map<String, String> trailerHeaders(int decodedLength) {
    return Map.of("Host", "127.0.0.1:" + server.port,
        "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        "Content-Encoding", "aws-chunked",
        "x-amz-decoded-content-length", Integer.toString(decodedLength),
        "x-amz-trailer", "x-amz-checksum-crc32");
  }

  @Test
  void unsignedPayloadTrailer_likeAwsCli_isStoredWhenCrcMatches() throws Exception {
    byte[] data = new byte[200_000];
    new java.util.Random(5).nextBytes(data);
    var running = io.cairn.s3.auth.ChecksumAlgorithm.CRC32.start();
    running.update(data, 0, data.length);
    String crc = running.base64();
    RawHttp.Response put = raw.signed(S3TestServer.ALICE, "PUT", "/auth/trailer", null,
        trailerHeaders(data.length), unsignedTrailerBody(data, crc));
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(alice.getObjectAsBytes(b -> b.bucket("auth").key("trailer")).asByteArray())
        .isEqualTo(data);
    assertThat(alice.headObject(b -> b.bucket("auth").key("trailer")).contentEncoding()).isNull();
  }

  @Test
  void unsignedPayloadTrailer_wrongCrc_isBadDigestAndNotStored() throws Exception {
    byte[] data = "trailing".getBytes(StandardCharsets.UTF_8);
    RawHttp.Response put = raw.signed(S3TestServer.ALICE, "PUT", "/auth/bad-trailer", null,
        trailerHeaders(data.length), unsignedTrailerBody(data, "AAAAAA=="));
    assertThat(put.status()).isEqualTo(400);
    assertThat(put.text()).contains("<Code>BadDigest</Code>");
    assertThatThrownBy(() -> alice.headObject(b -> b.bucket("auth").key("bad-trailer")))
        .isInstanceOf(S3Exception.class);
  }

  @Test
  void truncatedBody_storesNothing() throws Exception {
    Map<String, String> h = Map.of("Host", "127.0.0.1:" + server.port,
        "x-amz-content-sha256", "UNSIGNED-PAYLOAD", "content-length", "100000");
    RawHttp.Response put = raw.signed(S3TestServer.ALICE, "PUT", "/auth/truncated", null, h,
        new byte[1000]);
    assertThat(put.status()).isEqualTo(400);
    assertThatThrownBy(() -> alice.headObject(b -> b.bucket("auth").key("truncated")))
        .isInstanceOf(S3Exception.class);
  }

  @Test
  void checksumHeader_mismatch_isBadDigest() throws Exception {
    byte[] data = "checked".getBytes(StandardCharsets.UTF_8);
    Map<String, String> h = Map.of("Host", "127.0.0.1:" + server.port,
        "x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-checksum-sha256",
        java.util.Base64.getEncoder().encodeToString(new byte[32]));
    RawHttp.Response put = raw.signed(S3TestServer.ALICE, "PUT", "/auth/bad-sum", null, h, data);
    assertThat(put.status()).isEqualTo(400);
    assertThat(put.text()).contains("<Code>BadDigest</Code>");
  }

  @Test
  void policySubresource_isAnswered501_andPostOnAKey405() throws Exception {
    AccessKey k = S3TestServer.ALICE;
    String host = "127.0.0.1:" + server.port;
    RawHttp.Response policy = raw.signed(k, "PUT", "/auth", "policy",
        headers(host, Hashes.EMPTY_SHA256), new byte[0]);
    assertThat(policy.status()).isEqualTo(501);
    assertThat(policy.text()).contains("<Code>NotImplemented</Code>");
    RawHttp.Response post = raw.signed(k, "POST", "/auth/key", null,
        headers(host, Hashes.EMPTY_SHA256), new byte[0]);
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.text()).contains("<Code>MethodNotAllowed</Code>");
  }
}
