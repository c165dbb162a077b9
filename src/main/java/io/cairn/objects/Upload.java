package io.cairn.objects;

import java.time.Instant;

/** A multipart upload in progress. The metadata is what the object will carry once completed. */
public record Upload(
    String id, String bucket, String key, String owner, Instant initiated,
    ObjectMetadata metadata) {}
