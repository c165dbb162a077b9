package io.cairn.volumes;

import java.time.Instant;
import java.util.Map;

/** A snapshot as users see it. {@code state} is EC2's: pending, completed or error. */
public record SnapshotInfo(
    String id,
    String volumeId,
    String owner,
    long sizeBytes,
    String state,
    String description,
    Instant started,
    Map<String, String> tags) {}
