package io.cairn.s3;

import java.util.List;
import java.util.Locale;

/**
 * One CORSRule of a bucket's CORS configuration, as S3 defines it (PutBucketCors): the origins
 * and methods it allows, the request headers a preflight may ask for, the response headers a
 * browser may expose to scripts, and how long a preflight may be cached (null: unsaid).
 *
 * <p>Origins and allowed headers may hold one {@code *}, matching any run of characters;
 * header names match case-insensitively, origins exactly (S3 compares them as given).
 */
record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods,
    List<String> allowedHeaders, List<String> exposeHeaders, Integer maxAgeSeconds) {

  CorsRule {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedMethods = List.copyOf(allowedMethods);
    allowedHeaders = List.copyOf(allowedHeaders);
    exposeHeaders = List.copyOf(exposeHeaders);
  }

  /** The origin pattern of this rule that {@code origin} matches, or null if none does. */
  String matchingOrigin(String origin) {
    for (String pattern : allowedOrigins) {
      if (matches(pattern, origin)) {
        return pattern;
      }
    }
    return null;
  }

  /**
   * Whether this rule allows a request from {@code origin} with {@code method} asking for every
   * header in {@code requestHeaders} (names, any case).
   */
  boolean allows(String origin, String method, List<String> requestHeaders) {
    if (matchingOrigin(origin) == null || !allowedMethods.contains(method)) {
      return false;
    }
    for (String header : requestHeaders) {
      String name = header.toLowerCase(Locale.ROOT);
      if (allowedHeaders.stream()
          .noneMatch(p -> matches(p.toLowerCase(Locale.ROOT), name))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code value} matches {@code pattern}, whose one {@code *} matches any run. */
  static boolean matches(String pattern, String value) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(value);
    }
    String prefix = pattern.substring(0, star);
    String suffix = pattern.substring(star + 1);
    return value.length() >= prefix.length() + suffix.length()
        && value.startsWith(prefix) && value.endsWith(suffix);
  }
}
