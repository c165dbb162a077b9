package io.cairn.catalog;

import java.time.Instant;

/**
 * A user. {@code id} is the S3 canonical user id (64 hex digits, random, never reused) that owners
 * and ACL grants refer to; {@code name} is unique and is the display name.
 */
public record User(String id, String name, boolean root, Instant created) {}
