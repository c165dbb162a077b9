package io.cairn.catalog;

import java.time.Instant;

/**
 * The S3 Object Lock state a new object version starts with, decided by the catalog inside the
 * transaction that inserts the version and stored in the same row, so no version is ever visible
 * (or, after a crash, durable) without the lock it was written with. Asked only for a version
 * with an id of its own (versioning enabled): the {@value ObjectEntries#NULL_VERSION} version of
 * an unversioned or suspended bucket never carries a lock, and costs no call.
 */
@FunctionalInterface
public interface InitialLock {
  /** No retention, no legal hold. */
  InitialLock NONE = created -> VersionLock.NONE;

  /**
   * The lock of a version created (last modified) at {@code created}. Catalog calls made here join
   * the inserting transaction; a thrown exception aborts the write, nothing stored.
   */
  VersionLock of(Instant created) throws CatalogException;
}
