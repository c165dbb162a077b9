package io.cairn.catalog;

import java.time.Instant;
import java.util.Map;

/** A bucket; {@code owner} is a canonical user id. */
public record Bucket(
    String name,
    String owner,
    Instant created,
    String region,
    Versioning versioning,
    Acl acl,
    Map<String, String> tags) {}
