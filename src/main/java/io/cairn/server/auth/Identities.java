package io.cairn.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Every identity that can sign a request: root (whose keys come from the environment or the data
 * directory) and the users in a {@link UserDirectory}. Thread safe. This is the
 * {@link IdentityLookup} the S3, EC2 and REST verifiers share.
 */
public final class Identities implements IdentityLookup {
    private final SigningIdentity root;
    private final UserDirectory users;

    public Identities(String rootUser, String rootAccessKey, String rootSecretKey, UserDirectory users) {
        this.root = new SigningIdentity(rootUser, rootAccessKey, rootSecretKey, true);
        this.users = users;
    }

    @Override
    public Optional<SigningIdentity> byAccessKey(String accessKey) {
        if (root.accessKey().equals(accessKey)) {
            return Optional.of(root);
        }
        try {
            return users.byAccessKey(accessKey).map(u -> new SigningIdentity(u.name(), u.accessKey(), u.secretKey(), false));
        } catch (IOException e) {
            // A lookup that cannot read its store must fail the request, not pass it.
            throw new UncheckedIOException("cannot read the user directory", e);
        }
    }

    public String rootUser() {
        return root.user();
    }

    public String rootAccessKey() {
        return root.accessKey();
    }

    public UserDirectory users() {
        return users;
    }
}
