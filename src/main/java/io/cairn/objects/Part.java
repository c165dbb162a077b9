package io.cairn.objects;

import io.cairn.catalog.Checksum;
import java.time.Instant;

/** One uploaded part of a multipart upload; its bytes are a blob of their own until completion. */
public record Part(int number, long blobId, long size, String etag, Instant lastModified,
    Checksum checksum) {

  /** A part uploaded without an additional checksum. */
  public Part(int number, long blobId, long size, String etag, Instant lastModified) {
    this(number, blobId, size, etag, lastModified, null);
  }
}
