package io.cairn.catalog;

import java.time.Instant;

/**
 * The S3 Object Lock state of one object version as the catalog stores it: a retention ({@code
 * mode} {@code "GOVERNANCE"} or {@code "COMPLIANCE"} with {@code retainUntil}; both null for none)
 * and a legal hold (null when never set, which S3 tells apart from OFF). The catalog does not
 * interpret the mode; the objects layer does.
 */
public record VersionLock(String mode, Instant retainUntil, Boolean legalHold) {
  /** No retention and no legal hold ever set. */
  public static final VersionLock NONE = new VersionLock(null, null, null);

  public VersionLock {
    if ((mode == null) != (retainUntil == null)) {
      throw new IllegalArgumentException("a retention needs both a mode and a date");
    }
  }

  /** This state with another retention (both null: none). */
  public VersionLock withRetention(String newMode, Instant newUntil) {
    return new VersionLock(newMode, newUntil, legalHold);
  }

  /** This state with the legal hold on or off. */
  public VersionLock withLegalHold(boolean on) {
    return new VersionLock(mode, retainUntil, on);
  }
}
