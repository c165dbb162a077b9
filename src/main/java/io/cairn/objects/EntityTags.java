package io.cairn.objects;

/**
 * If-Match and If-None-Match values (RFC 9110 section 13.1.1): {@code *}, or a comma-separated
 * list of entity tags, each quoted or bare, strong or weak ({@code W/}), compared by value with an
 * object's ETag. The S3 preconditions, compose sources and metadata updates all read them here.
 */
public final class EntityTags {
  private EntityTags() {}

  /** Whether {@code header} is {@code *} or lists {@code etag}. */
  public static boolean match(String header, String etag) {
    for (String candidate : header.split(",")) {
      String c = candidate.strip();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*")) {
        return true;
      }
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1);
      }
      if (c.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
