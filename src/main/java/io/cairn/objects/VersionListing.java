package io.cairn.objects;

import java.util.List;

/**
 * One page of ListObjectVersions: versions and delete markers by key, each key's newest first, and
 * the common prefixes keys rolled up into.
 *
 * @param nextKeyMarker where the next page starts (the last key or common prefix returned), null
 *     if this page is the last
 * @param nextVersionIdMarker the version the next page starts after, null if this page is the last
 *     or ended on a common prefix
 */
public record VersionListing(
    List<Item> versions,
    List<String> commonPrefixes,
    boolean truncated,
    String nextKeyMarker,
    String nextVersionIdMarker) {

  /** A version or delete marker, and whether it is the latest version of its key. */
  public record Item(ObjectEntry entry, boolean latest) {}
}
