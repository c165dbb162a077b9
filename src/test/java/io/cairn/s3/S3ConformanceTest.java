package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Behaviours the Ceph s3-tests suite checks, each pinned here against regressions: bucket
 * deletion with uploads in progress, error codes as S3 spells them, listing details, headers.
 */
class S3ConformanceTest {
  private static S3TestServer server;
  private static S3Client alice;
  private static RawHttp raw;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, false);
    raw = new RawHttp(server.port);
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    server.close();
  }

  private static String errorCode(Throwable e) {
    return ((S3Exception) e).awsErrorDetails().errorCode();
  }

  @Test
  void deleteBucket_withUploadInProgress_abortsItAndDeletes() {
    alice.createBucket(b -> b.bucket("pending-upload"));
    String id = alice.createMultipartUpload(b -> b.bucket("pending-upload").key("k")).uploadId();
    alice.uploadPart(b -> b.bucket("pending-upload").key("k").uploadId(id).partNumber(1),
        RequestBody.fromString("part"));

    alice.deleteBucket(b -> b.bucket("pending-upload"));

    assertThatThrownBy(() -> alice.headBucket(b -> b.bucket("pending-upload")))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void deleteBucket_withObjectAndUpload_keepsBoth() {
    alice.createBucket(b -> b.bucket("object-and-upload"));
    alice.putObject(b -> b.bucket("object-and-upload").key("o"), RequestBody.fromString("x"));
    alice.createMultipartUpload(b -> b.bucket("object-and-upload").key("k"));

    assertThatThrownBy(() -> alice.deleteBucket(b -> b.bucket("object-and-upload")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("BucketNotEmpty"));
    assertThat(alice.listMultipartUploads(b -> b.bucket("object-and-upload")).uploads())
        .hasSize(1);
  }

  @Test
  void completeMultipartUpload_noParts_isMalformedXmlSpelledAsS3Does() {
    alice.createBucket(b -> b.bucket("empty-complete"));
    String id = alice.createMultipartUpload(b -> b.bucket("empty-complete").key("k")).uploadId();

    assertThatThrownBy(() -> alice.completeMultipartUpload(
        b -> b.bucket("empty-complete").key("k").uploadId(id)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("MalformedXML"));
  }

  @Test
  void createBucket_ownedByCallerInUsEast1_succeedsAndKeepsObjects() {
    alice.createBucket(b -> b.bucket("recreated"));
    alice.putObject(b -> b.bucket("recreated").key("kept"), RequestBody.fromString("x"));

    alice.createBucket(b -> b.bucket("recreated"));

    assertThat(alice.listObjectsV2(b -> b.bucket("recreated")).contents())
        .extracting(o -> o.key()).containsExactly("kept");
  }

  @Test
  void listObjects_emptyDelimiter_isNotEchoed() {
    alice.createBucket(b -> b.bucket("empty-delimiter"));
    alice.putObject(b -> b.bucket("empty-delimiter").key("a/b"), RequestBody.fromString("x"));

    ListObjectsResponse v1 = alice.listObjects(b -> b.bucket("empty-delimiter").delimiter(""));

    assertThat(v1.delimiter()).isNull();
    assertThat(v1.contents()).extracting(o -> o.key()).containsExactly("a/b");
    assertThat(alice.listObjectsV2(b -> b.bucket("empty-delimiter").delimiter("")).delimiter())
        .isNull();
  }

  @Test
  void listObjectsV1_urlEncoding_returnsPrefixAsSent() throws Exception {
    alice.createBucket(b -> b.bucket("v1-prefix"));
    RawHttp.Response r = raw.signed(S3TestServer.ALICE, "GET", "/v1-prefix",
        "encoding-type=url&prefix=a%0Ab", java.util.Map.of("host", "127.0.0.1",
            "x-amz-content-sha256", io.cairn.s3.auth.PayloadStreams.UNSIGNED_PAYLOAD), null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).contains("<Prefix>a\nb</Prefix>");
  }

  @Test
  void putObject_contentEncoding_isKeptAsSentWithoutAwsChunked() {
    alice.createBucket(b -> b.bucket("encodings"));
    alice.putObject(b -> b.bucket("encodings").key("k").contentEncoding("deflate, gzip"),
        RequestBody.fromString("x"));
    assertThat(alice.headObject(b -> b.bucket("encodings").key("k")).contentEncoding())
        .isEqualTo("deflate, gzip");

    alice.putObject(b -> b.bucket("encodings").key("k").contentEncoding("aws-chunked, gzip"),
        RequestBody.fromString("x"));
    assertThat(alice.headObject(b -> b.bucket("encodings").key("k")).contentEncoding())
        .isEqualTo("gzip");
  }

  @Test
  void putObject_ifMatch_writesOnlyOverTheMatchingObject() {
    alice.createBucket(b -> b.bucket("if-match"));
    String etag = alice.putObject(b -> b.bucket("if-match").key("k"),
        RequestBody.fromString("one")).eTag();

    assertThatThrownBy(() -> alice.putObject(b -> b.bucket("if-match").key("k")
        .ifMatch("\"0123\""), RequestBody.fromString("two")))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("PreconditionFailed"));
    assertThatThrownBy(() -> alice.putObject(b -> b.bucket("if-match").key("missing")
        .ifMatch("*"), RequestBody.fromString("two")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchKey"));
    alice.putObject(b -> b.bucket("if-match").key("k").ifMatch(etag),
        RequestBody.fromString("three"));

    assertThat(alice.getObjectAsBytes(b -> b.bucket("if-match").key("k")).asUtf8String())
        .isEqualTo("three");
    assertThatThrownBy(() -> alice.headObject(b -> b.bucket("if-match").key("missing")))
        .isInstanceOf(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class);
  }

  @Test
  void putObject_ifNoneMatch_refusesToOverwriteAMatchingObject() {
    alice.createBucket(b -> b.bucket("if-none-match"));
    String etag = alice.putObject(b -> b.bucket("if-none-match").key("k"),
        RequestBody.fromString("one")).eTag();

    assertThatThrownBy(() -> alice.putObject(b -> b.bucket("if-none-match").key("k")
        .ifNoneMatch("*"), RequestBody.fromString("two")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("PreconditionFailed"));
    assertThatThrownBy(() -> alice.putObject(b -> b.bucket("if-none-match").key("k")
        .ifNoneMatch(etag), RequestBody.fromString("two")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("PreconditionFailed"));
    alice.putObject(b -> b.bucket("if-none-match").key("new").ifNoneMatch("*"),
        RequestBody.fromString("fresh"));

    assertThat(alice.getObjectAsBytes(b -> b.bucket("if-none-match").key("k")).asUtf8String())
        .isEqualTo("one");
    assertThat(alice.getObjectAsBytes(b -> b.bucket("if-none-match").key("new")).asUtf8String())
        .isEqualTo("fresh");
  }

  @Test
  void listBuckets_maxBuckets_paginatesByNameWithContinuationTokens() {
    S3Client bob = server.client(S3TestServer.BOB, false);
    bob.createBucket(b -> b.bucket("page-b"));
    bob.createBucket(b -> b.bucket("page-a"));
    bob.createBucket(b -> b.bucket("other"));

    var first = bob.listBuckets(b -> b.maxBuckets(1).prefix("page-"));
    var second = bob.listBuckets(b -> b.maxBuckets(1).prefix("page-")
        .continuationToken(first.continuationToken()));

    assertThat(first.buckets()).extracting(b -> b.name()).containsExactly("page-a");
    assertThat(first.continuationToken()).isNotNull();
    assertThat(second.buckets()).extracting(b -> b.name()).containsExactly("page-b");
    assertThat(second.continuationToken()).isNull();
    assertThat(bob.listBuckets().buckets()).extracting(b -> b.name())
        .contains("other", "page-a", "page-b");
    assertThatThrownBy(() -> bob.listBuckets(b -> b.maxBuckets(0)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidArgument"));
  }

  @Test
  void anonymousRequest_missingBucketIsNoSuchBucket_existingIsAccessDenied() throws Exception {
    alice.createBucket(b -> b.bucket("anonymous-target"));

    RawHttp.Response missing = raw.send("GET", "/no-such-bucket-anon/k", null,
        java.util.Map.of("host", "127.0.0.1"), null);
    RawHttp.Response existing = raw.send("GET", "/anonymous-target/k", null,
        java.util.Map.of("host", "127.0.0.1"), null);

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).contains("<Code>NoSuchBucket</Code>");
    assertThat(existing.status()).isEqualTo(403);
    assertThat(existing.text()).contains("<Code>AccessDenied</Code>");
  }

  @Test
  void options_withoutOriginIsBadRequest_preflightIsForbiddenWithoutCors() throws Exception {
    alice.createBucket(b -> b.bucket("preflight"));

    RawHttp.Response bare = raw.send("OPTIONS", "/preflight/k", null,
        java.util.Map.of("host", "127.0.0.1"), null);
    RawHttp.Response preflight = raw.send("OPTIONS", "/preflight/k", null, java.util.Map.of(
        "host", "127.0.0.1", "origin", "http://example.com",
        "access-control-request-method", "GET"), null);

    assertThat(bare.status()).isEqualTo(400);
    assertThat(preflight.status()).isEqualTo(403);
    assertThat(preflight.text()).contains("CORS is not enabled");
  }

  @Test
  void putObject_chunkedTransferEncoding_isStoredWhole() throws Exception {
    alice.createBucket(b -> b.bucket("no-length"));

    RawHttp.Response r = raw.signed(S3TestServer.ALICE, "PUT", "/no-length/k", null,
        java.util.Map.of("host", "127.0.0.1", "transfer-encoding", "chunked",
            "x-amz-content-sha256", io.cairn.s3.auth.PayloadStreams.UNSIGNED_PAYLOAD),
        "data".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(r.status()).isEqualTo(200);
    assertThat(alice.getObjectAsBytes(b -> b.bucket("no-length").key("k")).asUtf8String())
        .isEqualTo("data");
  }

  @Test
  void completeMultipartUpload_retriedAfterSuccess_answersTheSameObject() {
    alice.createBucket(b -> b.bucket("complete-twice"));
    String id = alice.createMultipartUpload(b -> b.bucket("complete-twice").key("k")).uploadId();
    String etag = alice.uploadPart(b -> b.bucket("complete-twice").key("k").uploadId(id)
        .partNumber(1), RequestBody.fromString("only part")).eTag();
    var parts = software.amazon.awssdk.services.s3.model.CompletedMultipartUpload.builder()
        .parts(p -> p.partNumber(1).eTag(etag)).build();

    String first = alice.completeMultipartUpload(b -> b.bucket("complete-twice").key("k")
        .uploadId(id).multipartUpload(parts)).eTag();
    String again = alice.completeMultipartUpload(b -> b.bucket("complete-twice").key("k")
        .uploadId(id).multipartUpload(parts)).eTag();

    assertThat(again).isEqualTo(first);
    var otherParts = software.amazon.awssdk.services.s3.model.CompletedMultipartUpload.builder()
        .parts(p -> p.partNumber(1).eTag("\"0123456789abcdef0123456789abcdef\"")).build();
    assertThatThrownBy(() -> alice.completeMultipartUpload(b -> b.bucket("complete-twice")
        .key("k").uploadId(id).multipartUpload(otherParts)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchUpload"));
  }

  @Test
  void getObject_partNumber_readsThatPartOfAMultipartObject() {
    alice.createBucket(b -> b.bucket("part-reads"));
    String id = alice.createMultipartUpload(b -> b.bucket("part-reads").key("k")).uploadId();
    byte[] first = new byte[(int) S3TestServer.MIN_PART];
    java.util.Arrays.fill(first, (byte) 'a');
    String e1 = alice.uploadPart(b -> b.bucket("part-reads").key("k").uploadId(id).partNumber(1),
        RequestBody.fromBytes(first)).eTag();
    String e2 = alice.uploadPart(b -> b.bucket("part-reads").key("k").uploadId(id).partNumber(2),
        RequestBody.fromString("second part")).eTag();
    String etag = alice.completeMultipartUpload(b -> b.bucket("part-reads").key("k").uploadId(id)
        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(e1),
            p -> p.partNumber(2).eTag(e2)))).eTag();
    alice.putObject(b -> b.bucket("part-reads").key("single"), RequestBody.fromString("one"));

    var second = alice.getObjectAsBytes(b -> b.bucket("part-reads").key("k").partNumber(2));
    var head = alice.headObject(b -> b.bucket("part-reads").key("k").partNumber(1));

    assertThat(second.asUtf8String()).isEqualTo("second part");
    assertThat(second.response().partsCount()).isEqualTo(2);
    assertThat(second.response().eTag()).isEqualTo(etag);
    assertThat(head.contentLength()).isEqualTo(S3TestServer.MIN_PART);
    assertThat(head.partsCount()).isEqualTo(2);
    assertThatThrownBy(() -> alice.getObject(b -> b.bucket("part-reads").key("k").partNumber(3)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidPart"));
    assertThat(alice.getObjectAsBytes(b -> b.bucket("part-reads").key("single").partNumber(1))
        .asUtf8String()).isEqualTo("one");
  }

  @Test
  void getObjectAttributes_reportsSizeEtagChecksumAndPartPages() {
    alice.createBucket(b -> b.bucket("attributes"));
    String id = alice.createMultipartUpload(b -> b.bucket("attributes").key("mp")).uploadId();
    byte[] big = new byte[(int) S3TestServer.MIN_PART];
    String e1 = alice.uploadPart(b -> b.bucket("attributes").key("mp").uploadId(id).partNumber(1),
        RequestBody.fromBytes(big)).eTag();
    String e2 = alice.uploadPart(b -> b.bucket("attributes").key("mp").uploadId(id).partNumber(2),
        RequestBody.fromBytes(big)).eTag();
    String e3 = alice.uploadPart(b -> b.bucket("attributes").key("mp").uploadId(id).partNumber(3),
        RequestBody.fromString("tail")).eTag();
    String etag = alice.completeMultipartUpload(b -> b.bucket("attributes").key("mp")
        .uploadId(id).multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(e1),
            p -> p.partNumber(2).eTag(e2), p -> p.partNumber(3).eTag(e3)))).eTag();
    alice.putObject(b -> b.bucket("attributes").key("one")
        .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256),
        RequestBody.fromString("single"));

    var page = alice.getObjectAttributes(b -> b.bucket("attributes").key("mp")
        .objectAttributesWithStrings("ETag", "ObjectParts", "ObjectSize", "StorageClass")
        .maxParts(1).partNumberMarker(1));
    var single = alice.getObjectAttributes(b -> b.bucket("attributes").key("one")
        .objectAttributesWithStrings("ETag", "Checksum", "ObjectParts", "ObjectSize"));

    assertThat(page.eTag()).isEqualTo(etag.replace("\"", ""));
    assertThat(page.objectSize()).isEqualTo(2 * S3TestServer.MIN_PART + 4);
    assertThat(page.objectParts().totalPartsCount()).isEqualTo(3);
    assertThat(page.objectParts().parts()).extracting(p -> p.partNumber()).containsExactly(2);
    assertThat(page.objectParts().isTruncated()).isTrue();
    assertThat(page.objectParts().nextPartNumberMarker()).isEqualTo(2);
    assertThat(single.objectSize()).isEqualTo(6);
    assertThat(single.objectParts()).isNull();
    assertThat(single.checksum().checksumSHA256()).isNotNull();
  }

  @Test
  void putObject_latin1MetadataValue_isSignedAndReturnedAsSent() throws Exception {
    alice.createBucket(b -> b.bucket("latin1-meta"));

    RawHttp.Response put = raw.signed(S3TestServer.ALICE, "PUT", "/latin1-meta/k", null,
        java.util.Map.of("host", "127.0.0.1", "x-amz-meta-greeting", "Hello World\u00e9",
            "x-amz-content-sha256", io.cairn.s3.auth.PayloadStreams.UNSIGNED_PAYLOAD),
        new byte[0]);

    RawHttp.Response get = raw.signed(S3TestServer.ALICE, "GET", "/latin1-meta/k", null,
        java.util.Map.of("host", "127.0.0.1",
            "x-amz-content-sha256", io.cairn.s3.auth.PayloadStreams.UNSIGNED_PAYLOAD), null);

    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(get.headers()).containsEntry("x-amz-meta-greeting", "Hello World\u00e9");
  }

  @Test
  void multipartUpload_withChecksumAlgorithm_getsACompositeChecksum() throws Exception {
    alice.createBucket(b -> b.bucket("composite"));
    var sha256 = software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256;
    var created = alice.createMultipartUpload(b -> b.bucket("composite").key("k")
        .checksumAlgorithm(sha256));
    String id = created.uploadId();
    byte[] first = new byte[(int) S3TestServer.MIN_PART];
    byte[] second = "tail".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var p1 = alice.uploadPart(b -> b.bucket("composite").key("k").uploadId(id).partNumber(1)
        .checksumAlgorithm(sha256), RequestBody.fromBytes(first));
    var p2 = alice.uploadPart(b -> b.bucket("composite").key("k").uploadId(id).partNumber(2)
        .checksumAlgorithm(sha256), RequestBody.fromBytes(second));
    var md = java.security.MessageDigest.getInstance("SHA-256");
    md.update(md.digest(first));
    md.update(java.security.MessageDigest.getInstance("SHA-256").digest(second));
    String expected = java.util.Base64.getEncoder().encodeToString(md.digest()) + "-2";

    assertThatThrownBy(() -> alice.completeMultipartUpload(b -> b.bucket("composite").key("k")
        .uploadId(id).multipartUpload(m -> m.parts(
            p -> p.partNumber(1).eTag(p1.eTag()).checksumSHA256(p2.checksumSHA256()),
            p -> p.partNumber(2).eTag(p2.eTag()).checksumSHA256(p2.checksumSHA256())))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("BadDigest"));
    var done = alice.completeMultipartUpload(b -> b.bucket("composite").key("k").uploadId(id)
        .multipartUpload(m -> m.parts(
            p -> p.partNumber(1).eTag(p1.eTag()).checksumSHA256(p1.checksumSHA256()),
            p -> p.partNumber(2).eTag(p2.eTag()))));

    assertThat(created.checksumAlgorithm()).isEqualTo(sha256);
    assertThat(done.checksumSHA256()).isEqualTo(expected);
    assertThat(alice.headObject(b -> b.bucket("composite").key("k")
        .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED))
        .checksumSHA256()).isEqualTo(expected);
  }

  @Test
  void unconfiguredSubResources_readAsAbsent_deleteAsNoOp_aclIsTheOwners() {
    alice.createBucket(b -> b.bucket("no-config"));
    alice.putObject(b -> b.bucket("no-config").key("k"), RequestBody.fromString("x"));

    assertThatThrownBy(() -> alice.getBucketCors(b -> b.bucket("no-config")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchCORSConfiguration"))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> alice.getBucketTagging(b -> b.bucket("no-config")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchTagSet"));
    assertThatThrownBy(() -> alice.getBucketPolicy(b -> b.bucket("no-config")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchBucketPolicy"));
    alice.deleteBucketCors(b -> b.bucket("no-config"));
    assertThat(alice.getObjectTagging(b -> b.bucket("no-config").key("k")).tagSet()).isEmpty();
    assertThat(alice.getBucketLogging(b -> b.bucket("no-config")).loggingEnabled()).isNull();

    var acl = alice.getBucketAcl(b -> b.bucket("no-config"));
    assertThat(acl.owner().id()).isEqualTo("alice");
    assertThat(acl.grants()).singleElement().satisfies(g -> {
      assertThat(g.permissionAsString()).isEqualTo("FULL_CONTROL");
      assertThat(g.grantee().typeAsString()).isEqualTo("CanonicalUser");
      assertThat(g.grantee().id()).isEqualTo("alice");
    });
    alice.putObjectAcl(b -> b.bucket("no-config").key("k")
        .acl(software.amazon.awssdk.services.s3.model.ObjectCannedACL.PRIVATE));
    assertThatThrownBy(() -> alice.putBucketPolicy(b -> b.bucket("no-config").policy("{}")))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(501));
  }
}
