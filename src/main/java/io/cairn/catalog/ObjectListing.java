package io.cairn.catalog;

import java.util.List;

/**
 * One page of ListObjects: latest non-deleted versions in key order and, with a delimiter, the
 * common prefixes that rolled up keys. Keys and prefixes together are at most max-keys. When
 * {@code truncated}, {@code nextMarker} (the last key or prefix returned) continues the listing as
 * the next call's {@code startAfter}.
 */
public record ObjectListing(
    List<ObjectEntry> objects, List<String> commonPrefixes, boolean truncated, String nextMarker) {}
