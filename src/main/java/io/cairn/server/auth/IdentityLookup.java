package io.cairn.server.auth;

import java.util.Optional;

/**
 * Finds the identity that owns an access key, for verifying signatures. Implementations are
 * thread safe and answer from durable state: a key returned once stays valid until its user is
 * deleted.
 */
@FunctionalInterface
public interface IdentityLookup {
    /** The identity owning {@code accessKey}, or empty when no such key exists. */
    Optional<SigningIdentity> byAccessKey(String accessKey);
}
