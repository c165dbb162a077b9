package io.cairn.catalog;

import java.util.Optional;

/**
 * The result of storing an object version: the stored row and, when it replaced the "null" version
 * (versioning unset or suspended), the replaced row — whose blob the caller must now delete.
 */
public record PutOutcome(ObjectEntry stored, Optional<ObjectEntry> replaced) {}
