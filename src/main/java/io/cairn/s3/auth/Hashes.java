package io.cairn.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SHA-256 and HMAC-SHA256 primitives of SigV4, with lowercase hex as SigV4 spells digests. */
public final class Hashes {
  /** Hex SHA-256 of the empty string: the payload hash of a chunk signature's empty headers. */
  public static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Hashes() {}

  /**
   * A fresh SHA-256 digest to clone: cloning skips the provider lookup of {@code getInstance},
   * which costs more than hashing a request's few hundred bytes. Null if it cannot be cloned.
   */
  private static final MessageDigest SHA256_PROTOTYPE = cloneable(newSha256());

  public static MessageDigest sha256() {
    if (SHA256_PROTOTYPE != null) {
      try {
        return (MessageDigest) SHA256_PROTOTYPE.clone();
      } catch (CloneNotSupportedException e) {
        // checked once at start-up; cannot happen
      }
    }
    return newSha256();
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static MessageDigest cloneable(MessageDigest digest) {
    try {
      digest.clone();
      return digest;
    } catch (CloneNotSupportedException e) {
      return null;
    }
  }

  /** An HMAC-SHA256 keyed with {@code key}, to clone per use; null if it cannot be cloned. */
  static Mac keyedHmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.clone();
      return mac;
    } catch (CloneNotSupportedException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  public static String sha256Hex(String text) {
    return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /** Base64 HMAC-SHA1: the signatures of SigV2 and of SigV2 POST policies. */
  public static String hmacSha1Base64(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return java.util.Base64.getEncoder()
          .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA1", e);
    }
  }

  public static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** Compares in time independent of where the strings differ, so signatures leak nothing. */
  public static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
