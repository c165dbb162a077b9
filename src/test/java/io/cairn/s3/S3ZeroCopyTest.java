package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Copy, compose, metadata updates and new versions append no object data to the log: each is
 * measured on the log's appended payload bytes around one request on a 64 MiB object.
 */
class S3ZeroCopyTest {
  private static final int SIZE = 64 << 20;
  /** What one operation may append: extent-map events, never data (64 MiB here). */
  private static final long METADATA_ONLY = 16 << 10;

  private static S3TestServer server;
  private static S3Client alice;
  private static byte[] data;
  private static String etag;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, false);
    alice.createBucket(b -> b.bucket("zcb"));
    data = S3ComposeTest.random(SIZE, 64);
    long before = appended();
    etag = alice.putObject(p -> p.bucket("zcb").key("big"), RequestBody.fromBytes(data)).eTag();
    // The measure sees data: the PUT itself appended the whole object.
    assertThat(appended() - before).isGreaterThanOrEqualTo(SIZE);
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    server.close();
  }

  private static long appended() {
    return server.log.stats().payloadBytes();
  }

  private static long appendedBy(Runnable operation) {
    long before = appended();
    operation.run();
    return appended() - before;
  }

  private static byte[] get(String bucket, String key) {
    return alice.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
  }

  @Test
  void copyObject_appendsNoData() {
    long n = appendedBy(() -> alice.copyObject(c -> c.sourceBucket("zcb").sourceKey("big")
        .destinationBucket("zcb").destinationKey("copy")));

    assertThat(n).isLessThan(METADATA_ONLY);
    assertThat(get("zcb", "copy")).isEqualTo(data);
  }

  @Test
  void compose_appendsNoData() throws Exception {
    SdkSignedHttp http = new SdkSignedHttp(server.endpoint(), S3TestServer.ALICE);
    HttpResponse<String>[] reply = new HttpResponse[1];
    long n = appendedBy(() -> {
      try {
        reply[0] = http.send("POST", "/zcb/twice?compose", Map.of(), "<ComposeRequest>"
            + S3ComposeTest.source("big") + S3ComposeTest.source("big") + "</ComposeRequest>");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(reply[0].statusCode()).as(reply[0].body()).isEqualTo(200);
    assertThat(n).isLessThan(2 * METADATA_ONLY);
    assertThat(get("zcb", "twice")).isEqualTo(S3ComposeTest.concat(data, data));
  }

  @Test
  void copyOntoItselfWithReplace_updatesMetadataOnlyAndKeepsTheEtag() {
    alice.copyObject(c -> c.sourceBucket("zcb").sourceKey("big").destinationBucket("zcb")
        .destinationKey("meta"));

    long n = appendedBy(() -> alice.copyObject(c -> c.sourceBucket("zcb").sourceKey("meta")
        .destinationBucket("zcb").destinationKey("meta")
        .metadataDirective(MetadataDirective.REPLACE).contentType("video/mp4")
        .metadata(Map.of("label", "new"))));

    assertThat(n).isLessThan(METADATA_ONLY);
    HeadObjectResponse head = alice.headObject(h -> h.bucket("zcb").key("meta"));
    assertThat(head.eTag()).isEqualTo(etag);
    assertThat(head.contentType()).isEqualTo("video/mp4");
    assertThat(head.metadata()).containsExactly(Map.entry("label", "new"));
    assertThat(get("zcb", "meta")).isEqualTo(data);
    // S3: copying an object onto itself without changing anything is refused.
    assertThatThrownBy(() -> alice.copyObject(c -> c.sourceBucket("zcb").sourceKey("meta")
        .destinationBucket("zcb").destinationKey("meta")))
        .isInstanceOfSatisfying(S3Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));
  }

  @Test
  void newVersionByCopy_inAVersionedBucket_appendsNoDataAndKeepsTheOldVersion() throws Exception {
    alice.createBucket(b -> b.bucket("zcv"));
    alice.putBucketVersioning(v -> v.bucket("zcv")
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    alice.copyObject(c -> c.sourceBucket("zcb").sourceKey("big").destinationBucket("zcv")
        .destinationKey("v"));

    long n = appendedBy(() -> alice.copyObject(c -> c.sourceBucket("zcv").sourceKey("v")
        .destinationBucket("zcv").destinationKey("v")
        .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("rev", "2"))));

    assertThat(n).isLessThan(METADATA_ONLY);
    assertThat(alice.listObjectVersions(l -> l.bucket("zcv")).versions()).hasSize(2);
    assertThat(get("zcv", "v")).isEqualTo(data);
  }
}
