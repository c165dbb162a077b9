package io.cairn.s3;

import io.cairn.catalog.KeyGlob;
import io.cairn.catalog.ObjectFilter;
import io.cairn.objects.ObjectListing;
import io.cairn.objects.ObjectSearch;
import io.cairn.objects.ObjectService;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Filtered listing, Cairn's extension to ListObjects (v1 and v2): extra query parameters, which
 * any S3 client can add to a signed request, keep only the keys that pass all of them.
 *
 * <ul>
 *   <li>{@code x-cairn-meta-NAME=VALUE}: user metadata {@code NAME} is exactly {@code VALUE};
 *   <li>{@code x-cairn-has-meta=NAME[,NAME...]}: those user metadata are present;
 *   <li>{@code x-cairn-min-size=N}, {@code x-cairn-max-size=N}: size bounds in bytes, inclusive;
 *   <li>{@code x-cairn-modified-after=T}, {@code x-cairn-modified-before=T}: Last-Modified strictly
 *       after / before {@code T} (ISO-8601, e.g. {@code 2026-11-21T05:00:00Z}; milliseconds);
 *   <li>{@code x-cairn-key-glob=GLOB}: the key matches ({@link KeyGlob}: {@code *}, {@code **},
 *       {@code ?}, {@code \} escapes);
 *   <li>{@code x-cairn-max-scan=N}: read at most N (≤ 10,000, the default) catalog rows.
 * </ul>
 *
 * Paging is ListObjects': {@code max-keys} counts matching keys, but a page ends early, maybe
 * empty and still truncated, when the request has read its rows; the continuation token (or
 * NextMarker) then points past the rows read. {@code delimiter} cannot be combined with filters;
 * an unknown {@code x-cairn-*} parameter is InvalidArgument rather than silently ignored.
 */
final class FilteredListing {
  static final String PARAMETER_PREFIX = "x-cairn-";
  private static final String META = "x-cairn-meta-";
  private static final Set<String> KNOWN = Set.of("x-cairn-has-meta", "x-cairn-min-size",
      "x-cairn-max-size", "x-cairn-modified-after", "x-cairn-modified-before", "x-cairn-key-glob",
      "x-cairn-max-scan");

  private final ObjectSearch search;

  FilteredListing(ObjectService objects) {
    this.search = new ObjectSearch(objects);
  }

  /** Whether the request asks for a filtered listing. */
  static boolean applies(S3Request r) {
    return r.query().stream().anyMatch(p -> p.name().startsWith(PARAMETER_PREFIX));
  }

  ObjectListing page(S3Exchange x, String prefix, String delimiter, String after, int maxKeys)
      throws IOException {
    S3Request r = x.request();
    if (delimiter != null && !delimiter.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "A filtered listing (x-cairn-* parameters) cannot have a delimiter");
    }
    int scan = r.intParam("x-cairn-max-scan", ObjectSearch.DEFAULT_SCAN_LIMIT,
        ObjectSearch.DEFAULT_SCAN_LIMIT);
    return search.list(x.owner(), x.bucket(), prefix, filter(r), after, maxKeys, scan);
  }

  static ObjectFilter filter(S3Request r) {
    Map<String, String> metadata = new LinkedHashMap<>();
    Set<String> present = new LinkedHashSet<>();
    for (QueryParameter p : r.query()) {
      String name = p.name();
      if (!name.startsWith(PARAMETER_PREFIX)) {
        continue;
      }
      if (name.startsWith(META) && name.length() > META.length()) {
        metadata.put(name.substring(META.length()).toLowerCase(Locale.ROOT), p.value());
      } else if (name.equals("x-cairn-has-meta")) {
        for (String n : p.value().split(",")) {
          if (!n.isBlank()) {
            present.add(n.strip());
          }
        }
      } else if (!KNOWN.contains(name)) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown filter parameter " + name);
      }
    }
    Instant after = time(r, "x-cairn-modified-after");
    try {
      String glob = r.param("x-cairn-key-glob");
      return new ObjectFilter(size(r, "x-cairn-min-size"), size(r, "x-cairn-max-size"),
          after == null ? null : after.truncatedTo(ChronoUnit.MILLIS).plusMillis(1),
          time(r, "x-cairn-modified-before"), metadata, present,
          glob == null ? null : KeyGlob.of(glob));
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
  }

  private static Long size(S3Request r, String name) {
    String v = r.param(name);
    if (v == null) {
      return null;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid value for " + name + ": " + v);
  }

  private static Instant time(S3Request r, String name) {
    String v = r.param(name);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Invalid value for " + name + " (want ISO-8601, e.g. 2026-11-21T05:00:00Z): " + v);
    }
  }
}
