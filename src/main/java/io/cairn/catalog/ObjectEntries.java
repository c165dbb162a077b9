package io.cairn.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Objects and their versions, with S3 versioning semantics decided here, atomically with the
 * bucket's versioning state read in the same transaction.
 *
 * <ul>
 *   <li><b>Atomicity and durability</b>: every mutation is one transaction, durable when it returns;
 *       at any moment each key has at most one latest version, and it is the newest.
 *   <li><b>Blobs</b>: the catalog only records blob ids. An outcome that reports a removed or
 *       replaced row hands that row's blob to the caller to delete (after the commit, so a crash
 *       can only leak a blob, never lose a live one).
 *   <li><b>Order</b>: keys in UTF-8 byte order (S3's), versions of a key newest first.
 *   <li><b>Keys</b>: any non-empty Unicode string without U+0000 (PostgreSQL text cannot hold it).
 *   <li><b>Missing bucket</b>: {@link NotFoundException} from every method that takes one.
 *   <li>Safe for concurrent use.
 * </ul>
 */
public interface ObjectEntries {

  /** The version id of versions written while versioning was unset or suspended. */
  String NULL_VERSION = "null";

  /**
   * Stores a new version of {@code draft.key()} as the latest. Versioning enabled: a new random
   * version id, older versions kept. Unset or suspended: version id "null", replacing the previous
   * "null" version (reported in the outcome) and keeping the others.
   */
  PutOutcome put(String bucket, ObjectDraft draft) throws CatalogException;

  /**
   * {@link #put(String, ObjectDraft)} if {@code condition} accepts the key's current latest
   * version (empty when there is none or it is a delete marker), read in the same transaction;
   * otherwise nothing changes and {@link ConflictException} is thrown (S3 conditional writes).
   */
  PutOutcome put(String bucket, ObjectDraft draft, Predicate<Optional<ObjectEntry>> condition)
      throws CatalogException;

  /** The latest version of a key, which may be a delete marker. */
  Optional<ObjectEntry> latest(String bucket, String key) throws CatalogException;

  /** A specific version (or delete marker) of a key. */
  Optional<ObjectEntry> version(String bucket, String key, String versionId)
      throws CatalogException;

  /**
   * S3 DeleteObject without a version id. Unset versioning: removes the object (if any).
   * Enabled: adds a delete marker owned by {@code requester} as the latest version. Suspended:
   * removes the "null" version (if any) and adds a "null" delete marker. {@code requester} (a
   * canonical user id) may be null only in an unversioned bucket.
   */
  DeleteOutcome delete(String bucket, String key, String requester) throws CatalogException;

  /**
   * Permanently removes one version or delete marker; if it was the latest, the next newest
   * becomes latest. Empty when there was no such version.
   */
  Optional<ObjectEntry> deleteVersion(String bucket, String key, String versionId)
      throws CatalogException;

  /**
   * Replaces the ACL of a version ({@code versionId} null: of the latest, which must not be a
   * delete marker). @throws NotFoundException if there is no such object version
   */
  void setAcl(String bucket, String key, String versionId, Acl acl) throws CatalogException;

  /** Replaces the tags, with the same addressing as {@link #setAcl}. */
  void setTags(String bucket, String key, String versionId, Map<String, String> tags)
      throws CatalogException;

  /**
   * ListObjects (V1 and V2): latest non-deleted versions with keys starting with {@code prefix}
   * (null or empty: all) and greater than {@code startAfter} (null: from the start), rolled up at
   * {@code delimiter} (null or empty: no roll-up), at most {@code maxKeys} keys plus prefixes.
   * Runs on one snapshot, walking the key index: cost is proportional to the page, not the bucket
   * (every rolled-up prefix is skipped with one index seek).
   */
  ObjectListing list(String bucket, String prefix, String delimiter, String startAfter, int maxKeys)
      throws CatalogException;

  /**
   * A filtered ListObjects page: latest non-deleted versions with keys starting with {@code prefix}
   * (null or empty: all) and greater than {@code startAfter} (null: from the start) that pass
   * {@code filter}, at most {@code maxKeys}, in key order. Runs on one snapshot and reads at most
   * about {@code scanLimit} (≥ 1) index rows: when they run out first the page is truncated, maybe
   * with fewer than {@code maxKeys} keys or none, and {@code nextMarker} (then the last key read,
   * which need not be in the page) continues the listing as the next call's {@code startAfter}.
   */
  ObjectListing listFiltered(
      String bucket,
      String prefix,
      ObjectFilter filter,
      String startAfter,
      int maxKeys,
      int scanLimit)
      throws CatalogException;

  /**
   * ListObjectVersions: every version and delete marker, after the position given by {@code
   * keyMarker} and {@code versionIdMarker} (S3 semantics: with only a key marker, starts after all
   * versions of that key).
   */
  VersionListing listVersions(
      String bucket,
      String prefix,
      String delimiter,
      String keyMarker,
      String versionIdMarker,
      int maxKeys)
      throws CatalogException;
}
