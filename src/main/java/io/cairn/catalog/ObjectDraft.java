package io.cairn.catalog;

import java.util.List;
import java.util.Map;

/**
 * What a PUT (or a completed multipart upload, or a copy) stores for a new object version; the
 * catalog adds the version id, latest flag and last-modified time. {@code checksum} may be null;
 * null headers, metadata, ACL and tags mean none; null storage class means {@code STANDARD};
 * {@code partSizes}, {@code encryption} and {@code inline} as in {@link ObjectEntry} (null: one
 * piece, plain text, bytes in a blob). An inline body comes with blob id 0 and its own length as
 * the size. {@code lock} decides the new version's Object Lock state in the inserting transaction
 * (null: none).
 */
public record ObjectDraft(
    String key,
    long blobId,
    long size,
    String etag,
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
    InitialLock lock) {

  public ObjectDraft {
    if (inline != null && (blobId != 0 || size != inline.length())) {
      throw new IllegalArgumentException(
          "an inline body comes with blob id 0 and its length as the size");
    }
  }

  /** A draft of an object whose bytes are in a blob, without an Object Lock state. */
  public ObjectDraft(String key, long blobId, long size, String etag, ContentHeaders headers,
      Map<String, String> userMetadata, Checksum checksum, String owner, Acl acl,
      Map<String, String> tags, String storageClass, List<Long> partSizes, String encryption) {
    this(key, blobId, size, etag, headers, userMetadata, checksum, owner, acl, tags, storageClass,
        partSizes, encryption, null, null);
  }

  /** This draft with the lock its version starts with. */
  public ObjectDraft withLock(InitialLock newLock) {
    return new ObjectDraft(key, blobId, size, etag, headers, userMetadata, checksum, owner, acl,
        tags, storageClass, partSizes, encryption, inline, newLock);
  }

  /** A draft of an object stored in plain text. */
  public ObjectDraft(String key, long blobId, long size, String etag, ContentHeaders headers,
      Map<String, String> userMetadata, Checksum checksum, String owner, Acl acl,
      Map<String, String> tags, String storageClass, List<Long> partSizes) {
    this(key, blobId, size, etag, headers, userMetadata, checksum, owner, acl, tags, storageClass,
        partSizes, null);
  }

  /** A draft of an object stored in one piece. */
  public ObjectDraft(String key, long blobId, long size, String etag, ContentHeaders headers,
      Map<String, String> userMetadata, Checksum checksum, String owner, Acl acl,
      Map<String, String> tags, String storageClass) {
    this(key, blobId, size, etag, headers, userMetadata, checksum, owner, acl, tags, storageClass,
        null);
  }

  /** A draft with only the essentials: no headers, metadata, checksum, grants or tags. */
  public static ObjectDraft of(String key, long blobId, long size, String etag, String owner) {
    return new ObjectDraft(
        key, blobId, size, etag, ContentHeaders.none(), Map.of(), null, owner, Acl.none(),
        Map.of(), null);
  }
}
