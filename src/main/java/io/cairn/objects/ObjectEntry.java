package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Checksum;
import io.cairn.catalog.InlineBody;
import io.cairn.catalog.VersionLock;
import io.cairn.objects.encryption.Encryption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An object version as the catalog records it: where its bytes are and what S3 says about it.
 *
 * @param owner the user who stored it (canonical id)
 * @param blobId the blob holding the bytes, written once and never changed afterwards; 0 for a
 *     delete marker
 * @param etag the entity tag without quotes: hex MD5 for single-part objects, {@code
 *     hex(md5(md5s))-N} for multipart ones
 * @param checksum the additional checksum ({@code x-amz-checksum-*}) the object was stored with
 *     and verified against, or null
 * @param partSizes the sizes of the parts a completed multipart upload joined, in order (what
 *     GET ?partNumber=N addresses); null for an object stored in one piece
 * @param versionId the version id the catalog gave it ({@code "null"} outside versioning); null in
 *     an entry not yet stored
 * @param deleteMarker whether this version is a delete marker (no bytes)
 * @param acl the grants beside the owner's
 * @param tags the object's tag set
 * @param encryption how the bytes are encrypted at rest; null for plain text
 * @param inline the bytes of an object small enough to be stored in its catalog entry (then
 *     {@code blobId} is 0 and there is no blob); null for one stored in a blob, for a delete
 *     marker, and in listings (which never carry bodies). Never encrypted, never multipart.
 * @param lock the version's S3 Object Lock state as stored with it ({@link VersionLock#NONE} in an
 *     entry not yet stored: what a write asks for its version is given to the commit instead)
 */
public record ObjectEntry(
    String bucket,
    String key,
    String owner,
    long blobId,
    long size,
    String etag,
    Instant lastModified,
    ObjectMetadata metadata,
    Checksum checksum,
    List<Long> partSizes,
    String versionId,
    boolean deleteMarker,
    Acl acl,
    Map<String, String> tags,
    Encryption encryption,
    InlineBody inline,
    VersionLock lock) {

  public ObjectEntry {
    acl = acl == null ? Acl.none() : acl;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    lock = lock == null ? VersionLock.NONE : lock;
  }

  /** An entry without an Object Lock state. */
  public ObjectEntry(String bucket, String key, String owner, long blobId, long size, String etag,
      Instant lastModified, ObjectMetadata metadata, Checksum checksum, List<Long> partSizes,
      String versionId, boolean deleteMarker, Acl acl, Map<String, String> tags,
      Encryption encryption, InlineBody inline) {
    this(bucket, key, owner, blobId, size, etag, lastModified, metadata, checksum, partSizes,
        versionId, deleteMarker, acl, tags, encryption, inline, VersionLock.NONE);
  }

  /** An entry of an object whose bytes are in a blob, without an Object Lock state. */
  public ObjectEntry(String bucket, String key, String owner, long blobId, long size, String etag,
      Instant lastModified, ObjectMetadata metadata, Checksum checksum, List<Long> partSizes,
      String versionId, boolean deleteMarker, Acl acl, Map<String, String> tags,
      Encryption encryption) {
    this(bucket, key, owner, blobId, size, etag, lastModified, metadata, checksum, partSizes,
        versionId, deleteMarker, acl, tags, encryption, (InlineBody) null);
  }

  /** An entry of an object stored in plain text. */
  public ObjectEntry(String bucket, String key, String owner, long blobId, long size, String etag,
      Instant lastModified, ObjectMetadata metadata, Checksum checksum, List<Long> partSizes,
      String versionId, boolean deleteMarker, Acl acl, Map<String, String> tags) {
    this(bucket, key, owner, blobId, size, etag, lastModified, metadata, checksum, partSizes,
        versionId, deleteMarker, acl, tags, null);
  }

  /** A new object, not yet stored, without grants or tags. */
  public ObjectEntry(String bucket, String key, String owner, long blobId, long size, String etag,
      Instant lastModified, ObjectMetadata metadata, Checksum checksum, List<Long> partSizes) {
    this(bucket, key, owner, blobId, size, etag, lastModified, metadata, checksum, partSizes,
        null, false, Acl.none(), Map.of());
  }

  /** A new object stored in one piece, not yet stored, without grants or tags. */
  public ObjectEntry(String bucket, String key, String owner, long blobId, long size, String etag,
      Instant lastModified, ObjectMetadata metadata, Checksum checksum) {
    this(bucket, key, owner, blobId, size, etag, lastModified, metadata, checksum, null);
  }

  /** This entry with other grants. */
  public ObjectEntry withAcl(Acl newAcl) {
    return new ObjectEntry(bucket, key, owner, blobId, size, etag, lastModified, metadata,
        checksum, partSizes, versionId, deleteMarker, newAcl, tags, encryption, inline, lock);
  }

  /** This entry with another tag set. */
  public ObjectEntry withTags(Map<String, String> newTags) {
    return new ObjectEntry(bucket, key, owner, blobId, size, etag, lastModified, metadata,
        checksum, partSizes, versionId, deleteMarker, acl, newTags, encryption, inline, lock);
  }
}
