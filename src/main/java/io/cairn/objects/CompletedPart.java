package io.cairn.objects;

/**
 * A part as a CompleteMultipartUpload request names it: number, the ETag it was given and, for
 * uploads with a checksum algorithm, the part's checksum (base64; null if the request gave none).
 */
public record CompletedPart(int number, String etag, String checksum) {
  public CompletedPart(int number, String etag) {
    this(number, etag, null);
  }
}
