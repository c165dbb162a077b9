package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/** Object and bucket tagging through the AWS SDK for Java v2, of latest and older versions. */
class S3SdkTaggingTest {
  private static S3TestServer server;
  private static S3Client s3;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    s3 = server.client(S3TestServer.ALICE, true);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    server.close();
  }

  private static Map<String, String> tags(String bucket, String key, String versionId) {
    return s3.getObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId)).tagSet()
        .stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private static List<Tag> tagList(int n, int keyLength, int valueLength) {
    List<Tag> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = (i + "k".repeat(keyLength)).substring(0, keyLength);
      out.add(Tag.builder().key(key).value("v".repeat(valueLength)).build());
    }
    return out;
  }

  private static String errorCode(Throwable e) {
    return ((S3Exception) e).awsErrorDetails().errorCode();
  }

  @Test
  void putGetDeleteObjectTagging_roundTrips_andCountShowsOnGetAndHead() {
    s3.createBucket(b -> b.bucket("tags"));
    s3.putObject(b -> b.bucket("tags").key("k"), RequestBody.fromString("data"));
    assertThat(tags("tags", "k", null)).isEmpty();

    s3.putObjectTagging(b -> b.bucket("tags").key("k").tagging(t -> t.tagSet(
        Tag.builder().key("color").value("blue").build(),
        Tag.builder().key("empty").value("").build())));
    assertThat(tags("tags", "k", null)).containsExactlyInAnyOrderEntriesOf(
        Map.of("color", "blue", "empty", ""));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("tags").key("k")).response().tagCount())
        .isEqualTo(2);
    assertThat(s3.headObject(b -> b.bucket("tags").key("k")).sdkHttpResponse()
        .firstMatchingHeader("x-amz-tagging-count")).contains("2");

    s3.deleteObjectTagging(b -> b.bucket("tags").key("k"));
    assertThat(tags("tags", "k", null)).isEmpty();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("tags").key("k")).response().tagCount())
        .isNull();
    assertThatThrownBy(() -> s3.getObjectTagging(b -> b.bucket("tags").key("missing")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchKey"));
  }

  @Test
  void putObjectTagging_beyondS3Limits_isInvalidTagAndKeepsTheOldSet() {
    s3.createBucket(b -> b.bucket("limits"));
    s3.putObject(b -> b.bucket("limits").key("k").tagging("keep=me"),
        RequestBody.fromString("x"));
    s3.putObjectTagging(b -> b.bucket("limits").key("k")
        .tagging(t -> t.tagSet(tagList(10, 128, 256))));
    assertThat(tags("limits", "k", null)).hasSize(10);
    s3.putObjectTagging(b -> b.bucket("limits").key("k").tagging(t -> t.tagSet(
        Tag.builder().key("keep").value("me").build())));

    for (List<Tag> bad : List.of(tagList(11, 3, 3), tagList(1, 129, 1), tagList(1, 1, 257),
        List.of(Tag.builder().key("dup").value("1").build(),
            Tag.builder().key("dup").value("2").build()))) {
      assertThatThrownBy(() -> s3.putObjectTagging(b -> b.bucket("limits").key("k")
          .tagging(t -> t.tagSet(bad))))
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidTag"))
          .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(400));
    }
    assertThat(tags("limits", "k", null)).containsExactly(Map.entry("keep", "me"));
    assertThatThrownBy(() -> s3.putObject(b -> b.bucket("limits").key("k2")
        .tagging("a=1&a=2"), RequestBody.fromString("x")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidArgument"));
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket("limits").key("k2")))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
  }

  @Test
  void taggingHeader_onPutMultipartAndCopy_withCopyAndReplaceDirectives() {
    s3.createBucket(b -> b.bucket("headers"));
    s3.putObject(b -> b.bucket("headers").key("src").tagging("foo=bar&bar&sp%20ace=a%2Bb"),
        RequestBody.fromString("x"));
    assertThat(tags("headers", "src", null)).containsExactlyInAnyOrderEntriesOf(
        Map.of("foo", "bar", "bar", "", "sp ace", "a+b"));

    s3.copyObject(b -> b.sourceBucket("headers").sourceKey("src")
        .destinationBucket("headers").destinationKey("copied"));
    assertThat(tags("headers", "copied", null)).hasSize(3).containsEntry("foo", "bar");
    s3.copyObject(b -> b.sourceBucket("headers").sourceKey("src")
        .destinationBucket("headers").destinationKey("replaced")
        .taggingDirective(TaggingDirective.REPLACE).tagging("only=this"));
    assertThat(tags("headers", "replaced", null)).containsExactly(Map.entry("only", "this"));

    String upload = s3.createMultipartUpload(b -> b.bucket("headers").key("mpu")
        .tagging("Hello=World&foo=bar")).uploadId();
    String etag = s3.uploadPart(b -> b.bucket("headers").key("mpu").uploadId(upload)
        .partNumber(1), RequestBody.fromString("part")).eTag();
    s3.completeMultipartUpload(b -> b.bucket("headers").key("mpu").uploadId(upload)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertThat(tags("headers", "mpu", null)).containsExactlyInAnyOrderEntriesOf(
        Map.of("Hello", "World", "foo", "bar"));
  }

  @Test
  void objectTagging_ofAVersion_leavesOtherVersionsAndMakesNoVersion() {
    s3.createBucket(b -> b.bucket("vtags"));
    s3.putBucketVersioning(b -> b.bucket("vtags")
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    String v1 = s3.putObject(b -> b.bucket("vtags").key("k").tagging("gen=1"),
        RequestBody.fromString("one")).versionId();
    String v2 = s3.putObject(b -> b.bucket("vtags").key("k"), RequestBody.fromString("two"))
        .versionId();

    var put = s3.putObjectTagging(b -> b.bucket("vtags").key("k").versionId(v1)
        .tagging(t -> t.tagSet(Tag.builder().key("gen").value("old").build())));
    assertThat(put.versionId()).isEqualTo(v1);
    var latestPut = s3.putObjectTagging(b -> b.bucket("vtags").key("k")
        .tagging(t -> t.tagSet(Tag.builder().key("gen").value("new").build())));
    assertThat(latestPut.versionId()).isEqualTo(v2);

    assertThat(tags("vtags", "k", v1)).containsExactly(Map.entry("gen", "old"));
    assertThat(tags("vtags", "k", null)).containsExactly(Map.entry("gen", "new"));
    assertThat(s3.getObjectTagging(b -> b.bucket("vtags").key("k").versionId(v1)).versionId())
        .isEqualTo(v1);
    assertThat(s3.listObjectVersions(b -> b.bucket("vtags")).versions()).hasSize(2);

    s3.deleteObjectTagging(b -> b.bucket("vtags").key("k").versionId(v1));
    assertThat(tags("vtags", "k", v1)).isEmpty();
    assertThat(tags("vtags", "k", v2)).containsExactly(Map.entry("gen", "new"));

    String marker = s3.deleteObject(b -> b.bucket("vtags").key("k")).versionId();
    assertThatThrownBy(() -> tags("vtags", "k", null))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchKey"));
    assertThatThrownBy(() -> tags("vtags", "k", marker))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(405));
  }

  @Test
  void bucketTagging_absentIsNoSuchTagSet_putGetDelete() {
    s3.createBucket(b -> b.bucket("btags"));
    assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket("btags")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchTagSet"))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));

    s3.putBucketTagging(b -> b.bucket("btags").tagging(t -> t.tagSet(
        Tag.builder().key("team").value("storage").build(),
        Tag.builder().key("cost").value("42").build())));
    assertThat(s3.getBucketTagging(b -> b.bucket("btags")).tagSet())
        .extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("cost", "42"),
            org.assertj.core.groups.Tuple.tuple("team", "storage"));

    assertThatThrownBy(() -> s3.putBucketTagging(b -> b.bucket("btags")
        .tagging(t -> t.tagSet(tagList(51, 4, 1)))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidTag"));
    assertThatThrownBy(() -> s3.putBucketTagging(b -> b.bucket("btags")
        .tagging(t -> t.tagSet(Tag.builder().key("aws:reserved").value("x").build()))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidTag"));
    assertThat(s3.getBucketTagging(b -> b.bucket("btags")).tagSet()).hasSize(2);

    s3.deleteBucketTagging(b -> b.bucket("btags"));
    assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket("btags")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchTagSet"));
  }
}
