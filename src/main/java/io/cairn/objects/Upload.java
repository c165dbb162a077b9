package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.objects.encryption.Encryption;
import java.time.Instant;
import java.util.Map;

/**
 * A multipart upload in progress. The metadata is what the object will carry once completed;
 * {@code checksumAlgorithm} (e.g. {@code SHA256}, null if none) is the additional checksum every
 * part carries and the object gets as a composite ({@code checksum(checksums)-N}); {@code acl}
 * the grants the object gets beside its owner's (the upload's initiator); {@code tags} the tag
 * set the object gets; {@code encryption} (null: plain text) is how every part is encrypted, with
 * the upload's data key.
 */
public record Upload(
    String id, String bucket, String key, String owner, Instant initiated,
    ObjectMetadata metadata, String checksumAlgorithm, Acl acl, Map<String, String> tags,
    Encryption encryption) {

  public Upload {
    acl = acl == null ? Acl.none() : acl;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** An upload whose object is stored in plain text, without grants or tags. */
  public Upload(String id, String bucket, String key, String owner, Instant initiated,
      ObjectMetadata metadata, String checksumAlgorithm) {
    this(id, bucket, key, owner, initiated, metadata, checksumAlgorithm, null, null, null);
  }

  public Upload(String id, String bucket, String key, String owner, Instant initiated,
      ObjectMetadata metadata) {
    this(id, bucket, key, owner, initiated, metadata, null);
  }
}
