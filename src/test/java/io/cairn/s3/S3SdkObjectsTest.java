package io.cairn.s3;

import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Buckets and objects through the AWS SDK for Java v2, with and without request checksums. */
class S3SdkObjectsTest {
  private static S3TestServer server;
  private static S3Client alice;
  private static S3Client aliceNoChecksums;
  private static S3Client bob;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, true);
    aliceNoChecksums = server.client(S3TestServer.ALICE, false);
    bob = server.client(S3TestServer.BOB, true);
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    aliceNoChecksums.close();
    bob.close();
    server.close();
  }

  private static S3Client client(boolean checksums) {
    return checksums ? alice : aliceNoChecksums;
  }

  static String md5Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  @Test
  void listBuckets_showsOnlyTheCallersBuckets() {
    alice.createBucket(b -> b.bucket("alice-list"));
    bob.createBucket(b -> b.bucket("bob-list"));
    assertThat(alice.listBuckets().buckets()).extracting(b -> b.name())
        .contains("alice-list").doesNotContain("bob-list");
    assertThat(bob.listBuckets().buckets()).extracting(b -> b.name())
        .contains("bob-list").doesNotContain("alice-list");
  }

  @Test
  void createBucket_existingName_succeedsForOwnerInUsEast1_alreadyExistsForOthers() {
    alice.createBucket(b -> b.bucket("taken-name"));
    alice.createBucket(b -> b.bucket("taken-name"));
    assertThatThrownBy(() -> bob.createBucket(b -> b.bucket("taken-name")))
        .isInstanceOf(BucketAlreadyExistsException.class);
  }

  @Test
  void createBucket_invalidName_isInvalidBucketName() {
    assertThatThrownBy(() -> alice.createBucket(b -> b.bucket("xn--bucket-name")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
            .isEqualTo("InvalidBucketName"));
  }

  @Test
  void headBucket_missingOrForeign_is404Or403() {
    bob.createBucket(b -> b.bucket("bob-private"));
    assertThatThrownBy(() -> alice.headBucket(b -> b.bucket("no-such-bucket-x")))
        .isInstanceOf(NoSuchBucketException.class);
    assertThatThrownBy(() -> alice.headBucket(b -> b.bucket("bob-private")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
  }

  @Test
  void deleteBucket_onlyWhenEmpty() {
    alice.createBucket(b -> b.bucket("to-delete"));
    alice.putObject(b -> b.bucket("to-delete").key("k"), RequestBody.fromString("x"));
    assertThatThrownBy(() -> alice.deleteBucket(b -> b.bucket("to-delete")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
            .isEqualTo("BucketNotEmpty"));
    alice.deleteObject(b -> b.bucket("to-delete").key("k"));
    alice.deleteBucket(b -> b.bucket("to-delete"));
    assertThatThrownBy(() -> alice.headBucket(b -> b.bucket("to-delete")))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void getBucketLocation_isUsEast1() {
    alice.createBucket(b -> b.bucket("located"));
    assertThat(alice.getBucketLocation(b -> b.bucket("located")).locationConstraintAsString())
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void putObject_thenGet_returnsBytesMetadataAndMd5ETag(boolean checksums) throws Exception {
    S3Client s3 = client(checksums);
    String bucket = "roundtrip-" + checksums;
    s3.createBucket(b -> b.bucket(bucket));
    byte[] data = new byte[300_000];
    new java.util.Random(1).nextBytes(data);
    s3.putObject(b -> b.bucket(bucket).key("dir/file one+two.bin").contentType("text/plain")
        .contentDisposition("attachment").contentLanguage("fr").cacheControl("no-cache")
        .expires(Instant.parse("2030-01-01T00:00:00Z"))
        .metadata(Map.of("color", "blue", "shape", "round")), RequestBody.fromBytes(data));
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/file one+two.bin"));
    assertThat(got.asByteArray()).isEqualTo(data);
    GetObjectResponse r = got.response();
    assertThat(r.eTag()).isEqualTo("\"" + md5Hex(data) + "\"");
    assertThat(r.contentType()).isEqualTo("text/plain");
    assertThat(r.contentDisposition()).isEqualTo("attachment");
    assertThat(r.contentLanguage()).isEqualTo("fr");
    assertThat(r.cacheControl()).isEqualTo("no-cache");
    assertThat(r.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(r.metadata()).containsEntry("color", "blue").containsEntry("shape", "round");
    assertThat(r.contentLength()).isEqualTo(data.length);
  }

  @Test
  void putObject_withCrc32Trailer_returnsTheChecksumWhenAsked() throws Exception {
    alice.createBucket(b -> b.bucket("checksums"));
    byte[] data = "checksummed content".getBytes(StandardCharsets.UTF_8);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    String expected = java.util.Base64.getEncoder().encodeToString(
        java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    var put = alice.putObject(b -> b.bucket("checksums").key("c")
        .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32),
        RequestBody.fromBytes(data));
    assertThat(put.checksumCRC32()).isEqualTo(expected);
    var got = alice.getObjectAsBytes(b -> b.bucket("checksums").key("c")
        .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().checksumCRC32()).isEqualTo(expected);
    var ranged = alice.getObjectAsBytes(b -> b.bucket("checksums").key("c").range("bytes=0-3")
        .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED));
    assertThat(ranged.response().checksumCRC32()).isNull();
    assertThat(alice.headObject(b -> b.bucket("checksums").key("c")
        .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED))
        .checksumCRC32()).isEqualTo(expected);
  }

  @Test
  void putObject_emptyBody_isStored() throws Exception {
    alice.createBucket(b -> b.bucket("empties"));
    alice.putObject(b -> b.bucket("empties").key("empty"), RequestBody.empty());
    HeadObjectResponse head = alice.headObject(b -> b.bucket("empties").key("empty"));
    assertThat(head.contentLength()).isZero();
    assertThat(head.eTag()).isEqualTo("\"" + md5Hex(new byte[0]) + "\"");
    assertThat(alice.getObjectAsBytes(b -> b.bucket("empties").key("empty")).asByteArray())
        .isEmpty();
  }

  @Test
  void putObject_withBadContentMd5_isBadDigestAndNotStored() {
    aliceNoChecksums.createBucket(b -> b.bucket("digests"));
    String wrongMd5 = java.util.Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> aliceNoChecksums.putObject(
        b -> b.bucket("digests").key("bad").contentMD5(wrongMd5), RequestBody.fromString("hello")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
            .isEqualTo("BadDigest"));
    assertThatThrownBy(() -> aliceNoChecksums.headObject(b -> b.bucket("digests").key("bad")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void getObject_missingKey_isNoSuchKey() {
    alice.createBucket(b -> b.bucket("missing-keys"));
    assertThatThrownBy(() -> alice.getObjectAsBytes(b -> b.bucket("missing-keys").key("nope")))
        .isInstanceOf(NoSuchKeyException.class);
    assertThatThrownBy(() -> alice.getObjectAsBytes(b -> b.bucket("no-such-bkt").key("nope")))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void getObject_withRange_returnsThoseBytes() {
    alice.createBucket(b -> b.bucket("ranges"));
    alice.putObject(b -> b.bucket("ranges").key("r"), RequestBody.fromString("0123456789"));
    var got = alice.getObjectAsBytes(b -> b.bucket("ranges").key("r").range("bytes=2-5"));
    assertThat(got.asUtf8String()).isEqualTo("2345");
    assertThat(got.response().contentRange()).isEqualTo("bytes 2-5/10");
    assertThat(alice.getObjectAsBytes(b -> b.bucket("ranges").key("r").range("bytes=-3"))
        .asUtf8String()).isEqualTo("789");
    assertThat(alice.getObjectAsBytes(b -> b.bucket("ranges").key("r").range("bytes=7-"))
        .asUtf8String()).isEqualTo("789");
    assertThatThrownBy(
        () -> alice.getObjectAsBytes(b -> b.bucket("ranges").key("r").range("bytes=10-20")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> {
          assertThat(((S3Exception) e).statusCode()).isEqualTo(416);
          assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
        });
  }

  @Test
  void getObject_conditionalHeaders_give304And412() {
    alice.createBucket(b -> b.bucket("conditions"));
    String etag = alice.putObject(b -> b.bucket("conditions").key("c"),
        RequestBody.fromString("abc")).eTag();
    assertThat(alice.getObjectAsBytes(b -> b.bucket("conditions").key("c").ifMatch(etag))
        .asUtf8String()).isEqualTo("abc");
    assertThatThrownBy(() -> alice.getObjectAsBytes(
        b -> b.bucket("conditions").key("c").ifMatch("\"other\"")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
    assertThatThrownBy(() -> alice.getObjectAsBytes(
        b -> b.bucket("conditions").key("c").ifNoneMatch(etag)))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(304));
    Instant future = Instant.now().plusSeconds(3600);
    assertThatThrownBy(() -> alice.getObjectAsBytes(
        b -> b.bucket("conditions").key("c").ifModifiedSince(future)))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(304));
    Instant past = Instant.now().minusSeconds(3600);
    assertThatThrownBy(() -> alice.getObjectAsBytes(
        b -> b.bucket("conditions").key("c").ifUnmodifiedSince(past)))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
    assertThat(alice.getObjectAsBytes(
        b -> b.bucket("conditions").key("c").ifModifiedSince(past)).asUtf8String())
        .isEqualTo("abc");
  }

  @Test
  void deleteObject_missingKey_succeeds() {
    alice.createBucket(b -> b.bucket("deletes"));
    alice.putObject(b -> b.bucket("deletes").key("a"), RequestBody.fromString("a"));
    alice.deleteObject(b -> b.bucket("deletes").key("a"));
    alice.deleteObject(b -> b.bucket("deletes").key("a"));
    assertThatThrownBy(() -> alice.headObject(b -> b.bucket("deletes").key("a")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void deleteObjects_verboseListsDeletedAndQuietListsNothing(boolean quiet) {
    String bucket = "multi-delete-" + quiet;
    alice.createBucket(b -> b.bucket(bucket));
    for (String k : List.of("a", "b", "c")) {
      alice.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
    }
    DeleteObjectsResponse r = alice.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(quiet)
        .objects(ObjectIdentifier.builder().key("a").build(),
            ObjectIdentifier.builder().key("b").build(),
            ObjectIdentifier.builder().key("zz").build())));
    if (quiet) {
      assertThat(r.deleted()).isEmpty();
    } else {
      assertThat(r.deleted()).extracting(d -> d.key()).containsExactly("a", "b", "zz");
    }
    assertThat(r.errors()).isEmpty();
    assertThat(alice.listObjectsV2(b -> b.bucket(bucket)).contents())
        .extracting(o -> o.key()).containsExactly("c");
  }

  @Test
  void copyObject_copyAndReplaceDirectives() {
    alice.createBucket(b -> b.bucket("copies"));
    String etag = alice.putObject(b -> b.bucket("copies").key("src").contentType("text/x-src")
        .metadata(Map.of("m", "1")), RequestBody.fromString("copy me")).eTag();
    CopyObjectResponse copied = alice.copyObject(b -> b.sourceBucket("copies").sourceKey("src")
        .destinationBucket("copies").destinationKey("dst copy"));
    assertThat(copied.copyObjectResult().eTag()).isEqualTo(etag);
    var got = alice.getObjectAsBytes(b -> b.bucket("copies").key("dst copy"));
    assertThat(got.asUtf8String()).isEqualTo("copy me");
    assertThat(got.response().contentType()).isEqualTo("text/x-src");
    assertThat(got.response().metadata()).containsEntry("m", "1");

    alice.copyObject(b -> b.sourceBucket("copies").sourceKey("src")
        .destinationBucket("copies").destinationKey("src")
        .metadataDirective(MetadataDirective.REPLACE).contentType("text/new")
        .metadata(Map.of("n", "2")));
    var head = alice.headObject(b -> b.bucket("copies").key("src"));
    assertThat(head.contentType()).isEqualTo("text/new");
    assertThat(head.metadata()).containsOnlyKeys("n");
  }

  @Test
  void copyObject_failedCopySourceCondition_isPreconditionFailed() {
    alice.createBucket(b -> b.bucket("copy-conditions"));
    alice.putObject(b -> b.bucket("copy-conditions").key("src"), RequestBody.fromString("x"));
    assertThatThrownBy(() -> alice.copyObject(b -> b.sourceBucket("copy-conditions")
        .sourceKey("src").destinationBucket("copy-conditions").destinationKey("dst")
        .copySourceIfMatch("\"nope\"")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
            .isEqualTo("PreconditionFailed"));
    assertThatThrownBy(() -> alice.headObject(b -> b.bucket("copy-conditions").key("dst")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void objectsOfAnotherUser_areAccessDenied() {
    bob.createBucket(b -> b.bucket("bob-objects"));
    bob.putObject(b -> b.bucket("bob-objects").key("k"), RequestBody.fromString("secret"));
    assertThatThrownBy(() -> alice.getObjectAsBytes(b -> b.bucket("bob-objects").key("k")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
            .isEqualTo("AccessDenied"));
  }

  @Test
  void keysWithSpecialCharacters_roundTrip() {
    alice.createBucket(b -> b.bucket("special-keys"));
    List<String> keys = List.of("a b", "a+b", "ü/ñ/日本", "x?y=z&w", "semi;colon", "per%cent",
        "tilde~star*", "dots/../up", "double//slash", "trailing/");
    for (String k : keys) {
      alice.putObject(b -> b.bucket("special-keys").key(k), RequestBody.fromString(k));
    }
    for (String k : keys) {
      assertThat(alice.getObjectAsBytes(b -> b.bucket("special-keys").key(k)).asUtf8String())
          .isEqualTo(k);
    }
    assertThat(alice.listObjectsV2(b -> b.bucket("special-keys")).contents())
        .extracting(o -> o.key()).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(new String("x".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo("x");
  }
}
