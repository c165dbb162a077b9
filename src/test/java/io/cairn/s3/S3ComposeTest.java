package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.catalog.ContentHeaders;
import io.cairn.catalog.ObjectDraft;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Compose ({@code POST ?compose}, signed by the AWS SDK's signer) and multipart composition. */
class S3ComposeTest {
  private static S3TestServer server;
  private static S3Client alice;
  private static SdkSignedHttp aliceHttp;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, false);
    aliceHttp = new SdkSignedHttp(server.endpoint(), S3TestServer.ALICE);
    alice.createBucket(b -> b.bucket("comp"));
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    server.close();
  }

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  static byte[] md5(byte[] data) throws Exception {
    return MessageDigest.getInstance("MD5").digest(data);
  }

  /** {@code hex(md5(d_1 .. d_N))-N}: the multipart ETag formula. */
  static String multipartEtag(byte[]... pieces) throws Exception {
    ByteArrayOutputStream digests = new ByteArrayOutputStream();
    for (byte[] p : pieces) {
      digests.write(md5(p));
    }
    return "\"" + HexFormat.of().formatHex(md5(digests.toByteArray())) + "-" + pieces.length
        + "\"";
  }

  static byte[] concat(byte[]... pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : pieces) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static void put(String key, byte[] data) {
    alice.putObject(b -> b.bucket("comp").key(key), RequestBody.fromBytes(data));
  }

  private static byte[] get(String key) {
    return alice.getObjectAsBytes(b -> b.bucket("comp").key(key)).asByteArray();
  }

  static String source(String key) {
    return "<Source><Key>" + key + "</Key></Source>";
  }

  private static HttpResponse<String> compose(String key, Map<String, String> headers,
      String... sources) throws Exception {
    return aliceHttp.send("POST", "/comp/" + key + "?compose", headers,
        "<ComposeRequest>" + String.join("", sources) + "</ComposeRequest>");
  }

  @Test
  void compose_threeObjects_concatenatesWithMultipartStyleEtagAndTheRequestsMetadata()
      throws Exception {
    byte[] a = random(1 << 20, 1);
    byte[] b = random(1000, 2);
    byte[] c = random(70_001, 3);
    put("c3/a", a);
    put("c3/b", b);
    put("c3/c", c);

    HttpResponse<String> reply = compose("c3/all",
        Map.of("Content-Type", "text/plain", "x-amz-meta-origin", "three"),
        source("c3/a"), source("c3/b"), source("c3/c"));

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    String etag = multipartEtag(a, b, c);
    assertThat(reply.body()).contains("<ComposeResult").contains("<Size>" + (a.length + b.length
        + c.length) + "</Size>").contains("<ETag>" + etag + "</ETag>");
    assertThat(reply.headers().firstValue("ETag")).contains(etag);
    assertThat(get("c3/all")).isEqualTo(concat(a, b, c));
    HeadObjectResponse head = alice.headObject(h -> h.bucket("comp").key("c3/all"));
    assertThat(head.eTag()).isEqualTo(etag);
    assertThat(head.contentType()).isEqualTo("text/plain");
    assertThat(head.metadata()).containsExactly(Map.entry("origin", "three"));
    // The sources are the parts: partNumber=2 reads the second one.
    assertThat(alice.getObjectAsBytes(g -> g.bucket("comp").key("c3/all").partNumber(2))
        .asByteArray()).isEqualTo(b);
  }

  @Test
  void compose_rangesVersionsAndIfMatch_takeExactlyTheNamedBytes() throws Exception {
    byte[] a = random(100_000, 4);
    put("r/a", a);
    String etagA = alice.headObject(h -> h.bucket("comp").key("r/a")).eTag();

    HttpResponse<String> reply = compose("r/out", Map.of(),
        "<Source><Key>r/a</Key><Range>bytes=10-19</Range><IfMatch>" + etagA
            + "</IfMatch></Source>",
        "<Source><Key>r/a</Key><VersionId>null</VersionId></Source>",
        "<Source><Key>r/a</Key><Range>bytes=99990-99999</Range></Source>");

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    byte[] first = Arrays.copyOfRange(a, 10, 20);
    byte[] last = Arrays.copyOfRange(a, 99_990, 100_000);
    assertThat(get("r/out")).isEqualTo(concat(first, a, last));
    assertThat(reply.headers().firstValue("ETag")).contains(multipartEtag(first, a, last));
  }

  @Test
  void compose_ontoOneOfItsSources_appendsUnderTheDestinationsIfMatch() throws Exception {
    byte[] log = random(5000, 5);
    byte[] more = random(3000, 6);
    put("app/log", log);
    put("app/more", more);
    String before = alice.headObject(h -> h.bucket("comp").key("app/log")).eTag();

    HttpResponse<String> appended = compose("app/log", Map.of("If-Match", before),
        source("app/log"), source("app/more"));
    HttpResponse<String> stale = compose("app/log", Map.of("If-Match", before),
        source("app/log"), source("app/more"));

    assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(get("app/log")).isEqualTo(concat(log, more));
  }

  @Test
  void compose_badRequests_failInS3StyleAndStoreNothing() throws Exception {
    put("bad/a", random(100, 7));
    String[] tooMany = new String[33];
    Arrays.fill(tooMany, source("bad/a"));

    assertThat(compose("bad/out", Map.of(), source("bad/a"), source("bad/missing")))
        .satisfies(r -> assertError(r, 404, "NoSuchKey"));
    assertThat(compose("bad/out", Map.of())).satisfies(r -> assertError(r, 400, "InvalidRequest"));
    assertThat(compose("bad/out", Map.of(), tooMany))
        .satisfies(r -> assertError(r, 400, "InvalidRequest"));
    assertThat(compose("bad/out", Map.of(),
        "<Source><Key>bad/a</Key><IfMatch>\"0123\"</IfMatch></Source>"))
        .satisfies(r -> assertError(r, 412, "PreconditionFailed"));
    assertThat(compose("bad/out", Map.of(),
        "<Source><Key>bad/a</Key><Range>bytes=50-100</Range></Source>"))
        .satisfies(r -> assertError(r, 400, "InvalidArgument"));
    assertThat(compose("bad/out", Map.of(), "<Source><Key>bad/a</Key>"
        + "<VersionId>0123456789abcdef0123456789abcdef</VersionId></Source>"))
        .satisfies(r -> assertError(r, 404, "NoSuchVersion"));
    assertThat(compose("bad/out", Map.of(),
        "<Source><Key>bad/a</Key><VersionId>not-a-version</VersionId></Source>"))
        .satisfies(r -> assertError(r, 400, "InvalidArgument"));
    assertThat(compose("bad/out", Map.of(), "<Source><Range>bytes=1-2</Range></Source>"))
        .satisfies(r -> assertError(r, 400, "MalformedXML"));
    assertThat(aliceHttp.send("POST", "/comp/bad/out?compose", Map.of(), "<Other/>"))
        .satisfies(r -> assertError(r, 400, "MalformedXML"));
    assertThat(compose("bad/out", Map.of("If-None-Match", "*"), source("bad/a")).statusCode())
        .isEqualTo(200);
    assertThat(compose("bad/out", Map.of("If-None-Match", "*"), source("bad/a")))
        .satisfies(r -> assertError(r, 412, "PreconditionFailed"));
    alice.deleteObject(d -> d.bucket("comp").key("bad/out"));

    assertThatThrownBy(() -> alice.headObject(h -> h.bucket("comp").key("bad/out")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void compose_beyondFiveTebibytes_isEntityTooLarge() throws Exception {
    put("huge/real", random(10, 8));
    long blob = server.catalog.objects().latest("comp", "huge/real").orElseThrow().blobId();
    // A catalog entry claiming 2 TiB (no such data exists): the size check comes before any link.
    server.catalog.objects().put("comp", new ObjectDraft("huge/claimed", blob, 2L << 40,
        "0123456789abcdef0123456789abcdef", ContentHeaders.none(), Map.of(), null, "alice",
        null, null, null, null));

    assertThat(compose("huge/out", Map.of(), source("huge/claimed"), source("huge/claimed"),
        source("huge/claimed"))).satisfies(r -> assertError(r, 400, "EntityTooLarge"));
  }

  @Test
  void compose_ofAnotherUsersBucket_isAccessDenied() throws Exception {
    put("mine", random(10, 9));
    SdkSignedHttp bob = new SdkSignedHttp(server.endpoint(), S3TestServer.BOB);
    assertThat(bob.send("POST", "/comp/stolen?compose", Map.of(),
        "<ComposeRequest>" + source("mine") + "</ComposeRequest>"))
        .satisfies(r -> assertError(r, 403, "AccessDenied"));
  }

  @Test
  void compose_needsWriteOnTheBucketAndReadOnEverySource() throws Exception {
    alice.createBucket(b -> b.bucket("comp-shared"));
    // Canned ACLs: the test server's users are access keys, not catalog users a grant could name.
    alice.putBucketAcl(p -> p.bucket("comp-shared")
        .acl(software.amazon.awssdk.services.s3.model.BucketCannedACL.PUBLIC_READ_WRITE));
    alice.putObject(p -> p.bucket("comp-shared").key("private"), RequestBody.fromString("abc"));
    SdkSignedHttp bob = new SdkSignedHttp(server.endpoint(), S3TestServer.BOB);
    String body = "<ComposeRequest>" + source("private") + "</ComposeRequest>";

    assertThat(bob.send("POST", "/comp-shared/bobs?compose", Map.of(), body))
        .satisfies(r -> assertError(r, 403, "AccessDenied"));
    alice.putObjectAcl(p -> p.bucket("comp-shared").key("private")
        .acl(software.amazon.awssdk.services.s3.model.ObjectCannedACL.AUTHENTICATED_READ));
    assertThat(bob.send("POST", "/comp-shared/bobs?compose", Map.of(), body).statusCode())
        .isEqualTo(200);

    // The composed object is bob's: private to him, alice (the bucket owner) cannot read it.
    assertThatThrownBy(() -> alice.getObjectAsBytes(g -> g.bucket("comp-shared").key("bobs")))
        .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class,
            e -> assertThat(e.statusCode()).isEqualTo(403));
  }

  @Test
  void multipartUploadPartCopy_ofRanges_composesWithoutWritingData() throws Exception {
    byte[] a = random(12 << 20, 10);
    byte[] b = random(6 << 20, 11);
    put("mp/a", a);
    put("mp/b", b);
    long appendedBefore = server.log.stats().payloadBytes();

    String id = alice.createMultipartUpload(c -> c.bucket("comp").key("mp/out")).uploadId();
    String e1 = alice.uploadPartCopy(u -> u.sourceBucket("comp").sourceKey("mp/a")
        .destinationBucket("comp").destinationKey("mp/out").uploadId(id).partNumber(1)
        .copySourceRange("bytes=0-" + ((5 << 20) - 1))).copyPartResult().eTag();
    String e2 = alice.uploadPartCopy(u -> u.sourceBucket("comp").sourceKey("mp/b")
        .destinationBucket("comp").destinationKey("mp/out").uploadId(id).partNumber(2))
        .copyPartResult().eTag();
    String e3 = alice.uploadPartCopy(u -> u.sourceBucket("comp").sourceKey("mp/a")
        .destinationBucket("comp").destinationKey("mp/out").uploadId(id).partNumber(3)
        .copySourceRange("bytes=" + (11 << 20) + "-" + ((12 << 20) - 1))).copyPartResult().eTag();
    String etag = alice.completeMultipartUpload(c -> c.bucket("comp").key("mp/out").uploadId(id)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
            CompletedPart.builder().partNumber(2).eTag(e2).build(),
            CompletedPart.builder().partNumber(3).eTag(e3).build()))).eTag();

    long appended = server.log.stats().payloadBytes() - appendedBefore;
    byte[] p1 = Arrays.copyOfRange(a, 0, 5 << 20);
    byte[] p3 = Arrays.copyOfRange(a, 11 << 20, 12 << 20);
    assertThat(get("mp/out")).isEqualTo(concat(p1, b, p3));
    assertThat(etag).isEqualTo(multipartEtag(p1, b, p3));
    assertThat(appended).as("log bytes appended for 12 MiB of composed data")
        .isLessThan(16 << 10);
  }

  private static void assertError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).contains("<Code>" + code + "</Code>");
  }

}
