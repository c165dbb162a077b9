package io.cairn.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of an object (or a delete marker) as stored in the catalog. {@code versionId} is
 * {@value ObjectEntries#NULL_VERSION} for the version written while versioning was unset or
 * suspended. {@code blobId} names the blob holding the bytes (0 for delete markers); {@code owner}
 * is a canonical user id. {@code partSizes} are the sizes of the parts of an object completed from
 * a multipart upload, in order; null for an object stored in one piece. {@code encryption} is the
 * objects layer's server-side encryption document (opaque here); null for plain text. {@code
 * inline} holds the bytes of an object stored in its row (then {@code blobId} is 0); null for one
 * stored in a blob, for a delete marker, and in the entries of listings and those a write reports
 * as replaced or removed (which never read bodies: only {@link ObjectEntries#latest} and {@link
 * ObjectEntries#version} do).
 * {@code lock} is the version's S3 Object Lock state, read with the row ({@link VersionLock#NONE}
 * when null).
 */
public record ObjectEntry(
    String bucket,
    String key,
    String versionId,
    boolean latest,
    boolean deleteMarker,
    long blobId,
    long size,
    String etag,
    Instant lastModified,
    ContentHeaders headers,
    Map<String, String> userMetadata,
    Checksum checksum,
    String owner,
    Acl acl,
    Map<String, String> tags,
    String storageClass,
    List<Long> partSizes,
    String encryption,
    InlineBody inline,
    VersionLock lock) {

  public ObjectEntry {
    lock = lock == null ? VersionLock.NONE : lock;
  }

  /** An entry of an object whose bytes are in a blob, without an Object Lock state. */
  public ObjectEntry(String bucket, String key, String versionId, boolean latest,
      boolean deleteMarker, long blobId, long size, String etag, Instant lastModified,
      ContentHeaders headers, Map<String, String> userMetadata, Checksum checksum, String owner,
      Acl acl, Map<String, String> tags, String storageClass, List<Long> partSizes,
      String encryption) {
    this(bucket, key, versionId, latest, deleteMarker, blobId, size, etag, lastModified, headers,
        userMetadata, checksum, owner, acl, tags, storageClass, partSizes, encryption, null,
        VersionLock.NONE);
  }

  /** An entry of an object stored in plain text. */
  public ObjectEntry(String bucket, String key, String versionId, boolean latest,
      boolean deleteMarker, long blobId, long size, String etag, Instant lastModified,
      ContentHeaders headers, Map<String, String> userMetadata, Checksum checksum, String owner,
      Acl acl, Map<String, String> tags, String storageClass, List<Long> partSizes) {
    this(bucket, key, versionId, latest, deleteMarker, blobId, size, etag, lastModified, headers,
        userMetadata, checksum, owner, acl, tags, storageClass, partSizes, null);
  }

  /** An entry of an object stored in one piece. */
  public ObjectEntry(String bucket, String key, String versionId, boolean latest,
      boolean deleteMarker, long blobId, long size, String etag, Instant lastModified,
      ContentHeaders headers, Map<String, String> userMetadata, Checksum checksum, String owner,
      Acl acl, Map<String, String> tags, String storageClass) {
    this(bucket, key, versionId, latest, deleteMarker, blobId, size, etag, lastModified, headers,
        userMetadata, checksum, owner, acl, tags, storageClass, null);
  }
}
