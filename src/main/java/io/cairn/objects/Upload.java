package io.cairn.objects;

import java.time.Instant;

/**
 * A multipart upload in progress. The metadata is what the object will carry once completed;
 * {@code checksumAlgorithm} (e.g. {@code SHA256}, null if none) is the additional checksum every
 * part carries and the object gets as a composite ({@code checksum(checksums)-N}); {@code acl}
 * the grants the object gets beside its owner's (the upload's initiator).
 */
public record Upload(
    String id, String bucket, String key, String owner, Instant initiated,
    ObjectMetadata metadata, String checksumAlgorithm, io.cairn.catalog.Acl acl) {

  public Upload {
    acl = acl == null ? io.cairn.catalog.Acl.none() : acl;
  }

  public Upload(String id, String bucket, String key, String owner, Instant initiated,
      ObjectMetadata metadata, String checksumAlgorithm) {
    this(id, bucket, key, owner, initiated, metadata, checksumAlgorithm, null);
  }

  public Upload(String id, String bucket, String key, String owner, Instant initiated,
      ObjectMetadata metadata) {
    this(id, bucket, key, owner, initiated, metadata, null);
  }
}
