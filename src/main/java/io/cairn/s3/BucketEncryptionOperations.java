package io.cairn.s3;

import io.cairn.objects.ObjectService;
import io.cairn.objects.encryption.BucketEncryption;
import io.cairn.objects.encryption.SseMode;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * PutBucketEncryption, GetBucketEncryption and DeleteBucketEncryption ({@code ?encryption}): a
 * bucket's default encryption, one rule of SSE-S3 ({@code AES256}) or SSE-KMS ({@code aws:kms}
 * with {@code KMSMasterKeyID}), applied to writes that name no encryption of their own.
 */
final class BucketEncryptionOperations {
  private final ObjectService objects;

  BucketEncryptionOperations(ObjectService objects) {
    this.objects = objects;
  }

  /** Answers a bucket {@code ?encryption} request. */
  void handle(S3Exchange x) throws IOException {
    objects.bucket(x.owner(), x.bucket());
    switch (x.request().method()) {
      case "GET" -> get(x);
      case "PUT" -> put(x);
      case "DELETE" -> {
        objects.encryption().deleteBucketDefault(x.bucket());
        x.replyEmpty(204);
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private void get(S3Exchange x) throws IOException {
    Optional<BucketEncryption> current = objects.encryption().bucketDefault(x.bucket());
    if (current.isEmpty()) {
      throw new S3Exception(S3ErrorCode.SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND_ERROR);
    }
    BucketEncryption e = current.get();
    XmlDocument doc = XmlDocument.of("ServerSideEncryptionConfiguration")
        .start("Rule")
        .start("ApplyServerSideEncryptionByDefault")
        .element("SSEAlgorithm", e.mode().header())
        .element("KMSMasterKeyID", e.kmsKeyId())
        .end()
        .element("BucketKeyEnabled", e.bucketKeyEnabled())
        .end();
    x.replyXml(doc);
  }

  private void put(S3Exchange x) throws IOException {
    byte[] body = x.body().readNBytes(XmlBodies.MAX_BYTES + 1);
    byte[] md5 = x.contentMd5();
    if (md5 != null && !MessageDigest.isEqual(md5, md5(body))) {
      throw new S3Exception(S3ErrorCode.BAD_DIGEST);
    }
    String[] rule = new String[3];
    int[] rules = new int[1];
    XmlBodies.parse(new java.io.ByteArrayInputStream(body), "ServerSideEncryptionConfiguration",
        (path, text) -> {
          switch (path) {
            case "Rule/ApplyServerSideEncryptionByDefault/SSEAlgorithm" -> rule[0] = text.strip();
            case "Rule/ApplyServerSideEncryptionByDefault/KMSMasterKeyID" ->
                rule[1] = text.strip();
            case "Rule/BucketKeyEnabled" -> rule[2] = text.strip();
            case "Rule" -> rules[0]++;
            default -> { }
          }
        });
    if (rules[0] != 1 || rule[0] == null) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML,
          "A server-side encryption configuration has exactly one rule with an SSEAlgorithm");
    }
    SseMode mode = switch (rule[0]) {
      case "AES256" -> SseMode.S3;
      case "aws:kms" -> SseMode.KMS;
      default -> throw new S3Exception(S3ErrorCode.MALFORMED_XML,
          "SSEAlgorithm must be AES256 or aws:kms");
    };
    if (mode == SseMode.S3 && rule[1] != null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "a KMSMasterKeyID is only allowed with SSEAlgorithm aws:kms");
    }
    if (mode == SseMode.KMS && (rule[1] == null || rule[1].isEmpty())) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "SSEAlgorithm aws:kms needs a KMSMasterKeyID (Cairn's key ring has no default key)");
    }
    objects.encryption().setBucketDefault(x.bucket(),
        new BucketEncryption(mode, rule[1], "true".equalsIgnoreCase(rule[2])));
    x.replyEmpty(200);
  }

  private static byte[] md5(byte[] body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
