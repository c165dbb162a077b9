package io.cairn.objects;

import java.util.List;

/**
 * One page of a bucket's multipart uploads.
 *
 * @param nextKey the key marker of the next page (null if not truncated)
 * @param nextId the upload-id marker of the next page (null if not truncated)
 */
public record UploadListing(List<Upload> uploads, List<String> commonPrefixes, boolean truncated,
    String nextKey, String nextId) {}
