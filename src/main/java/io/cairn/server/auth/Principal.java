package io.cairn.server.auth;

/** Who an authenticated request acts for: a user name and the access key it signed with. */
public record Principal(String user, String accessKey, boolean root) {
}
