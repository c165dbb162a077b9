package io.cairn.s3;

import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Multipart uploads through the AWS SDK for Java v2. */
class S3SdkMultipartTest {
  private static final int MIB = 1 << 20;
  private static S3TestServer server;
  private static S3Client alice;
  private static S3Client aliceNoChecksums;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, true);
    aliceNoChecksums = server.client(S3TestServer.ALICE, false);
    alice.createBucket(b -> b.bucket("mpu"));
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    aliceNoChecksums.close();
    server.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String errorCode(Throwable e) {
    return ((S3Exception) e).awsErrorDetails().errorCode();
  }

  private static CompletedPart part(int n, String etag) {
    return CompletedPart.builder().partNumber(n).eTag(etag).build();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void completeUpload_joinsPartsWithMultipartETag(boolean checksums) throws Exception {
    S3Client s3 = checksums ? alice : aliceNoChecksums;
    String key = "big-" + checksums;
    byte[] p1 = random(5 * MIB, 1);
    byte[] p2 = random(MIB + 7, 2);
    String id = s3.createMultipartUpload(b -> b.bucket("mpu").key(key).contentType("video/x"))
        .uploadId();
    String e1 = s3.uploadPart(b -> b.bucket("mpu").key(key).uploadId(id).partNumber(1),
        RequestBody.fromBytes(p1)).eTag();
    String e2 = s3.uploadPart(b -> b.bucket("mpu").key(key).uploadId(id).partNumber(2),
        RequestBody.fromBytes(p2)).eTag();
    long logBefore = server.blobs.stats().logBytes();
    String etag = s3.completeMultipartUpload(b -> b.bucket("mpu").key(key).uploadId(id)
        .multipartUpload(m -> m.parts(part(1, e1), part(2, e2)))).eTag();

    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(HexFormat.of().parseHex(e1.replace("\"", "")));
    md5.update(HexFormat.of().parseHex(e2.replace("\"", "")));
    assertThat(etag).isEqualTo("\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"");
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(p1);
    all.write(p2);
    var got = s3.getObjectAsBytes(b -> b.bucket("mpu").key(key));
    assertThat(got.asByteArray()).isEqualTo(all.toByteArray());
    assertThat(got.response().contentType()).isEqualTo("video/x");
    assertThat(got.response().eTag()).isEqualTo(etag);
    // A range across the part boundary, read in more than one chunk of the server's read-ahead.
    byte[] range = s3.getObjectAsBytes(b -> b.bucket("mpu").key(key)
        .range("bytes=1000-" + (5 * MIB + 500))).asByteArray();
    assertThat(range).isEqualTo(java.util.Arrays.copyOfRange(all.toByteArray(), 1000, 5 * MIB + 501));
    // Completion links the parts' data into the object's blob rather than writing it again.
    assertThat(server.blobs.stats().logBytes() - logBefore).isLessThan(p2.length);
  }

  @Test
  void completeUpload_smallNonLastPart_isEntityTooSmall() {
    String id = alice.createMultipartUpload(b -> b.bucket("mpu").key("small")).uploadId();
    String e1 = alice.uploadPart(b -> b.bucket("mpu").key("small").uploadId(id).partNumber(1),
        RequestBody.fromString("tiny")).eTag();
    String e2 = alice.uploadPart(b -> b.bucket("mpu").key("small").uploadId(id).partNumber(2),
        RequestBody.fromString("tail")).eTag();
    assertThatThrownBy(() -> alice.completeMultipartUpload(b -> b.bucket("mpu").key("small")
        .uploadId(id).multipartUpload(m -> m.parts(part(1, e1), part(2, e2)))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("EntityTooSmall"));
  }

  @Test
  void completeUpload_partsOutOfOrderOrUnknown_isInvalidPartOrderOrInvalidPart() {
    String id = alice.createMultipartUpload(b -> b.bucket("mpu").key("order")).uploadId();
    String e1 = alice.uploadPart(b -> b.bucket("mpu").key("order").uploadId(id).partNumber(1),
        RequestBody.fromBytes(random(5 * MIB, 3))).eTag();
    String e2 = alice.uploadPart(b -> b.bucket("mpu").key("order").uploadId(id).partNumber(2),
        RequestBody.fromString("last")).eTag();
    assertThatThrownBy(() -> alice.completeMultipartUpload(b -> b.bucket("mpu").key("order")
        .uploadId(id).multipartUpload(m -> m.parts(part(2, e2), part(1, e1)))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidPartOrder"));
    assertThatThrownBy(() -> alice.completeMultipartUpload(b -> b.bucket("mpu").key("order")
        .uploadId(id).multipartUpload(m -> m.parts(part(1, e1), part(3, e2)))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidPart"));
    assertThatThrownBy(() -> alice.completeMultipartUpload(b -> b.bucket("mpu").key("order")
        .uploadId(id).multipartUpload(m -> m.parts(part(1, "\"0000\""), part(2, e2)))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidPart"));
    // the upload survives failed completions
    assertThat(alice.listParts(b -> b.bucket("mpu").key("order").uploadId(id)).parts())
        .hasSize(2);
  }

  @Test
  void abortUpload_thenListParts_isNoSuchUpload() {
    String id = alice.createMultipartUpload(b -> b.bucket("mpu").key("aborted")).uploadId();
    alice.uploadPart(b -> b.bucket("mpu").key("aborted").uploadId(id).partNumber(1),
        RequestBody.fromString("x"));
    alice.abortMultipartUpload(b -> b.bucket("mpu").key("aborted").uploadId(id));
    assertThatThrownBy(() -> alice.listParts(b -> b.bucket("mpu").key("aborted").uploadId(id)))
        .isInstanceOf(NoSuchUploadException.class);
    assertThatThrownBy(() -> alice.uploadPart(
        b -> b.bucket("mpu").key("aborted").uploadId(id).partNumber(2), RequestBody.fromString("y")))
        .isInstanceOf(NoSuchUploadException.class);
  }

  @Test
  void listPartsAndUploads_showProgress() {
    alice.createBucket(b -> b.bucket("mp-list"));
    String id1 = alice.createMultipartUpload(b -> b.bucket("mp-list").key("dir/one")).uploadId();
    String id2 = alice.createMultipartUpload(b -> b.bucket("mp-list").key("two")).uploadId();
    for (int n = 1; n <= 3; n++) {
      int number = n;
      alice.uploadPart(b -> b.bucket("mp-list").key("dir/one").uploadId(id1).partNumber(number),
          RequestBody.fromString("part" + number));
    }
    ListPartsResponse parts = alice.listParts(b -> b.bucket("mp-list").key("dir/one")
        .uploadId(id1).maxParts(2));
    assertThat(parts.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
    assertThat(parts.isTruncated()).isTrue();
    ListPartsResponse rest = alice.listParts(b -> b.bucket("mp-list").key("dir/one")
        .uploadId(id1).partNumberMarker(parts.nextPartNumberMarker()));
    assertThat(rest.parts()).extracting(p -> p.partNumber()).containsExactly(3);
    assertThat(rest.parts().get(0).size()).isEqualTo(5);

    var uploads = alice.listMultipartUploads(b -> b.bucket("mp-list"));
    assertThat(uploads.uploads()).extracting(u -> u.key()).containsExactly("dir/one", "two");
    assertThat(uploads.uploads()).extracting(u -> u.uploadId()).containsExactly(id1, id2);
    var rolled = alice.listMultipartUploads(b -> b.bucket("mp-list").delimiter("/"));
    assertThat(rolled.uploads()).extracting(u -> u.key()).containsExactly("two");
    assertThat(rolled.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/");
    alice.abortMultipartUpload(b -> b.bucket("mp-list").key("dir/one").uploadId(id1));
    assertThat(alice.listMultipartUploads(b -> b.bucket("mp-list")).uploads())
        .extracting(u -> u.uploadId()).containsExactly(id2);
    // as in S3, uploads in progress do not keep a bucket from being deleted: they are aborted
    alice.deleteBucket(b -> b.bucket("mp-list"));
  }

  @Test
  void uploadPartCopy_withRange_copiesThatRange() throws Exception {
    byte[] source = random(6 * MIB, 9);
    alice.putObject(b -> b.bucket("mpu").key("copy-source"), RequestBody.fromBytes(source));
    String id = alice.createMultipartUpload(b -> b.bucket("mpu").key("assembled")).uploadId();
    var c1 = alice.uploadPartCopy(b -> b.sourceBucket("mpu").sourceKey("copy-source")
        .destinationBucket("mpu").destinationKey("assembled").uploadId(id).partNumber(1)
        .copySourceRange("bytes=0-" + (5 * MIB - 1)));
    var c2 = alice.uploadPartCopy(b -> b.sourceBucket("mpu").sourceKey("copy-source")
        .destinationBucket("mpu").destinationKey("assembled").uploadId(id).partNumber(2)
        .copySourceRange("bytes=100-199"));
    byte[] first = java.util.Arrays.copyOfRange(source, 0, 5 * MIB);
    assertThat(c1.copyPartResult().eTag())
        .isEqualTo("\"" + S3SdkObjectsTest.md5Hex(first) + "\"");
    alice.completeMultipartUpload(b -> b.bucket("mpu").key("assembled").uploadId(id)
        .multipartUpload(m -> m.parts(part(1, c1.copyPartResult().eTag()),
            part(2, c2.copyPartResult().eTag()))));
    byte[] got = alice.getObjectAsBytes(b -> b.bucket("mpu").key("assembled")).asByteArray();
    assertThat(got).hasSize(5 * MIB + 100);
    assertThat(java.util.Arrays.copyOfRange(got, 0, 5 * MIB)).isEqualTo(first);
    assertThat(java.util.Arrays.copyOfRange(got, 5 * MIB, got.length))
        .isEqualTo(java.util.Arrays.copyOfRange(source, 100, 200));
    assertThatThrownBy(() -> alice.uploadPartCopy(b -> b.sourceBucket("mpu")
        .sourceKey("copy-source").destinationBucket("mpu").destinationKey("assembled")
        .uploadId(id).partNumber(3).copySourceRange("bytes=0-" + (7 * MIB))))
        .satisfies(e -> assertThat(List.of("InvalidRange", "NoSuchUpload"))
            .contains(errorCode(e)));
  }
}
