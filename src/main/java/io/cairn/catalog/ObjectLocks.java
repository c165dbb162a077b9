package io.cairn.catalog;

import java.util.Optional;

/**
 * The S3 Object Lock state the catalog keeps: the lock of each object version, the lock a
 * multipart upload asked for, and the removal of a version checked against its lock.
 *
 * <ul>
 *   <li><b>Atomicity and durability</b>: every mutation is one transaction, durable when it returns;
 *       {@link #change} and {@link #deleteVersion} decide on the state they read in that same
 *       transaction, so a concurrent change cannot slip between the check and the write.
 *   <li><b>Addressing</b>: {@code versionId} null means the latest version, which must not be a
 *       delete marker; a delete marker has no lock.
 *   <li><b>Missing bucket</b>: {@link NotFoundException}.
 *   <li>Safe for concurrent use.
 * </ul>
 */
public interface ObjectLocks {

  /** A decision on a version's lock, made inside the catalog's transaction. */
  interface Change {
    /**
     * The new state given the current one; throwing (a {@link ConflictException}, say) refuses
     * the change, and the exception propagates with nothing changed.
     */
    VersionLock apply(VersionLock current) throws CatalogException;
  }

  /** The lock of a version; empty if there is no such version (or it is a delete marker). */
  Optional<VersionLock> lock(String bucket, String key, String versionId) throws CatalogException;

  /**
   * Replaces the lock of a version with what {@code change} decides from the current one.
   *
   * @return the version id changed
   * @throws NotFoundException if there is no such version
   */
  String change(String bucket, String key, String versionId, Change change)
      throws CatalogException;

  /** Whether a version's current lock lets it be removed. */
  interface Removable {
    /** True to remove; false refuses (ConflictException). */
    boolean test(VersionLock current);
  }

  /**
   * {@link ObjectEntries#deleteVersion} if {@code removable} accepts the version's lock (a delete
   * marker's is {@link VersionLock#NONE}); empty when there was no such version.
   *
   * @throws ConflictException if {@code removable} refused; nothing changed
   */
  Optional<ObjectEntry> deleteVersion(String bucket, String key, String versionId,
      Removable removable) throws CatalogException;

  /**
   * Records the lock document a multipart upload asked for (opaque here).
   *
   * @throws NotFoundException if there is no such upload
   */
  void setUploadLock(String uploadId, String document) throws CatalogException;

  /** The document {@link #setUploadLock} recorded; empty if none or no such upload. */
  Optional<String> uploadLock(String uploadId) throws CatalogException;
}
