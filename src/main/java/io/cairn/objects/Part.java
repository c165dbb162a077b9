package io.cairn.objects;

import io.cairn.catalog.Checksum;
import java.time.Instant;

/**
 * One uploaded part of a multipart upload; its bytes are a blob of their own until completion.
 * {@code encryption} is the upload's, on a part just stored (what the reply reports); null on
 * parts read back from the catalog and on plain-text uploads.
 */
public record Part(int number, long blobId, long size, String etag, Instant lastModified,
    Checksum checksum, io.cairn.objects.encryption.Encryption encryption) {

  public Part(int number, long blobId, long size, String etag, Instant lastModified,
      Checksum checksum) {
    this(number, blobId, size, etag, lastModified, checksum, null);
  }

  /** This part as stored in an upload encrypted with {@code uploadEncryption}. */
  public Part withEncryption(io.cairn.objects.encryption.Encryption uploadEncryption) {
    return new Part(number, blobId, size, etag, lastModified, checksum, uploadEncryption);
  }

  /** A part uploaded without an additional checksum. */
  public Part(int number, long blobId, long size, String etag, Instant lastModified) {
    this(number, blobId, size, etag, lastModified, null);
  }
}
