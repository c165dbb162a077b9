package io.cairn.objects.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the catalog keeps about an encrypted object or upload: the mode, the key ring's key id
 * (SSE-S3 and SSE-KMS), the object's data key wrapped (AES-GCM) by that master key or by the
 * customer's key, and the AES-CTR initial counter block of each part (one for an object stored in
 * one piece; none in an upload, whose parts carry theirs). Never a key in the clear.
 */
public record Encryption(SseMode mode, String keyId, byte[] wrappedKey, List<byte[]> ivs) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Encryption {
    ivs = List.copyOf(ivs);
  }

  /** This document with the parts' counter blocks. */
  public Encryption withIvs(List<byte[]> partIvs) {
    return new Encryption(mode, keyId, wrappedKey, partIvs);
  }

  /** The catalog's form: a small JSON document. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("mode", mode.name());
    if (keyId != null) {
      node.put("keyId", keyId);
    }
    node.put("key", Base64.getEncoder().encodeToString(wrappedKey));
    ArrayNode array = node.putArray("ivs");
    for (byte[] iv : ivs) {
      array.add(Base64.getEncoder().encodeToString(iv));
    }
    return node.toString();
  }

  /** Parses {@link #toJson()}; null for null (a plain-text object). */
  public static Encryption parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(json);
      List<byte[]> ivs = new ArrayList<>();
      for (JsonNode iv : node.path("ivs")) {
        ivs.add(Base64.getDecoder().decode(iv.asText()));
      }
      JsonNode keyId = node.get("keyId");
      return new Encryption(SseMode.valueOf(node.get("mode").asText()),
          keyId == null ? null : keyId.asText(),
          Base64.getDecoder().decode(node.get("key").asText()), ivs);
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalStateException("unreadable encryption document in the catalog", e);
    }
  }
}
