package io.cairn.objects;

import java.time.Instant;

/**
 * An object as the catalog records it: where its bytes are and what S3 says about it.
 *
 * @param blobId the blob holding the bytes, written once and never changed afterwards
 * @param owner the user who stored it
 * @param etag the entity tag without quotes: hex MD5 for single-part objects, {@code
 *     hex(md5(md5s))-N} for multipart ones
 */
public record ObjectEntry(
    String bucket,
    String key,
    String owner,
    long blobId,
    long size,
    String etag,
    Instant lastModified,
    ObjectMetadata metadata) {}
