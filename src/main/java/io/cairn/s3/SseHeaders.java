package io.cairn.s3;

import io.cairn.objects.encryption.Encryption;
import io.cairn.objects.encryption.SseMode;
import io.cairn.objects.encryption.SseRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Function;

/**
 * The server-side encryption headers of S3 requests and responses: {@code
 * x-amz-server-side-encryption} (AES256 = SSE-S3, aws:kms = SSE-KMS with {@code
 * -aws-kms-key-id}) and SSE-C's {@code x-amz-server-side-encryption-customer-algorithm, -key,
 * -key-MD5} (with the {@code x-amz-copy-source-} prefix for a copy's source), validated as S3
 * validates them. S3 accepts SSE-C only over HTTPS; Cairn serves plain HTTP too and accepts it
 * there (put TLS in front when keys cross an untrusted network).
 */
final class SseHeaders {
  static final String SSE = "x-amz-server-side-encryption";
  static final String KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
  static final String CUSTOMER = "x-amz-server-side-encryption-customer-";
  static final String COPY_SOURCE_CUSTOMER = "x-amz-copy-source-server-side-encryption-customer-";

  private SseHeaders() {}

  /** What a write (PUT, POST, CreateMultipartUpload, a copy's destination) asks for. */
  static SseRequest forWrite(Function<String, String> fields) {
    SseRequest customer = customer(fields, CUSTOMER);
    String sse = fields.apply(SSE);
    String keyId = fields.apply(KMS_KEY_ID);
    if (sse == null) {
      if (keyId != null) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with AWS KMS"
            + " managed key requires HTTP header x-amz-server-side-encryption : aws:kms");
      }
      return customer;
    }
    if (!customer.isNone()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with Customer"
          + " provided key is incompatible with the encryption method specified");
    }
    switch (sse.strip()) {
      case "AES256" -> {
        if (keyId != null) {
          throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with AWS"
              + " KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms");
        }
        return SseRequest.s3();
      }
      case "aws:kms" -> {
        if (keyId == null || keyId.isBlank()) {
          // S3 would use the account's aws/s3 key; Cairn's key ring has no default key.
          throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with KMS"
              + " needs x-amz-server-side-encryption-aws-kms-key-id (no default KMS key here)");
        }
        return SseRequest.kms(keyId.strip());
      }
      default -> throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "The encryption method specified is not supported");
    }
  }

  /**
   * The SSE-C key a read (or UploadPart, Complete) presents; {@link SseRequest#NONE} if none.
   * {@code x-amz-server-side-encryption} itself is refused on reads, as S3 refuses it.
   */
  static SseRequest forRead(S3Request r) {
    if (r.header(SSE) != null || r.header(KMS_KEY_ID) != null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "x-amz-server-side-encryption header"
          + " is not supported for this operation.");
    }
    return customer(r::header, CUSTOMER);
  }

  /** The SSE-C key of a copy's source ({@code x-amz-copy-source-server-side-encryption-*}). */
  static SseRequest copySource(S3Request r) {
    return customer(r::header, COPY_SOURCE_CUSTOMER);
  }

  /** The SSE-C key named by the three headers under {@code prefix}, validated. */
  static SseRequest customer(Function<String, String> fields, String prefix) {
    String algorithm = fields.apply(prefix + "algorithm");
    String key = fields.apply(prefix + "key");
    String md5 = fields.apply(prefix + "key-md5");
    if (algorithm == null && key == null && md5 == null) {
      return SseRequest.NONE;
    }
    String what = "Requests specifying Server Side Encryption with Customer provided keys must";
    if (algorithm == null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          what + " provide a valid encryption algorithm.");
    }
    if (!algorithm.strip().equals("AES256")) {
      throw new S3Exception(S3ErrorCode.INVALID_ENCRYPTION_ALGORITHM_ERROR);
    }
    if (key == null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          what + " provide an appropriate secret key.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.strip());
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != 32) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "The secret key was invalid for the specified algorithm.");
    }
    if (md5 == null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          what + " provide the client calculated MD5 of the secret key.");
    }
    byte[] claimed;
    try {
      claimed = Base64.getDecoder().decode(md5.strip());
    } catch (IllegalArgumentException e) {
      claimed = new byte[0];
    }
    if (!MessageDigest.isEqual(claimed, md5(bytes))) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "The calculated MD5 hash of the key did not match the hash that was provided.");
    }
    return SseRequest.customer(bytes, md5.strip());
  }

  /**
   * The response headers of an object (or upload, or part) stored with {@code encryption}:
   * the mode (and KMS key id), or for SSE-C the algorithm and the key MD5 the request presented.
   */
  static void echo(S3Exchange x, Encryption encryption, SseRequest presented) {
    if (encryption == null) {
      return;
    }
    if (encryption.mode() == SseMode.CUSTOMER) {
      x.header(CUSTOMER + "algorithm", "AES256");
      x.header(CUSTOMER + "key-MD5", presented.customerKeyMd5());
      return;
    }
    x.header(SSE, encryption.mode().header());
    if (encryption.mode() == SseMode.KMS) {
      x.header(KMS_KEY_ID, encryption.keyId());
    }
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
