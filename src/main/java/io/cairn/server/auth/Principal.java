package io.cairn.server.auth;

/**
 * Who an authenticated request acts for: the user's name, its canonical id (what owner columns
 * hold) and the access key it signed with.
 */
public record Principal(String user, String userId, String accessKey, boolean root) {
}
