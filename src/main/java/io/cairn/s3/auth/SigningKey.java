package io.cairn.s3.auth;

import java.nio.charset.StandardCharsets;

/**
 * A SigV4 signing key with the scope it was derived for; signs strings-to-sign. Immutable and
 * thread safe. Never logged: it is as good as the secret for a day.
 */
public final class SigningKey {
  private final byte[] key;
  private final CredentialScope scope;
  /**
   * A MAC keyed with {@code key}, never used itself: each signature works on a clone, which skips
   * the provider lookup and key schedule of a new one (the key is used once per request, and the
   * keys are cached per credential and day by {@link SigningKeys}). Null if the provider's MACs
   * cannot be cloned.
   */
  private final javax.crypto.Mac prototype;

  private SigningKey(byte[] key, CredentialScope scope) {
    this.key = key;
    this.scope = scope;
    this.prototype = Hashes.keyedHmac(key);
  }

  /** SigV4: kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
  public static SigningKey derive(String secretKey, CredentialScope scope) {
    byte[] k = Hashes.hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scope.date());
    k = Hashes.hmac(k, scope.region());
    k = Hashes.hmac(k, scope.service());
    k = Hashes.hmac(k, "aws4_request");
    return new SigningKey(k, scope);
  }

  public CredentialScope scope() {
    return scope;
  }

  /** Lowercase hex HMAC-SHA256 of {@code stringToSign}. */
  public String sign(String stringToSign) {
    if (prototype != null) {
      try {
        javax.crypto.Mac mac = (javax.crypto.Mac) prototype.clone();
        return Hashes.hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
      } catch (CloneNotSupportedException e) {
        // fall through: a provider that cannot clone gets a new MAC each time
      }
    }
    return Hashes.hex(Hashes.hmac(key, stringToSign));
  }

  @Override
  public String toString() {
    return "SigningKey[" + scope + "]";
  }
}
