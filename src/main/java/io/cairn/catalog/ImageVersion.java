package io.cairn.catalog;

import java.time.Instant;

/** Version {@code version} (1, 2, ...) of an image: version {@code blobVersion} of a blob. */
public record ImageVersion(
    String imageId, int version, long blobId, long blobVersion, long size, Instant created) {}
