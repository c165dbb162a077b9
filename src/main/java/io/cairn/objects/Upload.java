package io.cairn.objects;

import java.time.Instant;

/**
 * A multipart upload in progress. The metadata is what the object will carry once completed;
 * {@code checksumAlgorithm} (e.g. {@code SHA256}, null if none) is the additional checksum every
 * part carries and the object gets as a composite ({@code checksum(checksums)-N});
 * {@code encryption} (null: plain text) is how every part is encrypted, with the upload's data key.
 */
public record Upload(
    String id, String bucket, String key, String owner, Instant initiated,
    ObjectMetadata metadata, String checksumAlgorithm,
    io.cairn.objects.encryption.Encryption encryption) {

  /** An upload whose object is stored in plain text. */
  public Upload(String id, String bucket, String key, String owner, Instant initiated,
      ObjectMetadata metadata, String checksumAlgorithm) {
    this(id, bucket, key, owner, initiated, metadata, checksumAlgorithm, null);
  }

  public Upload(String id, String bucket, String key, String owner, Instant initiated,
      ObjectMetadata metadata) {
    this(id, bucket, key, owner, initiated, metadata, null);
  }
}
