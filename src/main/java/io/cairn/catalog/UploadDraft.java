package io.cairn.catalog;

import java.util.Map;

/** What CreateMultipartUpload stores; nulls mean none (storage class: {@code STANDARD}). */
public record UploadDraft(
    String key,
    String initiator,
    String owner,
    ContentHeaders headers,
    Map<String, String> userMetadata,
    String checksumAlgorithm,
    String storageClass,
    Map<String, String> tags,
    Acl acl) {

  public static UploadDraft of(String key, String owner) {
    return new UploadDraft(
        key, owner, owner, ContentHeaders.none(), Map.of(), null, null, Map.of(), Acl.none());
  }
}
