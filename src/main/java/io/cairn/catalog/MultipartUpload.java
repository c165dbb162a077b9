package io.cairn.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * An in-progress multipart upload and what to apply to the object when it completes: headers, user
 * metadata, checksum algorithm (null: none), storage class, tags, ACL and encryption document
 * (null: plain text). {@code initiator} and
 * {@code owner} are canonical user ids.
 */
public record MultipartUpload(
    String uploadId,
    String bucket,
    String key,
    String initiator,
    String owner,
    Instant created,
    ContentHeaders headers,
    Map<String, String> userMetadata,
    String checksumAlgorithm,
    String storageClass,
    Map<String, String> tags,
    Acl acl,
    String encryption) {

  /** An upload whose object is stored in plain text. */
  public MultipartUpload(String uploadId, String bucket, String key, String initiator,
      String owner, Instant created, ContentHeaders headers, Map<String, String> userMetadata,
      String checksumAlgorithm, String storageClass, Map<String, String> tags, Acl acl) {
    this(uploadId, bucket, key, initiator, owner, created, headers, userMetadata,
        checksumAlgorithm, storageClass, tags, acl, null);
  }
}
