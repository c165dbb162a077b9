package io.cairn.objects;

import io.cairn.catalog.Checksum;
import java.time.Instant;
import java.util.List;

/**
 * An object as the catalog records it: where its bytes are and what S3 says about it.
 *
 * @param blobId the blob holding the bytes, written once and never changed afterwards
 * @param owner the user who stored it
 * @param etag the entity tag without quotes: hex MD5 for single-part objects, {@code
 *     hex(md5(md5s))-N} for multipart ones
 * @param checksum the additional checksum ({@code x-amz-checksum-*}) the object was stored with
 *     and verified against, or null
 * @param partSizes the sizes of the parts a completed multipart upload joined, in order (what
 *     GET ?partNumber=N addresses); null for an object stored in one piece
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
    List<Long> partSizes) {

  /** An object stored in one piece. */
  public ObjectEntry(String bucket, String key, String owner, long blobId, long size, String etag,
      Instant lastModified, ObjectMetadata metadata, Checksum checksum) {
    this(bucket, key, owner, blobId, size, etag, lastModified, metadata, checksum, null);
  }
}
