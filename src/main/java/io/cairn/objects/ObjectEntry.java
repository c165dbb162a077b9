package io.cairn.objects;

import io.cairn.catalog.Checksum;
import java.time.Instant;

/**
 * An object as the catalog records it: where its bytes are and what S3 says about it.
 *
 * @param blobId the blob holding the bytes, written once and never changed afterwards
 * @param owner the user who stored it
 * @param etag the entity tag without quotes: hex MD5 for single-part objects, {@code
 *     hex(md5(md5s))-N} for multipart ones
 * @param checksum the additional checksum ({@code x-amz-checksum-*}) the object was stored with
 *     and verified against, or null
 */
public record ObjectEntry(
    String bucket,
    String key,
    String owner,
    long blobId,
    long size,
    String etag,
    Instant lastModified,
    ObjectMetadata metadata,
    Checksum checksum) {}
