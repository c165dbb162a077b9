package io.cairn.objects;

import java.util.List;

/**
 * One page of a bucket listing.
 *
 * @param next where the next page starts (the last key or common prefix returned), null if this
 *     page is the last
 */
public record ObjectListing(
    List<ObjectEntry> objects, List<String> commonPrefixes, boolean truncated, String next) {}
