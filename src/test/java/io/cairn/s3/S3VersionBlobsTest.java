package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.blob.NoSuchBlobException;
import io.cairn.objects.ObjectService;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * What versions cost in the blob store: a version shares what it can, tag changes and delete
 * markers write no data, removed versions give their blob back. One server per test, so blob
 * retirements of one test cannot disturb another's measurements.
 */
class S3VersionBlobsTest {
  @TempDir Path dir;
  private S3TestServer server;
  private S3Client s3;

  @BeforeEach
  void start() throws Exception {
    server = new S3TestServer(dir);
    s3 = server.client(S3TestServer.ALICE, true);
    s3.createBucket(b -> b.bucket("vers"));
    s3.putBucketVersioning(b -> b.bucket("vers")
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
  }

  @AfterEach
  void stop() throws Exception {
    s3.close();
    server.close();
  }

  private void versioning(BucketVersioningStatus status) {
    s3.putBucketVersioning(b -> b.bucket("vers").versioningConfiguration(c -> c.status(status)));
  }

  private long blobOf(String key, String versionId) throws Exception {
    return server.catalog.objects().version("vers", key, versionId).orElseThrow().blobId();
  }

  @Test
  void versionsCopiesAndTagChanges_appendNoObjectDataToTheLog() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(7).nextBytes(data);
    String v1 = s3.putObject(b -> b.bucket("vers").key("big"), RequestBody.fromBytes(data))
        .versionId();
    data[0]++;
    String v2 = s3.putObject(b -> b.bucket("vers").key("big"), RequestBody.fromBytes(data))
        .versionId();
    long blobsBefore = server.blobs.stats().blobs();
    long before = server.blobs.stats().logBytes();

    s3.putObjectTagging(b -> b.bucket("vers").key("big").versionId(v1)
        .tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build())));
    s3.deleteObjectTagging(b -> b.bucket("vers").key("big"));
    s3.putBucketTagging(b -> b.bucket("vers")
        .tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build())));
    String marker = s3.deleteObject(b -> b.bucket("vers").key("big")).versionId();
    s3.deleteObject(b -> b.bucket("vers").key("big").versionId(marker));
    versioning(BucketVersioningStatus.SUSPENDED);
    versioning(BucketVersioningStatus.ENABLED);
    // Tags, delete markers and versioning states are catalog rows only.
    assertThat(server.blobs.stats().logBytes()).isEqualTo(before);
    assertThat(server.blobs.stats().blobs()).isEqualTo(blobsBefore);

    s3.copyObject(b -> b.sourceBucket("vers").sourceKey("big").sourceVersionId(v1)
        .destinationBucket("vers").destinationKey("big"));
    s3.copyObject(b -> b.sourceBucket("vers").sourceKey("big").sourceVersionId(v2)
        .destinationBucket("vers").destinationKey("other"));
    // Two new versions, each a blob linking its source's data: metadata records only.
    assertThat(server.blobs.stats().blobs()).isEqualTo(blobsBefore + 2);
    assertThat(server.blobs.stats().logBytes() - before).isLessThan(data.length / 16);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("vers").key("other")).asByteArray())
        .isEqualTo(data);
  }

  @Test
  void deleteVersion_retiresItsBlob_whileOverwrittenVersionsAndMarkersKeepTheirs()
      throws Exception {
    String v1 = s3.putObject(b -> b.bucket("vers").key("k"), RequestBody.fromString(blobSized("one")))
        .versionId();
    String v2 = s3.putObject(b -> b.bucket("vers").key("k"), RequestBody.fromString(blobSized("two")))
        .versionId();
    s3.deleteObject(b -> b.bucket("vers").key("k"));
    long blob1 = blobOf("k", v1);
    assertThat(blob1).as("a blob-backed version").isNotZero();
    long blob2 = blobOf("k", v2);

    s3.deleteObject(b -> b.bucket("vers").key("k").versionId(v1));
    // Retirement waits out a grace period (2 s in tests) for reads under way.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (blobExists(blob1) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThatThrownBy(() -> server.blobs.open(blob1)).isInstanceOf(NoSuchBlobException.class);
    // v2 was overwritten (by nothing: a delete marker) before v1 went, and still has its bytes.
    assertThat(blobExists(blob2)).isTrue();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("vers").key("k").versionId(v2)).asUtf8String())
        .isEqualTo(blobSized("two"));
  }

  @Test
  void suspendedOverwrite_retiresTheReplacedNullVersionsBlob() throws Exception {
    versioning(BucketVersioningStatus.SUSPENDED);
    s3.putObject(b -> b.bucket("vers").key("k"), RequestBody.fromString(blobSized("first")));
    long first = blobOf("k", "null");
    assertThat(first).as("a blob-backed version").isNotZero();
    s3.putObject(b -> b.bucket("vers").key("k"), RequestBody.fromString(blobSized("second")));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (blobExists(first) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(blobExists(first)).isFalse();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("vers").key("k")).asUtf8String())
        .isEqualTo(blobSized("second"));
  }

  /** {@code text} repeated past the inline limit, so the object has a blob of its own. */
  private static String blobSized(String text) {
    return text.repeat(ObjectService.DEFAULT_INLINE_MAX / text.length() + 1);
  }

  private boolean blobExists(long blobId) throws Exception {
    try {
      server.blobs.open(blobId);
      return true;
    } catch (NoSuchBlobException e) {
      return false;
    }
  }
}
