package io.cairn.s3.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Derived SigV4 signing keys, remembered per secret and credential scope (access key, day,
 * region, service): a client signs every request of a day with the same key, so deriving it (four
 * HMACs) once per day instead of once per request is exact — a changed secret is a different
 * entry, and an entry is only ever used for the secret it was derived from. Bounded: cleared when
 * full. Thread safe.
 */
final class SigningKeys {
  private static final int MAX_ENTRIES = 4096;

  /** The cache key. Holds a secret: no {@code toString} that would print it. */
  private record Id(String secret, CredentialScope scope) {
    @Override
    public String toString() {
      return "SigningKeys.Id[" + scope + "]";
    }

    // Written out: looked up on every signed request (no bootstrap indirection of record methods).
    @Override
    public boolean equals(Object o) {
      return o instanceof Id id && secret.equals(id.secret)
          && scope.accessKey().equals(id.scope.accessKey()) && scope.date().equals(id.scope.date())
          && scope.region().equals(id.scope.region()) && scope.service().equals(id.scope.service());
    }

    @Override
    public int hashCode() {
      return ((secret.hashCode() * 31 + scope.accessKey().hashCode()) * 31
          + scope.date().hashCode()) * 31 + scope.region().hashCode();
    }
  }

  private final ConcurrentHashMap<Id, SigningKey> keys = new ConcurrentHashMap<>();

  SigningKey of(String secret, CredentialScope scope) {
    Id id = new Id(secret, scope);
    SigningKey key = keys.get(id);
    if (key == null) {
      if (keys.size() >= MAX_ENTRIES) {
        keys.clear(); // whole days of keys expire together; a rare re-derivation is cheap
      }
      key = SigningKey.derive(secret, scope);
      keys.put(id, key);
    }
    return key;
  }
}
