package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ListObjects and ListObjectVersions: order, prefixes, markers, delimiters, paging. */
interface ObjectListingContract extends CatalogFixture {

  Comparator<String> UTF8_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  List<String> UNICODE_KEYS =
      List.of("a", "b", "B", "a/b", "a b", "é", "中文/文件", "😀", "\uFFFD", "\uFB00", "~", "Z",
          "\u00e9t\u00e9", "e\u0301", "Ω", "𝄞music", "a😀", "a\uFFFD");

  List<String> SPECIAL_KEYS =
      List.of("with space", "plus+sign", "quote\"'", "back\\slash", "new\nline", "tab\t",
          "percent%20", "50%", "50%off", "50_off", "50xoff", "?query&x=1", "#hash", "..", "./a",
          "a//b", "/leading", "trailing/", "<xml>&amp;", "*star*");

  private List<String> putAll(String bucket, List<String> keys) throws CatalogException {
    List<String> shuffled = new ArrayList<>(keys);
    Collections.shuffle(shuffled, new Random(7));
    long blob = 1;
    for (String key : shuffled) {
      put(bucket, key, blob++);
    }
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(UTF8_ORDER);
    return sorted;
  }

  private List<String> keys(ObjectListing listing) {
    return listing.objects().stream().map(ObjectEntry::key).toList();
  }

  @Test
  default void list_unicodeKeys_comeInUtf8ByteOrder() throws Exception {
    bucket("b1");
    List<String> expected = putAll("b1", UNICODE_KEYS);

    List<String> listed = keys(catalog().objects().list("b1", null, null, null, 1000));

    assertThat(listed).containsExactlyElementsOf(expected);
    // UTF-16 order (String.compareTo) would put U+1F600 before U+FFFD; S3 order must not.
    assertThat(listed.indexOf("\uFFFD")).isLessThan(listed.indexOf("😀"));
  }

  @Test
  default void list_specialCharacterKeys_roundTripExactly() throws Exception {
    bucket("b1");
    List<String> expected = putAll("b1", SPECIAL_KEYS);
    assertThat(keys(catalog().objects().list("b1", null, null, null, 1000)))
        .containsExactlyElementsOf(expected);
    for (String key : SPECIAL_KEYS) {
      assertThat(catalog().objects().latest("b1", key)).as(key).isPresent();
    }
  }

  @Test
  default void list_withPrefixHoldingLikeWildcards_matchesLiterally() throws Exception {
    bucket("b1");
    putAll("b1", SPECIAL_KEYS);
    assertThat(keys(catalog().objects().list("b1", "50%", null, null, 100)))
        .containsExactly("50%", "50%off");
    assertThat(keys(catalog().objects().list("b1", "50_", null, null, 100)))
        .containsExactly("50_off");
  }

  @Test
  default void list_withUnicodePrefix_returnsExactlyThatRange() throws Exception {
    bucket("b1");
    List<String> all = putAll("b1", UNICODE_KEYS);
    for (String prefix : List.of("a", "中", "😀", "\uFFFD", "e", "\uDBFF\uDFFF")) {
      assertThat(keys(catalog().objects().list("b1", prefix, null, null, 1000)))
          .as(prefix)
          .containsExactlyElementsOf(all.stream().filter(k -> k.startsWith(prefix)).toList());
    }
  }

  @Test
  default void list_prefixOfTopCodePoint_hasNoUpperBoundProblem() throws Exception {
    bucket("b1");
    String top = new String(Character.toChars(Character.MAX_CODE_POINT));
    putAll("b1", List.of(top, top + "a", top + top, "z"));
    assertThat(keys(catalog().objects().list("b1", top, null, null, 10)))
        .containsExactly(top, top + "a", top + top);
  }

  @Test
  default void list_pagedWithMarkers_visitsEveryKeyOnceInOrder() throws Exception {
    bucket("b1");
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 57; i++) {
      all.add("k" + i + (i % 3 == 0 ? "/ü" : ""));
    }
    List<String> expected = putAll("b1", all);

    List<String> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    while (true) {
      ObjectListing page = catalog().objects().list("b1", null, null, marker, 5);
      seen.addAll(keys(page));
      pages++;
      if (!page.truncated()) {
        break;
      }
      assertThat(page.objects()).hasSize(5);
      marker = page.nextMarker();
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(12);
  }

  @Test
  default void list_withStartAfter_startsStrictlyAfterIt() throws Exception {
    bucket("b1");
    putAll("b1", List.of("a", "b", "c", "d"));
    assertThat(keys(catalog().objects().list("b1", null, null, "b", 10))).containsExactly("c", "d");
    assertThat(keys(catalog().objects().list("b1", null, null, "bb", 10))).containsExactly("c", "d");
    assertThat(keys(catalog().objects().list("b1", "c", null, "a", 10))).containsExactly("c");
    assertThat(keys(catalog().objects().list("b1", "a", null, "b", 10))).isEmpty();
  }

