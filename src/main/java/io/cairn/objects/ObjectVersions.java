package io.cairn.objects;

import io.cairn.catalog.Acl.Permission;
import io.cairn.catalog.Versioning;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3 versioning over {@link ObjectService}: a bucket's versioning state, reads of a key's latest
 * version or of a named one (delete markers included, for the front end to report), deletions that
 * leave delete markers or remove one version for good, and version listings.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Semantics</b> are decided by the catalog atomically with each write (see {@link
 *       io.cairn.catalog.ObjectEntries}): enabled, every write makes a version with a new id and
 *       keeps the others; suspended or never enabled, a write replaces the {@code "null"} version.
 *   <li><b>Blobs</b>: a version removed for good (or the "null" version a write or a delete
 *       replaced) has its blob retired ({@link BlobRetirement}) after the commit; a delete marker
 *       has no blob; older versions keep theirs.
 *   <li><b>Durability, access, failures, thread safety</b>: as {@link ObjectService}.
 * </ul>
 */
public final class ObjectVersions {
  /** The version id of versions written while versioning was unset or suspended. */
  public static final String NULL_VERSION = io.cairn.catalog.ObjectEntries.NULL_VERSION;

  /** The ids the catalog gives versions: 128 random bits in lowercase hex. */
  private static final Pattern VERSION_ID = Pattern.compile("[0-9a-f]{32}");

  private final ObjectService objects;
  private final ObjectCatalog catalog;

  public ObjectVersions(ObjectService objects) {
    this.objects = objects;
    this.catalog = objects.catalog();
  }

  /** Whether {@code versionId} could name a version: {@code "null"} or an id the catalog makes. */
  public static boolean isWellFormed(String versionId) {
    return versionId != null
        && (versionId.equals(NULL_VERSION) || VERSION_ID.matcher(versionId).matches());
  }

  public Versioning versioning(String owner, String bucket) throws IOException {
    return objects.bucket(owner, bucket).versioning();
  }

  /**
   * Enables or suspends versioning. Objects already stored keep their version ids; a bucket whose
   * versioning was ever set cannot go back to unversioned (S3).
   *
   * @throws IllegalArgumentException for {@link Versioning#UNVERSIONED}
   */
  public void setVersioning(String owner, String bucket, Versioning state) throws IOException {
    if (state == Versioning.UNVERSIONED) {
      throw new IllegalArgumentException("versioning can only be enabled or suspended");
    }
    objects.bucket(owner, bucket);
    if (state == Versioning.SUSPENDED && new ObjectLock(objects).enabled(bucket)) {
      throw new ObjectServiceException(ObjectError.INVALID_BUCKET_STATE,
          "An Object Lock configuration is present on this bucket, so the versioning state cannot"
              + " be changed.");
    }
    catalog.setVersioning(bucket, state);
  }

  /**
   * The latest version of a key ({@code versionId} null) or the named version; either may be a
   * delete marker. NO_SUCH_KEY if the key has no version at all, NO_SUCH_VERSION if the named one
   * does not exist, INVALID_ARGUMENT if {@code versionId} is not well-formed.
   */
  public ObjectEntry read(String owner, String bucket, String key, String versionId)
      throws IOException {
    return read(owner, bucket, key, versionId, Permission.READ);
  }

