package io.cairn.catalog;

import java.util.List;

/**
 * One page of ListObjectVersions: versions and delete markers ordered by key, newest version
 * first, plus common prefixes. When {@code truncated}, the next markers continue the listing
 * ({@code nextVersionIdMarker} is null when the page ended on a common prefix).
 */
public record VersionListing(
    List<ObjectEntry> versions,
    List<String> commonPrefixes,
    boolean truncated,
    String nextKeyMarker,
    String nextVersionIdMarker) {}
