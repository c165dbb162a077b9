package io.cairn.catalog;

import java.util.List;

/**
 * One page of ListMultipartUploads, ordered by key then initiation time. When {@code truncated},
 * the next markers continue the listing.
 */
public record UploadListing(
    List<MultipartUpload> uploads,
    boolean truncated,
    String nextKeyMarker,
    String nextUploadIdMarker) {}
