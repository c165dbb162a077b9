package io.cairn.catalog;

/** A bucket's versioning state. A bucket that was ever versioned can only be suspended, not unset. */
public enum Versioning {
  /** Never enabled: one version per key, version id "null". */
  UNVERSIONED,
  ENABLED,
  SUSPENDED
}
