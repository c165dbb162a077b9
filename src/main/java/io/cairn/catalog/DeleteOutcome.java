package io.cairn.catalog;

import java.util.Optional;

/**
 * The result of deleting an object: the row physically removed, if any (its blob is the caller's to
 * delete), and the delete marker created, if any (versioning enabled or suspended).
 */
public record DeleteOutcome(Optional<ObjectEntry> removed, Optional<ObjectEntry> deleteMarker) {}
