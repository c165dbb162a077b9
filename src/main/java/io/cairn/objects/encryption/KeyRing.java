package io.cairn.objects.encryption;

import java.io.IOException;
import java.util.List;

/**
 * Named master keys (Cairn's own KMS): SSE-KMS objects name one by its id, SSE-S3 objects use
 * {@link #S3_KEY}. Master keys never leave the ring: callers hand it data keys to wrap and
 * unwrap.
 *
 * <ul>
 *   <li><b>Durability</b>: {@link #create} returns once the new key is synced.
 *   <li><b>Missing</b>: {@link #wrap} and {@link #unwrap} of an unknown id throw {@link
 *       UnknownKeyException}; {@link #create} of an existing id throws {@link
 *       KeyExistsException}.
 *   <li><b>Thread safety</b>: safe for concurrent use.
 * </ul>
 */
public interface KeyRing {
  /** The key SSE-S3 objects are wrapped with; created on first use, not a KMS key id. */
  String S3_KEY = "cairn/sse-s3";

  /** Creates a new random 256-bit master key under {@code keyId}. */
  void create(String keyId) throws IOException;

  /** The ids of the keys clients may name (SSE-KMS), sorted. */
  List<String> keyIds() throws IOException;

  boolean contains(String keyId) throws IOException;

  /** {@code dataKey} wrapped under the master key {@code keyId}, {@code context} bound to it. */
  byte[] wrap(String keyId, byte[] dataKey, byte[] context) throws IOException;

  /** The data key; IOException if the wrapped form does not open (tampered or another key). */
  byte[] unwrap(String keyId, byte[] wrapped, byte[] context) throws IOException;

  /** An unknown key id. */
  final class UnknownKeyException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnknownKeyException(String keyId) {
      super("Invalid keyId '" + keyId + "'");
    }
  }

  /** A key id that exists already. */
  final class KeyExistsException extends IOException {
    private static final long serialVersionUID = 1L;

    public KeyExistsException(String keyId) {
      super("key " + keyId + " already exists");
    }
  }

  /** A ring without keys that refuses to make any: SSE-S3 and SSE-KMS are unavailable. */
  static KeyRing none() {
    return new KeyRing() {
      @Override
      public void create(String keyId) throws IOException {
        throw new IOException("no key ring is configured");
      }

      @Override
      public List<String> keyIds() {
        return List.of();
      }

      @Override
      public boolean contains(String keyId) {
        return false;
      }

      @Override
      public byte[] wrap(String keyId, byte[] dataKey, byte[] context) throws IOException {
        throw new UnknownKeyException(keyId);
      }

      @Override
      public byte[] unwrap(String keyId, byte[] wrapped, byte[] context) throws IOException {
        throw new UnknownKeyException(keyId);
      }
    };
  }
}
