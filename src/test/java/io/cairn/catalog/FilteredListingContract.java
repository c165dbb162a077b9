package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Filtered listings: every filter against a brute-force reference, paging, and the scan bound. */
interface FilteredListingContract extends CatalogFixture {

  private void putWith(String bucket, String key, long size, Map<String, String> meta)
      throws CatalogException {
    catalog().objects().put(bucket, new ObjectDraft(key, 1, size, "e", ContentHeaders.none(), meta,
        null, "owner-1", Acl.none(), Map.of(), null, null));
  }

  /** Every page from the start, following nextMarker; fails if a page breaks a rule. */
  private List<String> walk(String bucket, String prefix, ObjectFilter filter, int maxKeys,
      int scanLimit, int[] calls) throws CatalogException {
    List<String> keys = new ArrayList<>();
    String after = null;
    while (true) {
      ObjectListing page =
          catalog().objects().listFiltered(bucket, prefix, filter, after, maxKeys, scanLimit);
      calls[0]++;
      assertThat(page.objects().size()).isLessThanOrEqualTo(maxKeys);
      assertThat(page.commonPrefixes()).isEmpty();
      page.objects().forEach(e -> keys.add(e.key()));
      if (!page.truncated()) {
        assertThat(page.nextMarker()).isNull();
        return keys;
      }
      assertThat(page.nextMarker()).isNotNull();
      if (after != null) {
        assertThat(KeyOrder.compare(page.nextMarker(), after)).as("progress").isPositive();
      }
      after = page.nextMarker();
      assertThat(calls[0]).as("calls").isLessThan(10_000);
    }
  }

  @Test
  default void listFiltered_eachFilter_matchesTheReferenceAcrossPageAndScanSizes()
      throws Exception {
    bucket("fb");
    Random random = new Random(4);
    Instant start = clock().instant();
    List<String> dirs = List.of("logs/", "logs/2026/", "img/", "");
    for (int i = 0; i < 240; i++) {
      String key = dirs.get(random.nextInt(dirs.size())) + "f" + (1000 + i)
          + (random.nextBoolean() ? ".gz" : ".txt");
      Map<String, String> meta = random.nextInt(3) == 0 ? Map.of("color", random.nextBoolean()
          ? "red" : "blue") : random.nextBoolean() ? Map.of("owner", "x") : Map.of();
      putWith("fb", key, random.nextInt(1000), meta);
      clock().advance(Duration.ofSeconds(1));
    }
    putWith("fb", "deleted-later", 10, Map.of("color", "red"));
    catalog().objects().delete("fb", "deleted-later", "owner-1");
    Instant middle = start.plusSeconds(120);
    List<ObjectFilter> filters = List.of(
        new ObjectFilter(100L, 400L, null, null, null, null, null),
        new ObjectFilter(null, null, middle, middle.plusSeconds(50), null, null, null),
        new ObjectFilter(null, null, null, null, Map.of("Color", "red"), null, null),
        new ObjectFilter(null, null, null, null, null, Set.of("owner"), null),
        new ObjectFilter(null, null, null, null, null, null, KeyGlob.of("logs/*.gz")),
        new ObjectFilter(null, null, null, null, null, null, KeyGlob.of("**/f1?2?.txt")),
        new ObjectFilter(500L, null, null, middle, Map.of("color", "blue"), null,
            KeyGlob.of("**.gz")),
        new ObjectFilter(2000L, null, null, null, null, null, null));
    List<ObjectEntry> all = catalog().objects().list("fb", null, null, null, 1000).objects();
    for (ObjectFilter filter : filters) {
      for (String prefix : new String[] {null, "logs/"}) {
        List<String> expected = all.stream()
            .filter(e -> prefix == null || e.key().startsWith(prefix))
            .filter(filter::test).map(ObjectEntry::key).toList();
        for (int[] sizes : new int[][] {{1000, 1000}, {7, 1000}, {1000, 13}, {3, 5}, {1, 1}}) {
          int[] calls = new int[1];
          List<String> listed = walk("fb", prefix, filter, sizes[0], sizes[1], calls);
          assertThat(listed).as("%s prefix %s sizes %s/%s", filter, prefix, sizes[0], sizes[1])
              .containsExactlyElementsOf(expected);
          int rows = prefix == null ? all.size() + 1 : 240;
          // Each call reads at most one window: the walk's length is bounded by both sizes.
          assertThat(calls[0]).isLessThanOrEqualTo(
              rows / sizes[1] + expected.size() / sizes[0] + 2);
        }
      }
    }
    assertThat(filters.get(filters.size() - 1).test(all.get(0))).isFalse();
  }

  @Test
  default void listFiltered_noMatchInLargeRange_returnsEmptyTruncatedPagesOfBoundedScans()
      throws Exception {
    bucket("fb");
    for (int i = 0; i < 50; i++) {
      putWith("fb", String.format("k%03d", i), 1, Map.of());
    }
    ObjectFilter none = new ObjectFilter(5L, null, null, null, null, null, null);
    ObjectListing first = catalog().objects().listFiltered("fb", null, none, null, 10, 10);
    assertThat(first.objects()).isEmpty();
    assertThat(first.truncated()).isTrue();
    assertThat(first.nextMarker()).isEqualTo("k009");
    ObjectListing last = catalog().objects().listFiltered("fb", null, none, "k039", 10, 10);
    assertThat(last.truncated()).as("exactly one window left").isFalse();
  }

  @Test
  default void listFiltered_globLiteralPrefix_narrowsOrEmptiesThePrefix() throws Exception {
    bucket("fb");
    for (String k : List.of("a/x1", "a/x2", "a/y1", "b/x1", "a/*lit")) {
      putWith("fb", k, 1, Map.of());
    }
    ObjectFilter glob = new ObjectFilter(null, null, null, null, null, null, KeyGlob.of("a/x*"));
    assertThat(catalog().objects().listFiltered("fb", "a/", glob, null, 10, 2).objects())
        .extracting(ObjectEntry::key).containsExactly("a/x1", "a/x2");
    assertThat(catalog().objects().listFiltered("fb", "b/", glob, null, 10, 100).objects())
        .isEmpty();
    ObjectFilter escaped =
        new ObjectFilter(null, null, null, null, null, null, KeyGlob.of("a/\\*l?t"));
    assertThat(catalog().objects().listFiltered("fb", null, escaped, null, 10, 100).objects())
        .extracting(ObjectEntry::key).containsExactly("a/*lit");
  }
}
