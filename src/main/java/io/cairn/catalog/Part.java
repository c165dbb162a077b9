package io.cairn.catalog;

import java.time.Instant;

/** One uploaded part (numbers 1..10000); {@code checksum} may be null. */
public record Part(
    String uploadId,
    int partNumber,
    long blobId,
    long size,
    String etag,
    Checksum checksum,
    Instant lastModified) {}
