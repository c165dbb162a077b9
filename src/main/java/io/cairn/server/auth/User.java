package io.cairn.server.auth;

import java.time.Instant;

/** A Cairn user and its access key pair. {@link #toString()} never shows the secret. */
public record User(String name, String accessKey, String secretKey, Instant created) {

    @Override
    public String toString() {
        return "User[name=" + name + ", accessKey=" + accessKey + ", created=" + created + "]";
    }
}
