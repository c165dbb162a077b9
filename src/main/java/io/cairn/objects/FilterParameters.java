package io.cairn.objects;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The text forms a filtered listing's conditions take in a request, the same in both front ends
 * that offer one (S3's {@code x-cairn-*} parameters and the REST API's query): byte counts,
 * ISO-8601 times and comma-separated metadata names. Each parse returns null for an absent
 * (null) value and throws {@link IllegalArgumentException} naming the parameter for a bad one;
 * each front end renders that as its InvalidArgument error.
 */
public final class FilterParameters {
  private FilterParameters() {}

  /** A whole number ≥ 0, such as a size in bytes. */
  public static Long count(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      long n = Long.parseLong(value.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the one message for every bad value
    }
    throw new IllegalArgumentException("Invalid value for " + name + ": " + value);
  }

  /** An ISO-8601 time with its offset, such as {@code 2026-11-21T05:00:00Z}. */
  public static Instant time(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid value for " + name
          + " (want ISO-8601, e.g. 2026-11-21T05:00:00Z): " + value);
    }
  }

  /**
   * The first millisecond after an exclusive "modified after" time: the inclusive lower bound
   * {@link io.cairn.catalog.ObjectFilter#modifiedFrom()} takes, as the catalog keeps milliseconds.
   */
  public static Instant after(String name, String value) {
    Instant t = time(name, value);
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1);
  }

  /** Comma-separated names, blank ones skipped, each stripped; empty for null. */
  public static Set<String> names(String value) {
    Set<String> names = new LinkedHashSet<>();
    if (value != null) {
      for (String n : value.split(",")) {
        if (!n.isBlank()) {
          names.add(n.strip());
        }
      }
    }
    return names;
  }
}
