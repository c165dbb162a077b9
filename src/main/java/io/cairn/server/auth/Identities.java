package io.cairn.server.auth;

import io.cairn.catalog.CatalogException;
import io.cairn.catalog.Users;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Every identity that can sign a request, root included, as the catalog's users table holds them.
 * Thread safe. This is the {@link IdentityLookup} the REST, S3 and EC2 verifiers share.
 */
public final class Identities implements IdentityLookup {
    private final Users users;

    public Identities(Users users) {
        this.users = users;
    }

    @Override
    public Optional<SigningIdentity> byAccessKey(String accessKey) {
        try {
            return users.findByAccessKey(accessKey).map(c -> new SigningIdentity(c.user().name(), c.user().id(), c.accessKey(),
                    c.secretKey(), c.user().root()));
        } catch (CatalogException e) {
            // A lookup that cannot read its store must fail the request, not pass it.
            throw new UncheckedIOException("cannot read the users table", e);
        }
    }
}
