package io.cairn.s3;

import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjects v1 and v2 and ListObjectVersions through the AWS SDK for Java v2. */
class S3SdkListingTest {
  private static final String BUCKET = "listing";
  private static final List<String> KEYS = List.of("a/1", "a/2", "a/b/3", "b/4", "c", "d e/5",
      "photos/2024/jan.jpg", "photos/2024/feb.jpg", "photos/2025/mar.jpg", "z");
  private static S3TestServer server;
  private static S3Client s3;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    s3 = server.client(S3TestServer.ALICE, false);
    s3.createBucket(b -> b.bucket(BUCKET));
    for (String k : KEYS) {
      s3.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromString(k));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    server.close();
  }

  @Test
  void listV2_withoutDelimiter_listsAllKeysInOrder() {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET));
    assertThat(r.contents()).extracting(S3Object::key)
        .containsExactlyElementsOf(KEYS.stream().sorted().toList());
    assertThat(r.keyCount()).isEqualTo(KEYS.size());
    assertThat(r.isTruncated()).isFalse();
    assertThat(r.contents().get(0).size()).isEqualTo(3);
    assertThat(r.contents().get(0).eTag()).startsWith("\"");
  }

  @Test
  void listV2_withPrefixAndDelimiter_rollsUpCommonPrefixes() {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).delimiter("/"));
    assertThat(r.contents()).extracting(S3Object::key).containsExactly("c", "z");
    assertThat(r.commonPrefixes()).extracting(CommonPrefix::prefix)
        .containsExactly("a/", "b/", "d e/", "photos/");
    ListObjectsV2Response photos =
        s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("photos/").delimiter("/"));
    assertThat(photos.contents()).isEmpty();
    assertThat(photos.commonPrefixes()).extracting(CommonPrefix::prefix)
        .containsExactly("photos/2024/", "photos/2025/");
  }

  @Test
  void listV2_paginatesWithContinuationTokens() {
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(3)
          .delimiter("/").continuationToken(t));
      r.contents().forEach(o -> seen.add(o.key()));
      r.commonPrefixes().forEach(p -> seen.add(p.prefix()));
      token = r.isTruncated() ? r.nextContinuationToken() : null;
      pages++;
    } while (token != null);
    assertThat(seen).containsExactlyInAnyOrder("a/", "b/", "c", "d e/", "photos/", "z");
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void listV2_startAfter_skipsEarlierKeys() {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).startAfter("photos/2024/jan.jpg"));
    assertThat(r.contents()).extracting(S3Object::key)
        .containsExactly("photos/2025/mar.jpg", "z");
  }

  @Test
  void listV2_encodingTypeUrl_isDecodedBySdk() {
    // The SDK asks for encoding-type=url and decodes keys itself; a key with a space survives.
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("d e/")
        .encodingType("url"));
    assertThat(r.contents()).extracting(S3Object::key).containsExactly("d e/5");
  }

  @Test
  void listV1_paginatesWithMarkers() {
    ListObjectsResponse first = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(4));
    assertThat(first.contents()).extracting(S3Object::key)
        .containsExactly("a/1", "a/2", "a/b/3", "b/4");
    assertThat(first.isTruncated()).isTrue();
    ListObjectsResponse second = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(100)
        .marker(first.nextMarker()));
    assertThat(second.contents()).extracting(S3Object::key).first().isEqualTo("c");
    assertThat(second.isTruncated()).isFalse();
    assertThat(first.contents().get(0).owner().id()).isEqualTo("alice");
  }

  @Test
  void listV1_delimiterMarkerOnCommonPrefix_skipsThatPrefix() {
    ListObjectsResponse first = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(1).delimiter("/"));
    assertThat(first.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/");
    assertThat(first.nextMarker()).isEqualTo("a/");
    ListObjectsResponse second = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(1).delimiter("/")
        .marker(first.nextMarker()));
    assertThat(second.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("b/");
  }

  @Test
  void listObjectVersions_unversionedBucket_listsEveryObjectAsNullVersion() {
    ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("a/"));
    assertThat(r.versions()).extracting(v -> v.key()).containsExactly("a/1", "a/2", "a/b/3");
    assertThat(r.versions()).allSatisfy(v -> {
      assertThat(v.versionId()).isEqualTo("null");
      assertThat(v.isLatest()).isTrue();
    });
    assertThat(r.deleteMarkers()).isEmpty();
  }

  @Test
  void listV2_maxKeysZero_returnsNothing() {
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(0));
    assertThat(r.contents()).isEmpty();
    assertThat(r.keyCount()).isZero();
  }
}