  @Test
  default void list_withDelimiter_rollsUpCommonPrefixes() throws Exception {
    bucket("b1");
    putAll("b1", List.of("a/1", "a/2", "b", "c/x/1", "c/x/2", "c/y", "d", "e/"));

    ObjectListing top = catalog().objects().list("b1", null, "/", null, 100);
    assertThat(keys(top)).containsExactly("b", "d");
    assertThat(top.commonPrefixes()).containsExactly("a/", "c/", "e/");
    assertThat(top.truncated()).isFalse();

    ObjectListing inC = catalog().objects().list("b1", "c/", "/", null, 100);
    assertThat(keys(inC)).containsExactly("c/y");
    assertThat(inC.commonPrefixes()).containsExactly("c/x/");

    ObjectListing multiChar = catalog().objects().list("b1", null, "x/", null, 100);
    assertThat(multiChar.commonPrefixes()).containsExactly("c/x/");
  }

  @Test
  default void list_withDelimiterPaged_countsPrefixesAndResumesPastThem() throws Exception {
    bucket("b1");
    List<String> keys = new ArrayList<>(List.of("b", "d"));
    for (int i = 0; i < 30; i++) {
      keys.add("a/" + i);
      keys.add("c/" + i);
    }
    putAll("b1", keys);

    List<String> seen = new ArrayList<>();
    String marker = null;
    while (true) {
      ObjectListing page = catalog().objects().list("b1", null, "/", marker, 1);
      assertThat(page.objects().size() + page.commonPrefixes().size()).isLessThanOrEqualTo(1);
      seen.addAll(keys(page));
      seen.addAll(page.commonPrefixes());
      if (!page.truncated()) {
        break;
      }
      marker = page.nextMarker();
    }
    assertThat(seen).containsExactly("a/", "b", "c/", "d");
  }

  @Test
  default void list_withMarkerInsideRolledUpPrefix_skipsThatPrefix() throws Exception {
    bucket("b1");
    putAll("b1", List.of("a/1", "a/2", "b"));
    ObjectListing page = catalog().objects().list("b1", null, "/", "a/1", 10);
    assertThat(page.commonPrefixes()).isEmpty();
    assertThat(keys(page)).containsExactly("b");
  }

  @Test
  default void list_withZeroMaxKeys_returnsNothingButReportsTruncation() throws Exception {
    bucket("b1");
    ObjectListing empty = catalog().objects().list("b1", null, null, null, 0);
    assertThat(empty.objects()).isEmpty();
    assertThat(empty.truncated()).isFalse();
    put("b1", "k", 1);
    assertThat(catalog().objects().list("b1", null, null, null, 0).truncated()).isTrue();
  }

  @Test
  default void list_missingBucket_isNotFound() {
    assertThatThrownBy(() -> catalog().objects().list("nope", null, null, null, 10))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void listVersions_pagedWithMarkers_visitsEveryVersionOnceNewestFirst() throws Exception {
    versionedBucket("v");
    long blob = 1;
    for (int round = 0; round < 4; round++) {
      for (String key : List.of("k1", "k2/ü", "k3", "日本", "k0")) {
        put("v", key, blob++);
      }
    }
    catalog().objects().delete("v", "k3", "u");
    List<ObjectEntry> expected =
        catalog().objects().listVersions("v", null, null, null, null, 1000).versions();
    assertThat(expected).hasSize(21);
    assertThat(expected.stream().map(ObjectEntry::key).toList())
        .isSortedAccordingTo(UTF8_ORDER);
    assertThat(expected.getFirst().key()).isEqualTo("k0");
    assertThat(expected.get(0).blobId()).isGreaterThan(expected.get(1).blobId());

    List<ObjectEntry> seen = new ArrayList<>();
    String keyMarker = null;
    String versionMarker = null;
    while (true) {
      VersionListing page =
          catalog().objects().listVersions("v", null, null, keyMarker, versionMarker, 3);
      seen.addAll(page.versions());
      if (!page.truncated()) {
        break;
      }
      keyMarker = page.nextKeyMarker();
      versionMarker = page.nextVersionIdMarker();
    }
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  default void listVersions_withOnlyKeyMarker_startsAfterAllVersionsOfThatKey() throws Exception {
    versionedBucket("v");
    put("v", "a", 1);
    put("v", "a", 2);
    put("v", "b", 3);
    assertThat(catalog().objects().listVersions("v", null, null, "a", null, 10).versions())
        .extracting(ObjectEntry::key)
        .containsExactly("b");
  }

  @Test
  default void listVersions_withDelimiterAndPrefix_rollsUp() throws Exception {
    versionedBucket("v");
    put("v", "p/a/1", 1);
    put("v", "p/a/1", 2);
    put("v", "p/b", 3);
    put("v", "q", 4);
    VersionListing page = catalog().objects().listVersions("v", "p/", "/", null, null, 10);
    assertThat(page.commonPrefixes()).containsExactly("p/a/");
    assertThat(page.versions()).extracting(ObjectEntry::key).containsExactly("p/b");
  }
}
