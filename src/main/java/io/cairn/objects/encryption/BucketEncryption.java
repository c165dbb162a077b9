package io.cairn.objects.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A bucket's default encryption (PutBucketEncryption): applied to writes that name none.
 *
 * @param mode {@link SseMode#S3} or {@link SseMode#KMS}
 * @param kmsKeyId the key ring's key for {@link SseMode#KMS}; null otherwise
 * @param bucketKeyEnabled kept and reported as set (S3 Bucket Keys only reduce KMS calls, which
 *     Cairn's local key ring does not make)
 */
public record BucketEncryption(SseMode mode, String kmsKeyId, boolean bucketKeyEnabled) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public BucketEncryption {
    if (mode == SseMode.CUSTOMER) {
      throw new IllegalArgumentException("SSE-C cannot be a bucket default");
    }
  }

  /** What a write without encryption headers gets. */
  public SseRequest request() {
    return mode == SseMode.KMS ? SseRequest.kms(kmsKeyId) : SseRequest.s3();
  }

  String toJson() {
    ObjectNode node = JSON.createObjectNode().put("mode", mode.name())
        .put("bucketKeyEnabled", bucketKeyEnabled);
    if (kmsKeyId != null) {
      node.put("kmsKeyId", kmsKeyId);
    }
    return node.toString();
  }

  static BucketEncryption parse(String json) throws IOException {
    JsonNode node = JSON.readTree(json);
    JsonNode key = node.get("kmsKeyId");
    return new BucketEncryption(SseMode.valueOf(node.path("mode").asText()),
        key == null ? null : key.asText(), node.path("bucketKeyEnabled").asBoolean());
  }
}
