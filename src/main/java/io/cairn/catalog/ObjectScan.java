package io.cairn.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paged, index-ordered walks of the {@code objects} table for ListObjects and ListObjectVersions.
 *
 * <p>A prefix becomes a key range {@code [prefix, successor(prefix))} so the walk is an index range
 * scan. Delimiter roll-up happens here too: when a key rolls up into a common prefix, the walk
 * seeks straight past every key under that prefix instead of reading them. Each batch asks for one
 * row more than the page can take, which is how truncation is detected.
 */
final class ObjectScan {
  private ObjectScan() {}

  static ObjectListing latest(
      Tx tx, String bucket, String prefix, String delimiter, String startAfter, int maxKeys)
      throws SQLException {
    String p = prefix == null ? "" : prefix;
    String d = delimiter == null ? "" : delimiter;
    String upper = KeyOrder.successor(p);
    Cursor cursor = start(p, d, startAfter);
    List<ObjectEntry> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String next = null;
    boolean truncated = false;
    scan:
    while (cursor != null) {
      int want = maxKeys - objects.size() - prefixes.size() + 1;
      List<ObjectEntry> batch = latestBatch(tx, bucket, cursor, upper, want);
      for (ObjectEntry row : batch) {
        if (objects.size() + prefixes.size() == maxKeys) {
          truncated = true;
          break scan;
        }
        String common = KeyOrder.commonPrefix(row.key(), p, d);
        if (common != null) {
          prefixes.add(common);
          next = common;
          cursor = Cursor.from(KeyOrder.successor(common));
          continue scan; // seek past everything under the common prefix
        }
        objects.add(row);
        next = row.key();
        cursor = Cursor.after(row.key());
      }
      if (batch.size() < want) {
        break;
      }
    }
    return new ObjectListing(
        List.copyOf(objects), List.copyOf(prefixes), truncated, truncated ? next : null);
  }

  static VersionListing versions(
      Tx tx,
      String bucket,
      String prefix,
      String delimiter,
      String keyMarker,
      String versionIdMarker,
      int maxKeys)
      throws SQLException {
    String p = prefix == null ? "" : prefix;
    String d = delimiter == null ? "" : delimiter;
    String upper = KeyOrder.successor(p);
    Cursor cursor = start(p, d, keyMarker);
    long seqBelow = -1; // >= 0: first finish the versions of cursor.key older than this seq
    if (keyMarker != null && versionIdMarker != null && cursor != null && !cursor.inclusive()) {
      Optional<ObjectRows.Stored> marker =
          ObjectRows.version(tx, bucket, keyMarker, versionIdMarker);
      if (marker.isPresent()) {
        seqBelow = marker.get().seq();
      }
    }
    List<ObjectEntry> versions = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String nextKey = null;
    String nextVersion = null;
    boolean truncated = false;
    scan:
    while (cursor != null) {
      int want = maxKeys - versions.size() - prefixes.size() + 1;
      List<ObjectRows.Stored> batch =
          seqBelow >= 0
              ? olderVersions(tx, bucket, cursor.key(), seqBelow, want)
              : versionBatch(tx, bucket, cursor, upper, want);
      boolean finishingKey = seqBelow >= 0;
      seqBelow = -1;
      for (ObjectRows.Stored row : batch) {
        if (versions.size() + prefixes.size() == maxKeys) {
          truncated = true;
          break scan;
        }
        ObjectEntry entry = row.entry();
        String common = finishingKey ? null : KeyOrder.commonPrefix(entry.key(), p, d);
        if (common != null) {
          prefixes.add(common);
          nextKey = common;
          nextVersion = null;
          cursor = Cursor.from(KeyOrder.successor(common));
          seqBelow = -1;
          continue scan;
        }
        versions.add(entry);
        nextKey = entry.key();
        nextVersion = entry.versionId();
        cursor = Cursor.after(entry.key());
        seqBelow = row.seq(); // the batch may end inside this key's versions
      }
      if (batch.size() < want && !finishingKey) {
        break;
      }
      if (batch.size() < want) {
        seqBelow = -1; // that key is done; continue with the keys after it
      }
    }
    return new VersionListing(
        List.copyOf(versions),
        List.copyOf(prefixes),
        truncated,
        truncated ? nextKey : null,
        truncated ? nextVersion : null);
  }

  /** Where a listing starts: at the prefix, or after the marker (skipping its rolled-up prefix). */
  private static Cursor start(String prefix, String delimiter, String marker) {
    if (marker == null || KeyOrder.compare(marker, prefix) < 0) {
      return Cursor.from(prefix);
    }
    String common =
        marker.startsWith(prefix) ? KeyOrder.commonPrefix(marker, prefix, delimiter) : null;
    if (common != null) {
      return Cursor.from(KeyOrder.successor(common)); // that prefix was already returned
    }
    return Cursor.after(marker);
  }

  private static List<ObjectEntry> latestBatch(
      Tx tx, String bucket, Cursor cursor, String upper, int limit) throws SQLException {
    String sql =
        "SELECT "
            + ObjectRows.COLUMNS
            + " FROM objects WHERE bucket = ? AND is_latest = ? AND delete_marker = ?"
            + (cursor.inclusive() ? " AND object_key >= ?" : " AND object_key > ?")
            + (upper == null ? "" : " AND object_key < ?")
            + " ORDER BY object_key LIMIT ?";
    return upper == null
        ? tx.list(sql, ObjectRows::entry, bucket, true, false, cursor.key(), limit)
        : tx.list(sql, ObjectRows::entry, bucket, true, false, cursor.key(), upper, limit);
  }

  private static List<ObjectRows.Stored> versionBatch(
      Tx tx, String bucket, Cursor cursor, String upper, int limit) throws SQLException {
    String sql =
        "SELECT "
            + ObjectRows.COLUMNS
            + " FROM objects WHERE bucket = ?"
            + (cursor.inclusive() ? " AND object_key >= ?" : " AND object_key > ?")
            + (upper == null ? "" : " AND object_key < ?")
            + " ORDER BY object_key, seq DESC LIMIT ?";
    return upper == null
        ? tx.list(sql, ObjectRows::stored, bucket, cursor.key(), limit)
        : tx.list(sql, ObjectRows::stored, bucket, cursor.key(), upper, limit);
  }

  private static List<ObjectRows.Stored> olderVersions(
      Tx tx, String bucket, String key, long seqBelow, int limit) throws SQLException {
    return tx.list(
        "SELECT "
            + ObjectRows.COLUMNS
            + " FROM objects WHERE bucket = ? AND object_key = ? AND seq < ?"
            + " ORDER BY seq DESC LIMIT ?",
        ObjectRows::stored,
        bucket,
        key,
        seqBelow,
        limit);
  }

  /** A position in key order: at {@code key} (inclusive) or just after it. */
  private record Cursor(String key, boolean inclusive) {
    /** Null when there is no key at or after {@code key} (it was the successor of the top). */
    static Cursor from(String key) {
      return key == null ? null : new Cursor(key, true);
    }

    static Cursor after(String key) {
      return new Cursor(key, false);
    }
  }
}
