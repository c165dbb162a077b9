package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.ObjectFilter;
import java.io.IOException;
import java.util.List;

/**
 * Filtered listings (HStore 2.0's "list objects based on filter"): the keys under a prefix whose
 * size, last-modified time, user metadata and key pass an {@link ObjectFilter}, paged like
 * ListObjectsV2. Each call reads a bounded number of catalog rows, so a filter that matches little
 * of a large bucket answers in several short pages (some maybe empty) rather than one long scan.
 * The requester needs READ on the bucket (ACCESS_DENIED otherwise), as for ListObjects.
 */
public final class ObjectSearch {
  /** The catalog rows one call reads at most, unless the caller asks for fewer. */
  public static final int DEFAULT_SCAN_LIMIT = 10_000;

  private final ObjectService objects;

  public ObjectSearch(ObjectService objects) {
    this.objects = objects;
  }

  /**
   * A page of at most {@code maxKeys} matching objects after {@code after} (null: from the
   * start), reading at most about {@code scanLimit} (1 to {@link #DEFAULT_SCAN_LIMIT}) rows. When
   * truncated, {@link ObjectListing#next()} continues it (it may name a key not in the page).
   */
  public ObjectListing list(String requester, String bucket, String prefix, ObjectFilter filter,
      String after, int maxKeys, int scanLimit) throws IOException {
    objects.bucket(requester, bucket, Acl.Permission.READ);
    if (maxKeys <= 0) {
      return new ObjectListing(List.of(), List.of(), false, null);
    }
    int scan = Math.max(1, Math.min(scanLimit, DEFAULT_SCAN_LIMIT));
    return objects.catalog().listFiltered(bucket, prefix, filter, after, maxKeys, scan);
  }
}
