package io.cairn.blob;

/**
 * Space and activity figures of a {@link BlobStore}, exported as metrics.
 *
 * @param blobs live blobs
 * @param versions retained versions
 * @param logBytes bytes in all segments
 * @param liveBytes bytes some retained state still reads
 * @param segments segment count
 */
public record StoreStats(long blobs, long versions, long logBytes, long liveBytes, long segments) {}
