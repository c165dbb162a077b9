package io.cairn.objects;

import io.cairn.catalog.Versioning;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata the object service keeps: buckets, objects and multipart uploads. The seam to the
 * catalog layer ({@link CatalogObjectStore} over {@link io.cairn.catalog.Catalog}).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Durability</b>: every mutating method is durable when it returns.
 *   <li><b>Atomicity</b>: each method is one transaction; in particular {@link
 *       #deleteBucketIfEmpty} and {@link #completeUpload} keep their multi-row invariants against
 *       concurrent callers.
 *   <li><b>Order</b>: keys compare as UTF-8 byte strings, as S3 lists them.
 *   <li><b>Missing</b>: lookups return empty; mutations of a missing bucket or upload throw {@link
 *       ObjectServiceException} (NO_SUCH_BUCKET, NO_SUCH_UPLOAD).
 *   <li><b>Blobs</b>: a result that reports a replaced or removed row hands that row's blob to the
 *       caller to delete, after the commit (a crash can leak a blob, never lose a live one).
 *   <li><b>Thread safety</b>: safe for concurrent use.
 *   <li>Failures of the store itself are other {@link IOException}s.
 * </ul>
 */
public interface ObjectCatalog {

  /** Creates a bucket; false (and no change) if the name is taken by anyone. */
  default boolean createBucket(String name, String owner) throws IOException {
    return createBucket(name, owner, io.cairn.catalog.Acl.none());
  }

  /** Creates a bucket with these grants beside its owner's; false if the name is taken. */
  boolean createBucket(String name, String owner, io.cairn.catalog.Acl acl) throws IOException;

  /** Replaces a bucket's grants. NO_SUCH_BUCKET if it does not exist. */
  void setBucketAcl(String name, io.cairn.catalog.Acl acl) throws IOException;

  /**
   * Replaces the grants of an object's latest version. NO_SUCH_KEY if there is none (or it is a
   * delete marker), NO_SUCH_BUCKET if the bucket does not exist.
   */
  void setObjectAcl(String bucket, String key, io.cairn.catalog.Acl acl) throws IOException;

  /**
   * Replaces the grants of one version ({@code versionId} null: the latest). NO_SUCH_VERSION if
   * there is no such version (or it is a delete marker), NO_SUCH_BUCKET if no such bucket.
   */
  void setObjectAcl(String bucket, String key, String versionId, io.cairn.catalog.Acl acl)
      throws IOException;

  /** The user with this canonical id (grantees, display names); empty if there is none. */
  Optional<io.cairn.catalog.User> userById(String id) throws IOException;

  /** The user with this name; empty if there is none. */
  Optional<io.cairn.catalog.User> userByName(String name) throws IOException;

  Optional<Bucket> bucket(String name) throws IOException;

  /** Buckets owned by {@code owner}, by name. */
  List<Bucket> buckets(String owner) throws IOException;

  /** The outcome of {@link #deleteBucketIfEmpty}. */
  enum BucketDeletion { DELETED, NOT_FOUND, NOT_EMPTY }

  /** Deletes a bucket that holds no object and no multipart upload. */
  BucketDeletion deleteBucketIfEmpty(String name) throws IOException;

  Optional<ObjectEntry> object(String bucket, String key) throws IOException;

  /** A stored entry (as the catalog recorded it, with its time) and the one it replaced. */
  record Stored(ObjectEntry entry, Optional<ObjectEntry> replaced) {}

  /** Inserts or replaces the entry for (bucket, key); its lastModified is the catalog's. */
  default Stored putObject(ObjectEntry entry) throws IOException {
    return putObject(entry, WriteCondition.NONE, io.cairn.catalog.InitialLock.NONE);
  }

  /**
   * {@link #putObject(ObjectEntry)} if {@code condition} accepts the current object, checked in
   * the same transaction; otherwise nothing changes and the condition's refusal is thrown.
   */
  default Stored putObject(ObjectEntry entry, WriteCondition condition) throws IOException {
    return putObject(entry, condition, io.cairn.catalog.InitialLock.NONE);
  }

  /**
   * {@link #putObject(ObjectEntry, WriteCondition)} ({@link WriteCondition#NONE}: unconditional,
   * with no read of the current object) whose new version starts with the Object Lock state
   * {@code lock} decides, in the same transaction and row ({@link io.cairn.catalog.InitialLock}).
   */
  Stored putObject(ObjectEntry entry, WriteCondition condition, io.cairn.catalog.InitialLock lock)
      throws IOException;

  /** Removes the entry ({@code requester} deletes it); returns it, or empty if there was none. */
  Optional<ObjectEntry> deleteObject(String bucket, String key, String requester) throws IOException;

  /**
   * A page of the keys under {@code prefix} after {@code after} (a key or a common prefix; null:
   * from the start), rolled up at {@code delimiter} (null: none), at most {@code maxKeys} (≥ 1)
   * keys and prefixes together.
   */
  ObjectListing list(String bucket, String prefix, String delimiter, String after, int maxKeys)
      throws IOException;

  /**
   * A filtered page of the keys under {@code prefix} after {@code after} (null: from the start),
   * at most {@code maxKeys}, reading at most about {@code scanLimit} catalog rows: see {@link
   * io.cairn.catalog.ObjectEntries#listFiltered}. No common prefixes; {@code next} may be a key
   * the page does not hold.
   */
  ObjectListing listFiltered(String bucket, String prefix, io.cairn.catalog.ObjectFilter filter,
      String after, int maxKeys, int scanLimit) throws IOException;

  /** Records a new upload with a fresh unguessable id. */
  default Upload createUpload(String bucket, String key, String owner, ObjectMetadata metadata,
      String checksumAlgorithm)
      throws IOException {
    return createUpload(bucket, key, owner, metadata, checksumAlgorithm,
        io.cairn.catalog.Acl.none(), Map.of(), null);
  }

  /**
   * Records a new upload whose object will get {@code acl} and {@code tags} when completed and
   * whose parts are encrypted as {@code encryption} says (null: plain).
   */
  Upload createUpload(String bucket, String key, String owner, ObjectMetadata metadata,
      String checksumAlgorithm, io.cairn.catalog.Acl acl, Map<String, String> tags,
      io.cairn.objects.encryption.Encryption encryption)
      throws IOException;

  /** The bucket's default-encryption document (opaque here), if it has one. */
  Optional<String> encryptionConfig(String bucket) throws IOException;

  /** Stores the bucket's default-encryption document; NO_SUCH_BUCKET if there is no bucket. */
  void setEncryptionConfig(String bucket, String document) throws IOException;

  /** Removes it; false if there was none. NO_SUCH_BUCKET if there is no bucket. */
  boolean deleteEncryptionConfig(String bucket) throws IOException;

  /** The bucket's CORS document (opaque here), if it has one; empty for no such bucket. */
  Optional<String> corsConfig(String bucket) throws IOException;

  /** Stores the bucket's CORS document; NO_SUCH_BUCKET if there is no bucket. */
  void setCorsConfig(String bucket, String document) throws IOException;

  /** Removes it; false if there was none. NO_SUCH_BUCKET if there is no bucket. */
  boolean deleteCorsConfig(String bucket) throws IOException;

  Optional<Upload> upload(String uploadId) throws IOException;

  /** Records a part (replacing one with the same number); returns the replaced part. */
  Optional<Part> putPart(String uploadId, Part part) throws IOException;

  /** Up to {@code limit} parts numbered above {@code afterNumber}, by number. */
  List<Part> parts(String uploadId, int afterNumber, int limit) throws IOException;

  /**
   * Up to {@code limit} uploads of a bucket whose key starts with {@code prefix}, ordered by key
   * then initiation, after the position ({@code afterKey}, {@code afterId}); null = start, only a
   * key = after every upload of that key.
   */
  List<Upload> uploads(String bucket, String prefix, String afterKey, String afterId, int limit)
      throws IOException;

  /** Removes an upload and its parts; returns the removed parts, or empty if there was none. */
  Optional<List<Part>> deleteUpload(String uploadId) throws IOException;

  /** The outcome of {@link #completeUpload}: the object stored, every part removed. */
  record Completion(Stored stored, List<Part> parts) {}

  /**
   * In one transaction: removes the upload and its parts and puts {@code entry}. Empty if the
   * upload no longer exists (nothing changed).
   */
  default Optional<Completion> completeUpload(String uploadId, ObjectEntry entry)
      throws IOException {
    return completeUpload(uploadId, entry, io.cairn.catalog.InitialLock.NONE);
  }

  /** {@link #completeUpload(String, ObjectEntry)} whose object starts with {@code lock}'s state. */
  Optional<Completion> completeUpload(String uploadId, ObjectEntry entry,
      io.cairn.catalog.InitialLock lock) throws IOException;

  /** Sets a bucket's versioning: {@link Versioning#ENABLED} or {@link Versioning#SUSPENDED}. */
  void setVersioning(String bucket, Versioning versioning) throws IOException;

  /** Replaces a bucket's tag set (empty: none). */
  void setBucketTags(String bucket, Map<String, String> tags) throws IOException;

  /** The latest version of a key, which may be a delete marker; empty if the key has none. */
  Optional<ObjectEntry> latestVersion(String bucket, String key) throws IOException;

  /** One version (or delete marker) of a key; empty if there is no such version. */
  Optional<ObjectEntry> version(String bucket, String key, String versionId) throws IOException;

  /**
   * What an S3 DeleteObject without a version id did: the version physically removed (its blob is
   * the caller's to retire) and the delete marker made (versioning enabled or suspended).
   */
  record Removal(Optional<ObjectEntry> removed, Optional<ObjectEntry> marker) {}

  /**
   * S3 DeleteObject without a version id, decided atomically with the bucket's versioning state:
   * unversioned, removes the object; enabled, adds a delete marker owned by {@code requester};
   * suspended, removes the "null" version and adds a "null" delete marker.
   */
  Removal removeOrMark(String bucket, String key, String requester) throws IOException;

  /**
   * Permanently removes one version or delete marker (the next newest becomes the latest); returns
   * it, or empty if there was no such version.
   */
  Optional<ObjectEntry> deleteVersion(String bucket, String key, String versionId)
      throws IOException;

  /**
   * A page of every version and delete marker under {@code prefix}, keys in order and each key's
   * versions newest first, after the position ({@code keyMarker}, {@code versionIdMarker}: with
   * only a key marker, after every version of that key), rolled up at {@code delimiter}, at most
   * {@code maxKeys} (≥ 1) versions and prefixes together. One snapshot.
   */
  VersionListing versions(String bucket, String prefix, String delimiter, String keyMarker,
      String versionIdMarker, int maxKeys) throws IOException;

  /**
   * Replaces the tag set of one version ({@code versionId} null: the latest, which must not be a
   * delete marker) without touching its data or making a new version. NO_SUCH_KEY (versionId null)
   * or NO_SUCH_VERSION if there is no such version.
   */
  void setObjectTags(String bucket, String key, String versionId, Map<String, String> tags)
      throws IOException;

  /** The Object Lock state of buckets, versions and uploads ({@link ObjectLock} uses it). */
  VersionLocks versionLocks();
}
