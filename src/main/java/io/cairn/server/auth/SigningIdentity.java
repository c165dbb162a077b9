package io.cairn.server.auth;

/**
 * A user's access key and the secret that signs with it. {@code userId} is the catalog's canonical
 * user id, which owner columns (buckets, volumes, snapshots, images) hold. {@link #toString()}
 * never shows the secret.
 */
public record SigningIdentity(String user, String userId, String accessKey, String secretKey, boolean root) {

    public Principal principal() {
        return new Principal(user, userId, accessKey, root);
    }

    @Override
    public String toString() {
        return "SigningIdentity[user=" + user + ", accessKey=" + accessKey + ", root=" + root + "]";
    }
}
