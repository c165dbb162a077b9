package io.cairn.catalog;

import java.util.regex.Pattern;

/**
 * A glob over object keys, as filtered listings take it: {@code *} matches any run of characters
 * other than {@code /}, {@code **} any run including {@code /}, {@code ?} exactly one character
 * other than {@code /}, and a backslash makes the next character literal. Everything else matches
 * itself; the whole key must match. Immutable and thread safe.
 *
 * <p>The {@link #literalPrefix} (the text before the first wildcard) is what a listing turns into
 * an index range, so {@code logs/2026-11-*.gz} reads only the keys under {@code logs/2026-11-}.
 */
public final class KeyGlob {
  /** The longest glob accepted (S3 keys are at most 1024 bytes). */
  public static final int MAX_LENGTH = 1024;

  private final String glob;
  private final String literalPrefix;
  private final Pattern pattern;

  private KeyGlob(String glob, String literalPrefix, Pattern pattern) {
    this.glob = glob;
    this.literalPrefix = literalPrefix;
    this.pattern = pattern;
  }

  /**
   * Compiles a glob. {@link IllegalArgumentException} for an empty or over-long glob or one that
   * ends in a lone backslash.
   */
  public static KeyGlob of(String glob) {
    if (glob == null || glob.isEmpty() || glob.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a key glob must have 1 to " + MAX_LENGTH + " characters");
    }
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    StringBuilder prefix = null; // set once the first wildcard is seen
    for (int i = 0; i < glob.length(); ) {
      int c = glob.codePointAt(i);
      int width = Character.charCount(c);
      if (c == '\\') {
        if (i + 1 >= glob.length()) {
          throw new IllegalArgumentException("a key glob cannot end with a lone backslash");
        }
        int escaped = glob.codePointAt(i + 1);
        literal.appendCodePoint(escaped);
        i += 1 + Character.charCount(escaped);
        continue;
      }
      if (c != '*' && c != '?') {
        literal.appendCodePoint(c);
        i += width;
        continue;
      }
      if (prefix == null) {
        prefix = new StringBuilder(literal);
      }
      flush(literal, regex);
      if (c == '?') {
        regex.append("[^/]");
        i++;
      } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i += 2;
      } else {
        regex.append("[^/]*");
        i++;
      }
    }
    if (prefix == null) {
      prefix = new StringBuilder(literal);
    }
    flush(literal, regex);
    return new KeyGlob(glob, prefix.toString(), Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  private static void flush(StringBuilder literal, StringBuilder regex) {
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  /** Whether the whole key matches. */
  public boolean matches(String key) {
    return pattern.matcher(key).matches();
  }

  /** Every matching key starts with this (empty when the glob starts with a wildcard). */
  public String literalPrefix() {
    return literalPrefix;
  }

  @Override
  public String toString() {
    return glob;
  }
}
