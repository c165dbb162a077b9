package io.cairn.catalog;

import java.util.Map;

/**
 * What CreateMultipartUpload stores; nulls mean none (storage class: {@code STANDARD}; encryption:
 * plain text, else the objects layer's opaque encryption document).
 */
public record UploadDraft(
    String key,
    String initiator,
    String owner,
    ContentHeaders headers,
    Map<String, String> userMetadata,
    String checksumAlgorithm,
    String storageClass,
    Map<String, String> tags,
    Acl acl,
    String encryption) {

  /** A draft of an upload whose object is stored in plain text. */
  public UploadDraft(String key, String initiator, String owner, ContentHeaders headers,
      Map<String, String> userMetadata, String checksumAlgorithm, String storageClass,
      Map<String, String> tags, Acl acl) {
    this(key, initiator, owner, headers, userMetadata, checksumAlgorithm, storageClass, tags, acl,
        null);
  }

  public static UploadDraft of(String key, String owner) {
    return new UploadDraft(
        key, owner, owner, ContentHeaders.none(), Map.of(), null, null, Map.of(), Acl.none());
  }
}
