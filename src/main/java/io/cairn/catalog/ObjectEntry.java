package io.cairn.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * One version of an object (or a delete marker) as stored in the catalog. {@code versionId} is
 * {@value ObjectEntries#NULL_VERSION} for the version written while versioning was unset or
 * suspended. {@code blobId} names the blob holding the bytes (0 for delete markers); {@code owner}
 * is a canonical user id.
 */
public record ObjectEntry(
    String bucket,
    String key,
    String versionId,
    boolean latest,
    boolean deleteMarker,
    long blobId,
    long size,
    String etag,
    Instant lastModified,
    ContentHeaders headers,
    Map<String, String> userMetadata,
    Checksum checksum,
    String owner,
    Acl acl,
    Map<String, String> tags,
    String storageClass) {}
