package io.cairn.objects;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Rolls catalog key ranges up into S3 listing pages (prefix, delimiter, marker, max-keys). */
final class Listing {
  private static final int PAGE = 1000;
  /** Sorts after every string that starts with the same prefix (the greatest code point). */
  static final String AFTER_ALL = "\uDBFF\uDFFF";

  private Listing() {}

  static ObjectListing list(ObjectCatalog catalog, String bucket, String prefix, String delimiter,
      String after, int maxKeys) throws IOException {
    String p = prefix == null ? "" : prefix;
    String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    List<ObjectEntry> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String cursor = after != null && after.compareTo(p) < 0 ? null : after;
    if (cursor != null && d != null && cursor.startsWith(p) && cursor.endsWith(d)
        && cursor.indexOf(d, p.length()) == cursor.length() - d.length()) {
      // The marker is a common prefix returned by the previous page: skip everything under it.
      cursor = cursor + AFTER_ALL;
    }
    String last = null;
    String lastPrefix = null;
    if (maxKeys <= 0) {
      return new ObjectListing(objects, prefixes, false, null);
    }
    while (true) {
      List<ObjectEntry> page = catalog.listObjects(bucket, p, cursor, PAGE);
      for (ObjectEntry e : page) {
        cursor = e.key();
        if (lastPrefix != null && e.key().startsWith(lastPrefix)) {
          continue;
        }
        String common = null;
        if (d != null) {
          int i = e.key().indexOf(d, p.length());
          if (i >= 0) {
            common = e.key().substring(0, i + d.length());
          }
        }
        if (objects.size() + prefixes.size() == maxKeys) {
          return new ObjectListing(objects, prefixes, true, last);
        }
        if (common != null) {
          prefixes.add(common);
          lastPrefix = common;
          last = common;
        } else {
          objects.add(e);
          last = e.key();
        }
      }
      if (page.size() < PAGE) {
        return new ObjectListing(objects, prefixes, false, null);
      }
      if (lastPrefix != null && cursor.startsWith(lastPrefix)) {
        cursor = lastPrefix + AFTER_ALL;
      }
    }
  }
}
