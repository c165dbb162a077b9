package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.s3.auth.AccessKey;
import io.cairn.s3.auth.Hashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** AWS Signature Version 2: header and presigned forms, dates, and what is signed. */
class S3SigV2Test {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static S3TestServer server;
  private static S3Client alice;
  private static RawHttp raw;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, false);
    alice.createBucket(b -> b.bucket("sigv2"));
    raw = new RawHttp(server.port);
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    server.close();
  }

  /** Signs as a SigV2 client does: verb, MD5, type, date, x-amz-* headers, resource. */
  private static RawHttp.Response v2(AccessKey key, String method, String path, String query,
      Map<String, String> headers, byte[] body) throws Exception {
    return v2(key, method, path, query, headers, body,
        path + (query != null && query.equals("uploads") ? "?uploads" : ""));
  }

  private static RawHttp.Response v2(AccessKey key, String method, String path, String query,
      Map<String, String> headers, byte[] body, String resource) throws Exception {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("host", "127.0.0.1");
    h.putAll(headers);
    String date = h.containsKey("x-amz-date") ? "" : h.computeIfAbsent("date",
        k -> HTTP_DATE.format(Instant.now()));
    StringBuilder amz = new StringBuilder();
    h.keySet().stream().filter(n -> n.startsWith("x-amz-")).sorted()
        .forEach(n -> amz.append(n).append(':').append(h.get(n)).append('\n'));
    String stringToSign = method + "\n" + h.getOrDefault("content-md5", "") + "\n"
        + h.getOrDefault("content-type", "") + "\n" + date + "\n" + amz + resource;
    h.put("authorization", "AWS " + key.id() + ":"
        + Hashes.hmacSha1Base64(key.secret(), stringToSign));
    return raw.send(method, path, query, h, body);
  }

  @Test
  void v2Header_signedPutAndGet_roundTrip() throws Exception {
    byte[] body = "hello v2".getBytes(StandardCharsets.UTF_8);

    RawHttp.Response put = v2(S3TestServer.ALICE, "PUT", "/sigv2/greeting", null,
        Map.of("content-type", "text/plain", "x-amz-meta-who", "alice"), body);
    RawHttp.Response get = v2(S3TestServer.ALICE, "GET", "/sigv2/greeting", null, Map.of(), null);

    assertThat(put.status()).isEqualTo(200);
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.text()).isEqualTo("hello v2");
    assertThat(get.headers()).containsEntry("x-amz-meta-who", "alice");
  }

  @Test
  void v2Header_subResourceIsSigned_wrongKeyIsRefused() throws Exception {
    RawHttp.Response create = v2(S3TestServer.ALICE, "POST", "/sigv2/mp", "uploads", Map.of(),
        new byte[0]);
    RawHttp.Response forged = v2(new AccessKey(S3TestServer.ALICE.id(), "not-the-secret-000",
        "alice"), "GET", "/sigv2/greeting", null, Map.of(), null);

    assertThat(create.status()).isEqualTo(200);
    assertThat(create.text()).contains("<UploadId>");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.text()).contains("<Code>SignatureDoesNotMatch</Code>");
  }

  @Test
  void v2Header_badOrSkewedDates_areAccessDeniedOrTooSkewed() throws Exception {
    RawHttp.Response invalid = v2(S3TestServer.ALICE, "GET", "/sigv2", null,
        Map.of("x-amz-date", "Bad Date"), null);
    RawHttp.Response beforeEpoch = v2(S3TestServer.ALICE, "GET", "/sigv2", null,
        Map.of("x-amz-date", "Fri, 07 Jul 1950 21:53:04 GMT"), null);
    RawHttp.Response old = v2(S3TestServer.ALICE, "GET", "/sigv2", null,
        Map.of("x-amz-date", "Wed, 07 Jul 2010 21:53:04 GMT"), null);
    RawHttp.Response fresh = v2(S3TestServer.ALICE, "GET", "/sigv2", null,
        Map.of("x-amz-date", HTTP_DATE.format(Instant.now())), null);

    assertThat(invalid.status()).isEqualTo(403);
    assertThat(invalid.text()).contains("<Code>AccessDenied</Code>");
    assertThat(beforeEpoch.text()).contains("<Code>AccessDenied</Code>");
    assertThat(old.text()).contains("<Code>RequestTimeTooSkewed</Code>");
    assertThat(fresh.status()).isEqualTo(200);
  }

  @Test
  void v2Presigned_validUntilExpires() throws Exception {
    alice.putObject(b -> b.bucket("sigv2").key("shared"), RequestBody.fromString("shared bytes"));
    long future = Instant.now().getEpochSecond() + 300;
    long past = Instant.now().getEpochSecond() - 10;

    RawHttp.Response ok = raw.send("GET", "/sigv2/shared", presigned("/sigv2/shared", future),
        Map.of("host", "127.0.0.1"), null);
    RawHttp.Response expired = raw.send("GET", "/sigv2/shared", presigned("/sigv2/shared", past),
        Map.of("host", "127.0.0.1"), null);

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.text()).isEqualTo("shared bytes");
    assertThat(expired.status()).isEqualTo(403);
  }

  private static String presigned(String path, long expires) {
    String signature = Hashes.hmacSha1Base64(S3TestServer.ALICE.secret(),
        "GET\n\n\n" + expires + "\n" + path);
    return "AWSAccessKeyId=" + S3TestServer.ALICE.id() + "&Expires=" + expires + "&Signature="
        + java.net.URLEncoder.encode(signature, StandardCharsets.UTF_8);
  }

  @Test
  void v2Header_bucketSignedWithTrailingSlash_andWrongWeekday_areAccepted() throws Exception {
    RawHttp.Response created = v2(S3TestServer.ALICE, "PUT", "/sigv2-slash", null, Map.of(),
        new byte[0], "/sigv2-slash/");
    // 07 Jul 2010 was a Wednesday: the weekday is not checked, the date itself is.
    RawHttp.Response skewed = v2(S3TestServer.ALICE, "GET", "/sigv2", null,
        Map.of("x-amz-date", "Tue, 07 Jul 2010 21:53:04 GMT"), null);

    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(skewed.text()).contains("<Code>RequestTimeTooSkewed</Code>");
  }
}
