package io.cairn.objects.encryption;

import io.cairn.objects.ObjectCatalog;
import io.cairn.objects.ObjectError;
import io.cairn.objects.ObjectServiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-side encryption of objects: chooses the encryption of a write (its headers, else the
 * bucket's default), makes and wraps data keys, and opens them again for reads — checking that
 * the request presents what the object needs (the customer's key for SSE-C, nothing for
 * SSE-S3/KMS).
 *
 * <p>Every encrypted object (or multipart upload) has its own random 256-bit data key; its bytes
 * are AES-256-CTR under that key ({@link ObjectCipher}); the key is stored only wrapped (AES-GCM)
 * by a master key of the {@link KeyRing} (SSE-S3: {@link KeyRing#S3_KEY}; SSE-KMS: the named key)
 * or by the customer's key (SSE-C). A customer key is never stored, nor anything derived from it
 * but that GCM-wrapped data key, whose tag tells a wrong key on reads.
 *
 * <p>Bucket defaults are read through a cache of {@link #DEFAULTS_TTL_MS} so a plain PUT costs no
 * extra catalog read; a change made through this server applies at once, one made through
 * another server sharing the catalog within that time. Thread safe.
 */
public final class ObjectEncryption {
  static final long DEFAULTS_TTL_MS = 5_000;
  private static final String CONFIG_KIND = "encryption";

  private final KeyRing ring;
  private final ObjectCatalog catalog;
  private final Clock clock;
  private final SecureRandom random;
  private final ConcurrentHashMap<String, Cached> defaults = new ConcurrentHashMap<>();

  private record Cached(Optional<BucketEncryption> value, long until) {}

  /** A new object's (or upload's) encryption: its catalog document and the data key in clear. */
  public record Sealed(Encryption encryption, byte[] dataKey) {}

  public ObjectEncryption(KeyRing ring, ObjectCatalog catalog, Clock clock, SecureRandom random) {
    this.ring = ring;
    this.catalog = catalog;
    this.clock = clock;
    this.random = random;
  }

  public KeyRing keyRing() {
    return ring;
  }

  /**
   * The encryption of a new object in {@code bucket}: what the request names, else the bucket's
   * default; null for plain text. KMS_KEY_NOT_FOUND for an unknown SSE-KMS key id.
   */
  public Sealed seal(String bucket, SseRequest request) throws IOException {
    SseRequest effective = request;
    if (request.isNone()) {
      Optional<BucketEncryption> byDefault = bucketDefault(bucket);
      if (byDefault.isEmpty()) {
        return null;
      }
      effective = byDefault.get().request();
    }
    byte[] dataKey = new byte[32];
    random.nextBytes(dataKey);
    SseMode mode = effective.mode();
    String keyId = switch (mode) {
      case S3 -> KeyRing.S3_KEY;
      case KMS -> effective.kmsKeyId();
      case CUSTOMER -> null;
    };
    byte[] wrapped;
    if (mode == SseMode.CUSTOMER) {
      wrapped = KeyWrap.wrap(effective.customerKey(), dataKey, context(mode, null), random);
    } else {
      if (mode == SseMode.KMS && !ring.contains(keyId)) {
        throw new ObjectServiceException(ObjectError.KMS_KEY_NOT_FOUND,
            "Invalid keyId '" + keyId + "'");
      }
      try {
        wrapped = ring.wrap(keyId, dataKey, context(mode, keyId));
      } catch (KeyRing.UnknownKeyException e) {
        throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT,
            "Server-side encryption with the key ring is not configured on this server");
      }
    }
    return new Sealed(new Encryption(mode, keyId, wrapped, List.of()), dataKey);
  }

  /**
   * The data key of an object (or upload) stored with {@code encryption} (null: plain text, and
   * the result is null), given what the request presents. INVALID_REQUEST if an SSE-C object is
   * read without its key or a customer key is presented for another kind of object;
   * SSE_KEY_MISMATCH if the customer key is not the object's.
   */
  public byte[] open(Encryption encryption, SseRequest presented) throws IOException {
    boolean customer = presented.mode() == SseMode.CUSTOMER;
    if (encryption == null || encryption.mode() != SseMode.CUSTOMER) {
      if (customer) {
        throw new ObjectServiceException(ObjectError.INVALID_REQUEST,
            "The encryption parameters are not applicable to this object.");
      }
      return encryption == null ? null
          : ring.unwrap(encryption.keyId(), encryption.wrappedKey(),
              context(encryption.mode(), encryption.keyId()));
    }
    if (!customer) {
      throw new ObjectServiceException(ObjectError.INVALID_REQUEST, "The object was stored using"
          + " a form of Server Side Encryption. The correct parameters must be provided to"
          + " retrieve the object.");
    }
    byte[] key = KeyWrap.unwrap(presented.customerKey(), encryption.wrappedKey(),
        context(SseMode.CUSTOMER, null));
    if (key == null) {
      throw new ObjectServiceException(ObjectError.SSE_KEY_MISMATCH, "The customer-provided"
          + " encryption key does not match the key the object was encrypted with.");
    }
    return key;
  }

  /** A fresh random initial counter block for a part (or a whole object). */
  public byte[] newIv() {
    byte[] iv = new byte[16];
    random.nextBytes(iv);
    return iv;
  }

  /**
   * The ETag of an encrypted object or part whose plain text has MD5 {@code md5}: that MD5 for
   * SSE-S3 (as S3 does), else a keyed digest of it, so an SSE-C or SSE-KMS ETag tells nothing
   * about the plain text to whoever lacks the key (S3 promises no MD5 there either).
   */
  public static String etag(Encryption encryption, byte[] dataKey, byte[] md5) {
    if (encryption.mode() == SseMode.S3) {
      return HexFormat.of().formatHex(md5);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
      mac.update("cairn-etag".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(Arrays.copyOf(mac.doFinal(md5), 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every JDK", e);
    }
  }

  /** The bucket's default encryption, if it has one. */
  public Optional<BucketEncryption> bucketDefault(String bucket) throws IOException {
    long now = clock.millis();
    Cached cached = defaults.get(bucket);
    if (cached != null && cached.until() > now) {
      return cached.value();
    }
    Optional<String> document = catalog.encryptionConfig(bucket);
    Optional<BucketEncryption> value = document.isEmpty() ? Optional.empty()
        : Optional.of(BucketEncryption.parse(document.get()));
    defaults.put(bucket, new Cached(value, now + DEFAULTS_TTL_MS));
    return value;
  }

  /** Sets a bucket's default encryption (no check of the KMS key: S3 checks it on use). */
  public void setBucketDefault(String bucket, BucketEncryption encryption) throws IOException {
    defaults.remove(bucket);
    catalog.setEncryptionConfig(bucket, encryption.toJson());
    defaults.remove(bucket);
  }

  public void deleteBucketDefault(String bucket) throws IOException {
    defaults.remove(bucket);
    catalog.deleteEncryptionConfig(bucket);
    defaults.remove(bucket);
  }

  /** Drops what is cached about a bucket (created or deleted: a new bucket has no default). */
  public void forget(String bucket) {
    defaults.remove(bucket);
  }

  private static byte[] context(SseMode mode, String keyId) {
    return ("cairn-object:" + mode.name() + ":" + (keyId == null ? "" : keyId))
        .getBytes(StandardCharsets.UTF_8);
  }
}
