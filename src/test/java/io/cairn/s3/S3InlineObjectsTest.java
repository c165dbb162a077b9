package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.objects.ObjectService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Small objects through the AWS SDK: stored in the catalog row (no blob, no log bytes, one commit)
 * and indistinguishable from blob-backed ones to clients.
 */
class S3InlineObjectsTest {
  private static final int MAX = ObjectService.DEFAULT_INLINE_MAX;

  @TempDir Path dir;
  private S3TestServer server;
  private S3Client s3;

  @BeforeEach
  void start() throws Exception {
    server = new S3TestServer(dir);
    s3 = server.client(S3TestServer.ALICE, false);
    s3.createBucket(b -> b.bucket("small"));
  }

  @AfterEach
  void stop() throws Exception {
    s3.close();
    server.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static String etag(byte[] data) throws Exception {
    return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"";
  }

  private void put(String key, byte[] data) {
    s3.putObject(b -> b.bucket("small").key(key), RequestBody.fromBytes(data));
  }

  private byte[] get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket("small").key(key)).asByteArray();
  }

  private long blobOf(String key) throws Exception {
    return server.catalog.objects().latest("small", key).orElseThrow().blobId();
  }

  @Test
  void put4KiB_appendsNothingToTheLog_commitsOnce_andReadsBack() throws Exception {
    byte[] data = random(4096, 1);
    long logBefore = server.log.stats().payloadBytes();
    long appendsBefore = server.log.stats().appends();
    long writesBefore = server.catalog.groupCommitCounts()[1];

    String etag = s3.putObject(b -> b.bucket("small").key("k"), RequestBody.fromBytes(data))
        .eTag();

    assertThat(server.log.stats().payloadBytes()).isEqualTo(logBefore);
    assertThat(server.log.stats().appends()).isEqualTo(appendsBefore);
    assertThat(server.catalog.groupCommitCounts()[1] - writesBefore)
        .as("catalog write transactions of one PUT").isEqualTo(1);
    assertThat(server.blobs.blobIds()).isEmpty();
    assertThat(etag).isEqualTo(etag(data));
    assertThat(blobOf("k")).isZero();
    assertThat(get("k")).isEqualTo(data);
  }

  @Test
  void put_withChecksumsAndAwsChunkedBodies_isInline_andExactlyMaxToo_butNotMaxPlusOne()
      throws Exception {
    try (S3Client chunked = server.client(S3TestServer.ALICE, true)) {
      byte[] max = random(MAX, 2);
      byte[] over = random(MAX + 1, 3);
      chunked.putObject(b -> b.bucket("small").key("max").checksumAlgorithm(ChecksumAlgorithm.CRC32),
          RequestBody.fromBytes(max));
      chunked.putObject(b -> b.bucket("small").key("over")
          .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(over));

      assertThat(blobOf("max")).isZero();
      assertThat(blobOf("over")).isNotZero();
      assertThat(get("max")).isEqualTo(max);
      assertThat(get("over")).isEqualTo(over);
      HeadObjectResponse head = chunked.headObject(h -> h.bucket("small").key("max")
          .checksumMode("ENABLED"));
      assertThat(head.checksumCRC32()).isNotNull();
      assertThat(head.contentLength()).isEqualTo(MAX);
    }
  }

  @Test
  void put_withAWrongChecksum_storesNothing() throws Exception {
    try (S3Client chunked = server.client(S3TestServer.ALICE, true)) {
      assertThatThrownBy(() -> chunked.putObject(b -> b.bucket("small").key("bad")
          .checksumCRC32("AAAAAA=="), RequestBody.fromBytes(random(100, 4))))
          .isInstanceOfSatisfying(S3Exception.class,
              e -> assertThat(e.statusCode()).isEqualTo(400));
    }
    assertThat(server.catalog.objects().latest("small", "bad")).isEmpty();
    assertThatThrownBy(() -> s3.headObject(h -> h.bucket("small").key("bad")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void getHeadRangePartNumberAndConditions_workOnInlineObjects() throws Exception {
    byte[] data = random(3000, 5);
    put("k", data);
    String etag = etag(data);

    HeadObjectResponse head = s3.headObject(h -> h.bucket("small").key("k"));
    assertThat(head.contentLength()).isEqualTo(3000);
    assertThat(head.eTag()).isEqualTo(etag);
    ResponseBytes<GetObjectResponse> range =
        s3.getObjectAsBytes(g -> g.bucket("small").key("k").range("bytes=100-199"));
    assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 100, 200));
    assertThat(range.response().contentRange()).isEqualTo("bytes 100-199/3000");
    assertThat(s3.getObjectAsBytes(g -> g.bucket("small").key("k").range("bytes=-10"))
        .asByteArray()).isEqualTo(Arrays.copyOfRange(data, 2990, 3000));
    assertThat(s3.getObjectAsBytes(g -> g.bucket("small").key("k").partNumber(1))
        .asByteArray()).isEqualTo(data);
    assertThat(s3.getObjectAsBytes(g -> g.bucket("small").key("k").ifMatch(etag))
        .asByteArray()).isEqualTo(data);
    assertThatThrownBy(() -> s3.getObject(g -> g.bucket("small").key("k").ifNoneMatch(etag)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
    assertThatThrownBy(() -> s3.getObject(g -> g.bucket("small").key("k").ifMatch("\"nope\"")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
  }

  @Test
  void copy_withCopyAndReplaceDirectives_givesInlineCopies() throws Exception {
    byte[] data = random(2000, 6);
    s3.putObject(b -> b.bucket("small").key("src").contentType("text/plain")
        .metadata(Map.of("a", "1")), RequestBody.fromBytes(data));

    s3.copyObject(c -> c.sourceBucket("small").sourceKey("src")
        .destinationBucket("small").destinationKey("kept"));
    s3.copyObject(c -> c.sourceBucket("small").sourceKey("src")
        .destinationBucket("small").destinationKey("replaced")
        .metadataDirective(MetadataDirective.REPLACE).contentType("application/x-new")
        .metadata(Map.of("b", "2")));

    assertThat(blobOf("kept")).isZero();
    assertThat(blobOf("replaced")).isZero();
    assertThat(server.blobs.blobIds()).isEmpty();
    HeadObjectResponse kept = s3.headObject(h -> h.bucket("small").key("kept"));
    HeadObjectResponse replaced = s3.headObject(h -> h.bucket("small").key("replaced"));
    assertThat(kept.metadata()).containsExactly(Map.entry("a", "1"));
    assertThat(kept.contentType()).isEqualTo("text/plain");
    assertThat(replaced.metadata()).containsExactly(Map.entry("b", "2"));
    assertThat(replaced.contentType()).isEqualTo("application/x-new");
    assertThat(get("kept")).isEqualTo(data);
    assertThat(get("replaced")).isEqualTo(data);
  }

  @Test
  void compose_andUploadPartCopy_fromInlineSources_readTheirBytes() throws Exception {
    byte[] small = random(500, 7);
    byte[] big = random(6 << 20, 8);
    put("s", small);
    put("big", big);

    SdkSignedHttp http = new SdkSignedHttp(server.endpoint(), S3TestServer.ALICE);
    HttpResponse<String> reply = http.send("POST", "/small/composed?compose", Map.of(),
        "<ComposeRequest><Source><Key>s</Key></Source><Source><Key>big</Key></Source>"
            + "</ComposeRequest>");
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    assertThat(get("composed")).isEqualTo(S3ComposeTest.concat(small, big));

    String id = s3.createMultipartUpload(c -> c.bucket("small").key("mp")).uploadId();
    String e1 = s3.uploadPartCopy(u -> u.sourceBucket("small").sourceKey("big")
        .destinationBucket("small").destinationKey("mp").uploadId(id).partNumber(1))
        .copyPartResult().eTag();
    String e2 = s3.uploadPartCopy(u -> u.sourceBucket("small").sourceKey("s")
        .destinationBucket("small").destinationKey("mp").uploadId(id).partNumber(2)
        .copySourceRange("bytes=10-109")).copyPartResult().eTag();
    s3.completeMultipartUpload(c -> c.bucket("small").key("mp").uploadId(id)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
            CompletedPart.builder().partNumber(2).eTag(e2).build())));

    assertThat(e2).isEqualTo(etag(Arrays.copyOfRange(small, 10, 110)));
    assertThat(blobOf("mp")).isNotZero();
    assertThat(get("mp")).isEqualTo(S3ComposeTest.concat(big, Arrays.copyOfRange(small, 10, 110)));
  }

  @Test
  void versionedOverwriteAndDelete_keepEachVersionsBytes_andListingsShowThem() throws Exception {
    s3.putBucketVersioning(b -> b.bucket("small")
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    String v1 = s3.putObject(b -> b.bucket("small").key("k"), RequestBody.fromString("one"))
        .versionId();
    String v2 = s3.putObject(b -> b.bucket("small").key("k"), RequestBody.fromString("second"))
        .versionId();
    s3.deleteObject(b -> b.bucket("small").key("k"));

    assertThatThrownBy(() -> get("k"))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThat(s3.getObjectAsBytes(g -> g.bucket("small").key("k").versionId(v1)).asUtf8String())
        .isEqualTo("one");
    assertThat(s3.getObjectAsBytes(g -> g.bucket("small").key("k").versionId(v2)).asUtf8String())
        .isEqualTo("second");
    List<ObjectVersion> versions = s3.listObjectVersions(l -> l.bucket("small")).versions();
    assertThat(versions).extracting(ObjectVersion::size).containsExactly(6L, 3L);

    s3.deleteObject(b -> b.bucket("small").key("k").versionId(v2));
    List<String> deleteMarkers = s3.listObjectVersions(l -> l.bucket("small")).deleteMarkers()
        .stream().map(m -> m.versionId()).toList();
    s3.deleteObject(b -> b.bucket("small").key("k").versionId(deleteMarkers.get(0)));
    assertThat(get("k")).isEqualTo("one".getBytes());
    List<S3Object> listed = s3.listObjectsV2(l -> l.bucket("small")).contents();
    assertThat(listed).singleElement().satisfies(o -> {
      assertThat(o.size()).isEqualTo(3L);
      assertThat(o.eTag()).isEqualTo(etag("one".getBytes()));
    });
    assertThat(server.blobs.blobIds()).isEmpty();
  }

  @Test
  void restart_keepsInlineObjects() throws Exception {
    byte[] data = random(10_000, 9);
    put("k", data);
    s3.close();
    server.close();
    server = new S3TestServer(dir);
    s3 = server.client(S3TestServer.ALICE, false);
    assertThat(get("k")).isEqualTo(data);
    assertThat(blobOf("k")).isZero();
  }

  @Test
  void corruptedRow_isAnInternalErrorNotBadBytes() throws Exception {
    put("k", "the right bytes".getBytes());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
        PreparedStatement s = c.prepareStatement(
            "UPDATE objects SET inline_body = ? WHERE object_key = 'k'")) {
      s.setBytes(1, "the wrong bytes".getBytes());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    assertThatThrownBy(() -> get("k"))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    // Its metadata is intact: HEAD answers, and the object can be deleted.
    assertThat(s3.headObject(h -> h.bucket("small").key("k")).contentLength()).isEqualTo(15);
    s3.deleteObject(b -> b.bucket("small").key("k"));
    assertThat(server.catalog.objects().latest("small", "k")).isEmpty();
  }
}
