package io.cairn.catalog;

/**
 * S3 key order (UTF-8 byte order, which is Unicode code point order) and the key arithmetic the
 * listings need. Java's {@code String.compareTo} orders UTF-16 units and disagrees for characters
 * beyond U+FFFF, hence this class.
 */
final class KeyOrder {
  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

  private KeyOrder() {}

  /** Compares in code point order. */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * The least string greater than every string starting with {@code prefix}, or null when there is
   * none (the empty prefix, or one made only of U+10FFFF).
   */
  static String successor(String prefix) {
    int[] cps = prefix.codePoints().toArray();
    for (int i = cps.length - 1; i >= 0; i--) {
      if (cps[i] < MAX_CODE_POINT) {
        int next = cps[i] + 1;
        cps[i] = next == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : next;
        return new String(cps, 0, i + 1);
      }
    }
    return null;
  }

  /**
   * The common prefix {@code key} rolls up into: {@code key} up to and including the first {@code
   * delimiter} after {@code prefix}; null when there is no delimiter or no roll-up.
   */
  static String commonPrefix(String key, String prefix, String delimiter) {
    if (delimiter == null || delimiter.isEmpty() || !key.startsWith(prefix)) {
      return null;
    }
    int at = key.indexOf(delimiter, prefix.length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }
}
