package io.cairn.objects.encryption;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps a key under another with AES-256-GCM: {@code nonce(12) || ciphertext || tag(16)}, the
 * context (mode, key id) bound as additional data. Unwrapping with another key or context fails
 * the tag: that is how a wrong SSE-C key is told apart without storing anything about the key.
 */
final class KeyWrap {
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private KeyWrap() {}

  static byte[] wrap(byte[] wrappingKey, byte[] key, byte[] context, SecureRandom random) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      gcm.updateAAD(context);
      byte[] sealed = gcm.doFinal(key);
      byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is in every JDK", e);
    }
  }

  /** The key, or null if {@code wrappingKey} or {@code context} is not the one it was wrapped with. */
  static byte[] unwrap(byte[] wrappingKey, byte[] wrapped, byte[] context) {
    if (wrapped.length <= NONCE) {
      return null;
    }
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"),
          new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE));
      gcm.updateAAD(context);
      return gcm.doFinal(wrapped, NONCE, wrapped.length - NONCE);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is in every JDK", e);
    }
  }
}
