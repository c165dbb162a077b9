package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
  private static final String TOP = new String(Character.toChars(Character.MAX_CODE_POINT));

  private static int utf8Compare(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void compare_randomStrings_agreesWithUtf8ByteOrder() {
    Random random = new Random(1);
    int[] pool = {'a', 'b', 0x7f, 0xe9, 0x4e2d, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff};
    for (int i = 0; i < 5000; i++) {
      String a = randomString(random, pool);
      String b = randomString(random, pool);
      assertThat(Integer.signum(KeyOrder.compare(a, b))).as(a + " vs " + b).isEqualTo(Integer.signum(utf8Compare(a, b)));
    }
  }

  @Test
  void successor_isAboveEveryExtensionAndNothingBetween() {
    assertThat(KeyOrder.successor("abc")).isEqualTo("abd");
    assertThat(KeyOrder.successor("a" + TOP)).isEqualTo("b");
    assertThat(KeyOrder.successor("")).isNull();
    assertThat(KeyOrder.successor(TOP + TOP)).isNull();
    // U+D7FF + 1 would be a surrogate: skip to U+E000.
    assertThat(KeyOrder.successor("x\uD7FF")).isEqualTo("x\uE000");
    assertThat(utf8Compare("abc" + TOP + "zz", KeyOrder.successor("abc"))).isNegative();
  }

  @Test
  void commonPrefix_rollsUpAtFirstDelimiterAfterPrefix() {
    assertThat(KeyOrder.commonPrefix("a/b/c", "", "/")).isEqualTo("a/");
    assertThat(KeyOrder.commonPrefix("a/b/c", "a/", "/")).isEqualTo("a/b/");
    assertThat(KeyOrder.commonPrefix("a/b", "a/", "/")).isNull();
    assertThat(KeyOrder.commonPrefix("a--b--c", "", "--")).isEqualTo("a--");
    assertThat(KeyOrder.commonPrefix("a/b", "", "")).isNull();
    assertThat(KeyOrder.commonPrefix("a/b", "", null)).isNull();
  }

  private static String randomString(Random random, int[] pool) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(4);
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(pool[random.nextInt(pool.length)]);
    }
    return out.toString();
  }

  @Test
  void compare_orderedList_isSorted() {
    List<String> ordered = List.of("", "a", "a" + TOP, "b", "\uE000", "\uFFFD", "\uD83D\uDE00", TOP);
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(KeyOrder.compare(ordered.get(i - 1), ordered.get(i))).isNegative();
    }
  }
}
