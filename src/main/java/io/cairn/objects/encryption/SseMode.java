package io.cairn.objects.encryption;

/** How an object's bytes are encrypted at rest, in S3's terms. */
public enum SseMode {
  /** SSE-S3 ({@code x-amz-server-side-encryption: AES256}): the key ring's own S3 master key. */
  S3("AES256"),
  /** SSE-KMS ({@code aws:kms}): a named master key of the key ring, chosen by the client. */
  KMS("aws:kms"),
  /** SSE-C: the customer sends the key with every request; Cairn never stores it. */
  CUSTOMER("AES256");

  private final String header;

  SseMode(String header) {
    this.header = header;
  }

  /** The value S3 gives this mode in {@code x-amz-server-side-encryption(-customer-algorithm)}. */
  public String header() {
    return header;
  }
}
