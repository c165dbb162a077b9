package io.cairn.objects.encryption;

import java.util.Arrays;
import java.util.Objects;

/**
 * The encryption a request asks for (writes) or the key it presents (reads of SSE-C objects), as
 * the front end parsed and validated it. {@code mode} null means the request named none.
 *
 * @param kmsKeyId the key ring's key id for {@link SseMode#KMS}, else null
 * @param customerKey the customer's 256-bit key for {@link SseMode#CUSTOMER}, else null; only
 *     ever held in memory for the request
 * @param customerKeyMd5 the base64 MD5 of that key, as the client sent it (echoed back)
 */
public record SseRequest(SseMode mode, String kmsKeyId, byte[] customerKey,
    String customerKeyMd5) {
  /** A request that names no encryption. */
  public static final SseRequest NONE = new SseRequest(null, null, null, null);

  public SseRequest {
    if (mode == SseMode.CUSTOMER && (customerKey == null || customerKey.length != 32)) {
      throw new IllegalArgumentException("SSE-C needs a 256-bit key");
    }
    if (mode == SseMode.KMS) {
      Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    }
  }

  public static SseRequest s3() {
    return new SseRequest(SseMode.S3, null, null, null);
  }

  public static SseRequest kms(String keyId) {
    return new SseRequest(SseMode.KMS, keyId, null, null);
  }

  public static SseRequest customer(byte[] key, String keyMd5) {
    return new SseRequest(SseMode.CUSTOMER, null, key.clone(), keyMd5);
  }

  public boolean isNone() {
    return mode == null;
  }

  @Override
  public String toString() {
    // Never print a customer key.
    return "SseRequest[" + mode + (kmsKeyId == null ? "" : " " + kmsKeyId) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SseRequest r && r.mode == mode && Objects.equals(r.kmsKeyId, kmsKeyId)
        && Arrays.equals(r.customerKey, customerKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, kmsKeyId, Arrays.hashCode(customerKey));
  }
}
