package io.cairn.catalog;

import java.time.Instant;

/** An access key id of a user, without its secret (for listings). */
public record AccessKey(String accessKey, String userId, Instant created) {}
