package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 versioning through the AWS SDK for Java v2: many versions of a key, delete markers, suspend
 * and resume, version listings across pages, copies of older versions.
 */
class S3SdkVersioningTest {
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

  private static void versioned(String bucket, BucketVersioningStatus status) {
    s3.putBucketVersioning(b -> b.bucket(bucket)
        .versioningConfiguration(c -> c.status(status)));
  }

  private static String put(String bucket, String key, String content) {
    return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content))
        .versionId();
  }

  private static String read(String bucket, String key, String versionId) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
  }

  private static String errorCode(Throwable e) {
    return ((S3Exception) e).awsErrorDetails().errorCode();
  }

  private static String header(Throwable e, String name) {
    return ((S3Exception) e).awsErrorDetails().sdkHttpResponse().firstMatchingHeader(name)
        .orElse(null);
  }

  @Test
  void getBucketVersioning_neverSet_hasNoStatus_thenFollowsEnableAndSuspend() {
    s3.createBucket(b -> b.bucket("states"));
    assertThat(s3.getBucketVersioning(b -> b.bucket("states")).status()).isNull();
    versioned("states", BucketVersioningStatus.SUSPENDED);
    assertThat(s3.getBucketVersioning(b -> b.bucket("states")).status())
        .isEqualTo(BucketVersioningStatus.SUSPENDED);
    versioned("states", BucketVersioningStatus.ENABLED);
    assertThat(s3.getBucketVersioning(b -> b.bucket("states")).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
  }

  @Test
  void putBucketVersioning_unknownOrMissingStatus_isRefusedAndChangesNothing() {
    s3.createBucket(b -> b.bucket("bad-config"));
    assertThatThrownBy(() -> s3.putBucketVersioning(b -> b.bucket("bad-config")
        .versioningConfiguration(c -> c.status("Sometimes"))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("MalformedXML"));
    assertThatThrownBy(() -> s3.putBucketVersioning(b -> b.bucket("bad-config")
        .versioningConfiguration(c -> c.mfaDelete("Disabled"))))
        .satisfies(e -> assertThat(errorCode(e))
            .isEqualTo("IllegalVersioningConfigurationException"));
    assertThat(s3.getBucketVersioning(b -> b.bucket("bad-config")).status()).isNull();
  }

  @Test
  void keyWithManyVersions_eachIsReadableByIdAndListedNewestFirst() {
    s3.createBucket(b -> b.bucket("many"));
    versioned("many", BucketVersioningStatus.ENABLED);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(put("many", "k", "content-" + i));
    }
    assertThat(ids).doesNotContainNull().doesNotHaveDuplicates().doesNotContain("null");
    for (int i = 0; i < ids.size(); i++) {
      assertThat(read("many", "k", ids.get(i))).isEqualTo("content-" + i);
    }
    var latest = s3.getObjectAsBytes(b -> b.bucket("many").key("k"));
    assertThat(latest.asUtf8String()).isEqualTo("content-11");
    assertThat(latest.response().versionId()).isEqualTo(ids.get(11));
    assertThat(s3.headObject(b -> b.bucket("many").key("k").versionId(ids.get(3))).versionId())
        .isEqualTo(ids.get(3));

    ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket("many"));
    assertThat(listed.versions()).extracting(ObjectVersion::versionId)
        .containsExactlyElementsOf(ids.reversed());
    assertThat(listed.versions()).extracting(ObjectVersion::isLatest)
        .containsExactly(true, false, false, false, false, false, false, false, false, false,
            false, false);
    assertThat(listed.deleteMarkers()).isEmpty();
  }

  @Test
  void getObject_unknownOrMalformedVersionId_isNoSuchVersionOrInvalidArgument() {
    s3.createBucket(b -> b.bucket("bad-ids"));
    versioned("bad-ids", BucketVersioningStatus.ENABLED);
    put("bad-ids", "k", "x");
    assertThatThrownBy(() -> read("bad-ids", "k", "0123456789abcdef0123456789abcdef"))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchVersion"))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> read("bad-ids", "k", "not-a-version"))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidArgument"))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(400));
  }

  @Test
  void deleteWithoutVersion_makesDeleteMarker_olderVersionsStay_deletingTheMarkerRestores() {
    s3.createBucket(b -> b.bucket("markers"));
    versioned("markers", BucketVersioningStatus.ENABLED);
    String v1 = put("markers", "k", "one");
    String v2 = put("markers", "k", "two");

    DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket("markers").key("k"));
    assertThat(deleted.deleteMarker()).isTrue();
    String marker = deleted.versionId();
    assertThat(marker).isNotIn(v1, v2, "null");

    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("markers").key("k")))
        .isInstanceOf(NoSuchKeyException.class)
        .satisfies(e -> assertThat(header(e, "x-amz-delete-marker")).isEqualTo("true"))
        .satisfies(e -> assertThat(header(e, "x-amz-version-id")).isEqualTo(marker));
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket("markers").key("k")))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404))
        .satisfies(e -> assertThat(header(e, "x-amz-delete-marker")).isEqualTo("true"));
    assertThatThrownBy(() -> read("markers", "k", marker))
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(405))
        .satisfies(e -> assertThat(header(e, "x-amz-delete-marker")).isEqualTo("true"));
    assertThat(read("markers", "k", v1)).isEqualTo("one");
    assertThat(s3.listObjectsV2(b -> b.bucket("markers")).contents()).isEmpty();

    ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket("markers"));
    assertThat(listed.deleteMarkers()).singleElement().satisfies(m -> {
      assertThat(m.versionId()).isEqualTo(marker);
      assertThat(m.isLatest()).isTrue();
      assertThat(m.owner().id()).isEqualTo("alice");
    });
    assertThat(listed.versions()).extracting(ObjectVersion::versionId).containsExactly(v2, v1);
    assertThat(listed.versions()).noneMatch(ObjectVersion::isLatest);

    DeleteObjectResponse unmarked =
        s3.deleteObject(b -> b.bucket("markers").key("k").versionId(marker));
    assertThat(unmarked.deleteMarker()).isTrue();
    assertThat(unmarked.versionId()).isEqualTo(marker);
    assertThat(read("markers", "k", null)).isEqualTo("two");
    assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("markers")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("BucketNotEmpty"));
  }

  @Test
  void deleteVersion_latest_promotesTheNextNewest_missingVersionIsNoError() {
    s3.createBucket(b -> b.bucket("promote"));
    versioned("promote", BucketVersioningStatus.ENABLED);
    String v1 = put("promote", "k", "one");
    String v2 = put("promote", "k", "two");
    s3.deleteObject(b -> b.bucket("promote").key("k").versionId(v2));
    var got = s3.getObjectAsBytes(b -> b.bucket("promote").key("k"));
    assertThat(got.asUtf8String()).isEqualTo("one");
    assertThat(got.response().versionId()).isEqualTo(v1);
    s3.deleteObject(b -> b.bucket("promote").key("k").versionId(v2));
    s3.deleteObject(b -> b.bucket("promote").key("k").versionId(v1));
    assertThat(s3.listObjectVersions(b -> b.bucket("promote")).versions()).isEmpty();
    s3.deleteBucket(b -> b.bucket("promote"));
  }

  @Test
  void suspendAndResume_nullVersionIsReplaced_versionsFromEnabledTimesStay() {
    s3.createBucket(b -> b.bucket("suspend"));
    String plain = put("suspend", "k", "before versioning");
    assertThat(plain).isNull();
    versioned("suspend", BucketVersioningStatus.ENABLED);
    String v1 = put("suspend", "k", "enabled one");
    versioned("suspend", BucketVersioningStatus.SUSPENDED);
    assertThat(put("suspend", "k", "suspended one")).isNull();
    put("suspend", "k", "suspended two");

    ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket("suspend"));
    assertThat(listed.versions()).extracting(ObjectVersion::versionId)
        .containsExactly("null", v1);
    assertThat(read("suspend", "k", "null")).isEqualTo("suspended two");
    assertThat(read("suspend", "k", v1)).isEqualTo("enabled one");

    DeleteObjectResponse marked = s3.deleteObject(b -> b.bucket("suspend").key("k"));
    assertThat(marked.deleteMarker()).isTrue();
    assertThat(marked.versionId()).isEqualTo("null");
    listed = s3.listObjectVersions(b -> b.bucket("suspend"));
    assertThat(listed.versions()).extracting(ObjectVersion::versionId).containsExactly(v1);
    assertThat(listed.deleteMarkers()).singleElement()
        .satisfies(m -> assertThat(m.versionId()).isEqualTo("null"));

    versioned("suspend", BucketVersioningStatus.ENABLED);
    String v3 = put("suspend", "k", "enabled again");
    assertThat(v3).isNotIn(null, "null", v1);
    listed = s3.listObjectVersions(b -> b.bucket("suspend"));
    assertThat(listed.versions()).extracting(ObjectVersion::versionId).containsExactly(v3, v1);
    assertThat(listed.deleteMarkers()).extracting(m -> m.versionId()).containsExactly("null");
  }

  @Test
  void listObjectVersions_acrossPagesWithMarkers_returnsEveryVersionOnceInOrder() {
    s3.createBucket(b -> b.bucket("pages"));
    versioned("pages", BucketVersioningStatus.ENABLED);
    List<String> expected = new ArrayList<>();
    String marker = null;
    for (String key : List.of("a", "b/1", "b/2", "c", "d")) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < (key.equals("c") ? 1 : 3); i++) {
        ids.add(put("pages", key, key + i));
      }
      if (key.equals("d")) {
        marker = "d@" + s3.deleteObject(b -> b.bucket("pages").key("d")).versionId();
        ids.add(marker.substring(2));
      }
      for (String id : ids.reversed()) {
        expected.add(key + "@" + id);
      }
    }
    List<String> expectedVersions = new ArrayList<>(expected);
    expectedVersions.remove(marker);
    for (int pageSize : new int[] {1, 2, 4, 1000}) {
      List<String> seen = new ArrayList<>();
      List<String> markers = new ArrayList<>();
      String keyMarker = null;
      String versionMarker = null;
      boolean more = true;
      while (more) {
        String km = keyMarker;
        String vm = versionMarker;
        ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket("pages")
            .maxKeys(pageSize).keyMarker(km).versionIdMarker(vm));
        assertThat(page.versions().size() + page.deleteMarkers().size()).isLessThanOrEqualTo(
            pageSize);
        page.versions().forEach(v -> seen.add(v.key() + "@" + v.versionId()));
        page.deleteMarkers().forEach(m -> markers.add(m.key() + "@" + m.versionId()));
        more = page.isTruncated();
        keyMarker = page.nextKeyMarker();
        versionMarker = page.nextVersionIdMarker();
      }
      assertThat(seen).as("page size %d", pageSize).containsExactlyElementsOf(expectedVersions);
      assertThat(markers).as("page size %d", pageSize).containsExactly(marker);
    }

    ListObjectVersionsResponse rolled = s3.listObjectVersions(b -> b.bucket("pages")
        .delimiter("/").maxKeys(3));
    assertThat(rolled.versions()).extracting(ObjectVersion::key).containsExactly("a", "a", "a");
    assertThat(rolled.isTruncated()).isTrue();
    ListObjectVersionsResponse next = s3.listObjectVersions(b -> b.bucket("pages")
        .delimiter("/").maxKeys(2).keyMarker(rolled.nextKeyMarker())
        .versionIdMarker(rolled.nextVersionIdMarker()));
    assertThat(next.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("b/");
    assertThat(next.versions()).extracting(ObjectVersion::key).containsExactly("c");

    assertThatThrownBy(() -> s3.listObjectVersions(b -> b.bucket("pages")
        .versionIdMarker(expected.get(0).substring(2))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidArgument"));
  }

  @Test
  void copyObject_ofAnOlderVersion_copiesThoseBytesAndReportsBothVersionIds() {
    s3.createBucket(b -> b.bucket("copies"));
    versioned("copies", BucketVersioningStatus.ENABLED);
    String v1 = put("copies", "src", "first");
    put("copies", "src", "second");

    CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket("copies").sourceKey("src")
        .sourceVersionId(v1).destinationBucket("copies").destinationKey("dst"));
    assertThat(copied.copySourceVersionId()).isEqualTo(v1);
    assertThat(copied.versionId()).isNotIn(null, "null", v1);
    assertThat(read("copies", "dst", copied.versionId())).isEqualTo("first");

    // Restoring an older version: copy it over its own key, which makes it the latest again.
    CopyObjectResponse restored = s3.copyObject(b -> b.sourceBucket("copies").sourceKey("src")
        .sourceVersionId(v1).destinationBucket("copies").destinationKey("src"));
    assertThat(read("copies", "src", null)).isEqualTo("first");
    assertThat(s3.listObjectVersions(b -> b.bucket("copies").prefix("src")).versions())
        .hasSize(3).first().satisfies(v -> assertThat(v.versionId())
            .isEqualTo(restored.versionId()));

    String marker = s3.deleteObject(b -> b.bucket("copies").key("src")).versionId();
    assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket("copies").sourceKey("src")
        .sourceVersionId(marker).destinationBucket("copies").destinationKey("x")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidRequest"));
    assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket("copies").sourceKey("src")
        .destinationBucket("copies").destinationKey("x")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchKey"));
  }

  @Test
  void deleteObjects_withVersionIds_removesThoseVersions_withoutMakesMarkers() {
    s3.createBucket(b -> b.bucket("multi"));
    versioned("multi", BucketVersioningStatus.ENABLED);
    String a1 = put("multi", "a", "a1");
    String a2 = put("multi", "a", "a2");
    put("multi", "b", "b1");

    DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket("multi").delete(d -> d.objects(
        ObjectIdentifier.builder().key("a").versionId(a1).build(),
        ObjectIdentifier.builder().key("b").build(),
        ObjectIdentifier.builder().key("a").versionId("bogus").build())));
    assertThat(r.deleted()).extracting(DeletedObject::key).containsExactly("a", "b");
    assertThat(r.deleted().get(0).versionId()).isEqualTo(a1);
    assertThat(r.deleted().get(0).deleteMarker()).isNull();
    assertThat(r.deleted().get(1).deleteMarker()).isTrue();
    String marker = r.deleted().get(1).deleteMarkerVersionId();
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.key()).isEqualTo("a");
      assertThat(e.code()).isEqualTo("InvalidArgument");
    });

    ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket("multi"));
    assertThat(listed.versions()).extracting(v -> v.key() + "@" + v.versionId())
        .hasSize(2).contains("a@" + a2);
    assertThat(listed.deleteMarkers()).singleElement()
        .satisfies(m -> assertThat(m.versionId()).isEqualTo(marker));
  }

  @Test
  void versionHeaders_absentOutsideVersioning() {
    s3.createBucket(b -> b.bucket("plain"));
    assertThat(put("plain", "k", "x")).isNull();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("plain").key("k")).response().versionId())
        .isNull();
    assertThat(s3.deleteObject(b -> b.bucket("plain").key("k")).deleteMarker()).isNull();
    assertThat(s3.listObjectVersions(b -> b.bucket("plain")).versions()).isEmpty();
  }
}