  /**
   * {@link #read(String, String, String, String)} if {@code requester} holds {@code needed} on
   * that version (a delete marker has no grants: it needs READ on the bucket). A missing key or
   * version is reported only to those who may list the bucket; others get ACCESS_DENIED, so keys
   * do not leak.
   */
  public ObjectEntry read(String requester, String bucket, String key, String versionId,
      Permission needed) throws IOException {
    Bucket b = catalog.bucket(bucket).orElseThrow(
        () -> new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket));
    Optional<ObjectEntry> found;
    if (versionId == null) {
      found = catalog.latestVersion(bucket, key);
    } else {
      requireWellFormed(versionId);
      found = catalog.version(bucket, key, versionId);
    }
    if (found.isEmpty() || found.get().deleteMarker()) {
      Access.check(requester, b, Permission.READ);
      return found.orElseThrow(() -> versionId == null
          ? new ObjectServiceException(ObjectError.NO_SUCH_KEY, key)
          : new ObjectServiceException(ObjectError.NO_SUCH_VERSION, versionId));
    }
    Access.check(requester, found.get(), needed);
    return found.get();
  }

  /**
   * What a deletion did, as S3 reports it.
   *
   * @param versionId the delete marker made, or the version removed (as named, even if there was
   *     no such version: deleting is idempotent); null when an unversioned object was removed
   * @param deleteMarker whether a delete marker was made, or the version removed was one
   */
  public record Deletion(String versionId, boolean deleteMarker) {}

  /**
   * S3 DeleteObject. Without a version id: in an unversioned bucket the object goes; enabled, a
   * delete marker becomes the latest version; suspended, the "null" version goes and a "null"
   * delete marker takes its place. With one: that version (or delete marker) goes for good, the
   * next newest becomes the latest, and a missing version is no error (INVALID_ARGUMENT only if
   * the id is not well-formed).
   */
  public Deletion delete(String owner, String bucket, String key, String versionId)
      throws IOException {
    return delete(owner, bucket, key, versionId, false);
  }

  /**
   * {@link #delete(String, String, String, String)} under S3 Object Lock: a version it protects
   * is not removed (ACCESS_DENIED, see {@link ObjectLock#removable}); {@code bypassGovernance}
   * ({@code x-amz-bypass-governance-retention}) lifts a GOVERNANCE retention for a requester with
   * the bucket's owner role.
   */
  public Deletion delete(String owner, String bucket, String key, String versionId,
      boolean bypassGovernance) throws IOException {
    Bucket b = objects.bucket(owner, bucket, Permission.WRITE);
    if (versionId == null) {
      ObjectCatalog.Removal removal =
          catalog.removeOrMark(bucket, key, owner != null ? owner : b.owner());
      removal.removed().ifPresent(this::retire);
      return removal.marker()
          .map(m -> new Deletion(m.versionId(), true))
          .orElseGet(() -> new Deletion(null, false));
    }
    requireWellFormed(versionId);
    boolean bypass = bypassGovernance && new ObjectLock(objects).ownerRole(owner, bucket);
    Instant now = objects.now();
    Optional<ObjectEntry> removed = catalog.versionLocks().deleteVersion(bucket, key, versionId,
        lock -> ObjectLock.removable(lock, bypass, now));
    removed.ifPresent(this::retire);
    return new Deletion(versionId, removed.map(ObjectEntry::deleteMarker).orElse(false));
  }

  /**
   * A page of ListObjectVersions: every version and delete marker under {@code prefix} after
   * ({@code keyMarker}, {@code versionIdMarker}), rolled up at {@code delimiter} (null: none), at
   * most {@code maxKeys} versions and prefixes together. INVALID_ARGUMENT for a version-id marker
   * without a key marker or not well-formed.
   */
  public VersionListing list(String owner, String bucket, String prefix, String delimiter,
      String keyMarker, String versionIdMarker, int maxKeys) throws IOException {
    objects.bucket(owner, bucket, Permission.READ);
    if (versionIdMarker != null) {
      if (keyMarker == null) {
        throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT,
            "A version-id marker cannot be specified without a key marker.");
      }
      requireWellFormed(versionIdMarker);
    }
    if (maxKeys <= 0) {
      return new VersionListing(List.of(), List.of(), false, null, null);
    }
    return catalog.versions(bucket, prefix, delimiter, keyMarker, versionIdMarker, maxKeys);
  }

  private void retire(ObjectEntry removed) {
    if (!removed.deleteMarker()) {
      objects.retirement().retire(removed.blobId());
    }
  }

  private static void requireWellFormed(String versionId) throws ObjectServiceException {
    if (!isWellFormed(versionId)) {
      throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT,
          "Invalid version id specified");
    }
  }
}
