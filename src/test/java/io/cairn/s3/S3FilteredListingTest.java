package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Filtered listings through the AWS SDK: the x-cairn-* parameters ride on ListObjects(V2). */
class S3FilteredListingTest {
  private static S3TestServer server;
  private static S3Client alice;
  private static List<S3Object> all;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    alice = server.client(S3TestServer.ALICE, false);
    alice.createBucket(b -> b.bucket("flt"));
    for (int i = 0; i < 30; i++) {
      String key = (i % 3 == 0 ? "logs/" : i % 3 == 1 ? "logs/old/" : "img/") + "f" + i
          + (i % 2 == 0 ? ".gz" : ".txt");
      Map<String, String> meta = i % 4 == 0 ? Map.of("team", "blue") : i % 4 == 1
          ? Map.of("team", "red", "reviewed", "yes") : Map.of();
      int size = i * 100;
      alice.putObject(p -> p.bucket("flt").key(key).metadata(meta),
          RequestBody.fromBytes(new byte[size]));
    }
    all = alice.listObjectsV2(l -> l.bucket("flt")).contents();
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    server.close();
  }

  private static AwsRequestOverrideConfiguration params(Map<String, String> params) {
    AwsRequestOverrideConfiguration.Builder b = AwsRequestOverrideConfiguration.builder();
    params.forEach(b::putRawQueryParameter);
    return b.build();
  }

  /** Every page of a filtered ListObjectsV2, following continuation tokens. */
  private static List<String> listV2(String prefix, int maxKeys, Map<String, String> params) {
    List<String> keys = new ArrayList<>();
    String token = null;
    for (int pages = 0; pages < 1000; pages++) {
      String t = token;
      ListObjectsV2Response page = alice.listObjectsV2(l -> l.bucket("flt").prefix(prefix)
          .maxKeys(maxKeys).continuationToken(t).overrideConfiguration(params(params)));
      assertThat(page.contents().size()).isLessThanOrEqualTo(maxKeys);
      assertThat(page.keyCount()).isEqualTo(page.contents().size());
      page.contents().forEach(o -> keys.add(o.key()));
      if (!page.isTruncated()) {
        return keys;
      }
      token = page.nextContinuationToken();
    }
    throw new AssertionError("no last page");
  }

  private static List<String> expected(Predicate<S3Object> keep) {
    return all.stream().filter(keep).map(S3Object::key).toList();
  }

  private static Map<String, String> team(String key) {
    return alice.headObject(h -> h.bucket("flt").key(key)).metadata();
  }

  @Test
  void listV2_sizeRangeAndGlob_returnsExactlyTheMatchingKeys() {
    Map<String, String> params = Map.of("x-cairn-min-size", "500", "x-cairn-max-size", "2000",
        "x-cairn-key-glob", "logs/*.gz");

    assertThat(listV2(null, 1000, params)).containsExactlyElementsOf(expected(o ->
        o.size() >= 500 && o.size() <= 2000 && o.key().matches("logs/[^/]*\\.gz")));
  }

  @Test
  void listV2_metadataFilters_matchValuesAndPresence() {
    List<String> blue = listV2(null, 1000, Map.of("x-cairn-meta-team", "blue"));
    List<String> reviewed = listV2(null, 1000, Map.of("x-cairn-has-meta", "reviewed"));

    assertThat(blue).hasSize(8).allSatisfy(k -> assertThat(team(k)).containsEntry("team", "blue"));
    assertThat(reviewed).hasSize(8)
        .allSatisfy(k -> assertThat(team(k)).containsEntry("reviewed", "yes"));
  }

  @Test
  void listV2_modifiedRange_isStrictOnBothEnds() {
    Instant t1 = all.stream().map(S3Object::lastModified).sorted().toList().get(5);
    Instant t2 = all.stream().map(S3Object::lastModified).sorted().toList().get(20);

    List<String> listed = listV2(null, 1000, Map.of("x-cairn-modified-after", t1.toString(),
        "x-cairn-modified-before", t2.toString()));

    assertThat(listed).isNotEmpty().containsExactlyElementsOf(expected(o ->
        o.lastModified().isAfter(t1) && o.lastModified().isBefore(t2)));
  }

  @Test
  void listV2_tinyScansAndPages_stillListEverythingInOrderAcrossTokens() {
    Map<String, String> params = Map.of("x-cairn-key-glob", "**.gz", "x-cairn-max-scan", "3");

    List<String> listed = listV2("logs/", 2, params);

    assertThat(listed).containsExactlyElementsOf(expected(o ->
        o.key().startsWith("logs/") && o.key().endsWith(".gz")));
    // A window of 3 rows that matches nothing still answers: empty, truncated, with a token.
    ListObjectsV2Response empty = alice.listObjectsV2(l -> l.bucket("flt").overrideConfiguration(
        params(Map.of("x-cairn-min-size", "1000000", "x-cairn-max-scan", "3"))));
    assertThat(empty.contents()).isEmpty();
    assertThat(empty.isTruncated()).isTrue();
    assertThat(empty.nextContinuationToken()).isNotNull();
  }

  @Test
  void listV1_withFilters_pagesByMarker() {
    List<String> keys = new ArrayList<>();
    String marker = null;
    while (true) {
      String m = marker;
      ListObjectsResponse page = alice.listObjects(l -> l.bucket("flt").marker(m).maxKeys(3)
          .overrideConfiguration(params(Map.of("x-cairn-meta-team", "red"))));
      page.contents().forEach(o -> keys.add(o.key()));
      if (!page.isTruncated()) {
        break;
      }
      marker = page.nextMarker();
    }
    assertThat(keys).isEqualTo(listV2(null, 1000, Map.of("x-cairn-meta-team", "red")))
        .hasSize(8);
  }

  @Test
  void listV2_filtered_needsReadOnTheBucket() {
    Map<String, String> filter = Map.of("x-cairn-min-size", "0");
    try (S3Client bob = server.client(S3TestServer.BOB, false)) {
      assertThatThrownBy(() -> bob.listObjectsV2(l -> l.bucket("flt")
          .overrideConfiguration(params(filter))))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
      alice.putBucketAcl(p -> p.bucket("flt")
          .acl(software.amazon.awssdk.services.s3.model.BucketCannedACL.AUTHENTICATED_READ));
      assertThat(bob.listObjectsV2(l -> l.bucket("flt").overrideConfiguration(params(filter)))
          .contents()).hasSize(30);
    }
  }

  @Test
  void list_badFilters_areInvalidArgument() {
    for (Map<String, String> bad : List.of(Map.of("x-cairn-min-size", "-1"),
        Map.of("x-cairn-modified-after", "yesterday"), Map.of("x-cairn-key-glob", "a\\"),
        Map.of("x-cairn-colour", "red"), Map.of("x-cairn-has-meta", "bad\"name"))) {
      assertThatThrownBy(() -> alice.listObjectsV2(l -> l.bucket("flt")
          .overrideConfiguration(params(bad))))
          .as(bad.toString())
          .isInstanceOfSatisfying(S3Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
    }
    assertThatThrownBy(() -> alice.listObjectsV2(l -> l.bucket("flt").delimiter("/")
        .overrideConfiguration(params(Map.of("x-cairn-min-size", "1")))))
        .isInstanceOfSatisfying(S3Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
  }
}
