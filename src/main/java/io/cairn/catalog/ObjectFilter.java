package io.cairn.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a filtered listing keeps, beside its prefix: every condition set must hold (a null or empty
 * one is not set). Size and time bounds and metadata conditions are evaluated by the database;
 * the glob is matched in Java, after its literal prefix narrowed the key range.
 *
 * @param minSize the least size in bytes (inclusive), or null
 * @param maxSize the greatest size in bytes (inclusive), or null
 * @param modifiedFrom the earliest last-modified time (inclusive), or null
 * @param modifiedBefore the time last-modified must be before (exclusive), or null; both times
 *     count in whole milliseconds, as the catalog keeps them
 * @param metadata user metadata entries that must be present with exactly these values (names
 *     are case-insensitive, as HTTP header names: they are kept lowercase)
 * @param metadataPresent user metadata names that must be present, with any value
 * @param keyGlob the glob the whole key must match, or null
 */
public record ObjectFilter(
    Long minSize,
    Long maxSize,
    Instant modifiedFrom,
    Instant modifiedBefore,
    Map<String, String> metadata,
    Set<String> metadataPresent,
    KeyGlob keyGlob) {

  private static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

  /** Keeps everything. */
  public static final ObjectFilter NONE = new ObjectFilter(null, null, null, null, null, null, null);

  public ObjectFilter {
    // The catalog keeps times in milliseconds.
    modifiedFrom = modifiedFrom == null ? null : modifiedFrom.truncatedTo(ChronoUnit.MILLIS);
    modifiedBefore = modifiedBefore == null ? null : modifiedBefore.truncatedTo(ChronoUnit.MILLIS);
    Map<String, String> m = new TreeMap<>();
    if (metadata != null) {
      metadata.forEach((k, v) -> m.put(name(k), java.util.Objects.requireNonNull(v, k)));
    }
    metadata = Map.copyOf(m);
    Set<String> p = new TreeSet<>();
    if (metadataPresent != null) {
      metadataPresent.forEach(n -> p.add(name(n)));
    }
    metadataPresent = Set.copyOf(p);
  }

  /**
   * A metadata name as stored: lowercase. {@link IllegalArgumentException} unless it is an HTTP
   * header token (what {@code x-amz-meta-NAME} can carry), which also keeps it safe in a JSON path.
   */
  private static String name(String name) {
    if (name == null || !TOKEN.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metadata name: " + name);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /** Whether an entry passes every condition (what the database and the glob check together). */
  public boolean test(ObjectEntry e) {
    if (minSize != null && e.size() < minSize || maxSize != null && e.size() > maxSize) {
      return false;
    }
    if (modifiedFrom != null && e.lastModified().isBefore(modifiedFrom)
        || modifiedBefore != null && !e.lastModified().isBefore(modifiedBefore)) {
      return false;
    }
    for (var m : metadata.entrySet()) {
      if (!m.getValue().equals(e.userMetadata().get(m.getKey()))) {
        return false;
      }
    }
    for (String name : metadataPresent) {
      if (!e.userMetadata().containsKey(name)) {
        return false;
      }
    }
    return keyGlob == null || keyGlob.matches(e.key());
  }
}
