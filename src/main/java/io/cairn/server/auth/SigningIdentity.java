package io.cairn.server.auth;

/** A user's access key and the secret that signs with it. {@link #toString()} never shows the secret. */
public record SigningIdentity(String user, String accessKey, String secretKey, boolean root) {

    public Principal principal() {
        return new Principal(user, accessKey, root);
    }

    @Override
    public String toString() {
        return "SigningIdentity[user=" + user + ", accessKey=" + accessKey + ", root=" + root + "]";
    }
}
