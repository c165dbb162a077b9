package io.cairn.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The index walk of a filtered listing. A filter may reject almost every key of a large bucket, so
 * the walk is bounded: each call first fixes a <em>window</em> of at most {@code scanLimit} rows of
 * the latest-version index (one index-only {@code LIMIT 1 OFFSET n} probe finds its last key), then
 * reads the matching rows inside it with the size, time and metadata conditions in the SQL, and
 * matches the glob in Java. When the window ends before the page fills, the page is truncated at
 * the window's last key: a later call continues from there, and no call reads more than about
 * {@code scanLimit} rows however few keys match.
 */
final class FilteredScan {
  /** Keys read per query when a glob filters them in Java. */
  private static final int GLOB_BATCH = 1000;

  private FilteredScan() {}

  static ObjectListing list(
      Tx tx,
      Dialect dialect,
      String bucket,
      String prefix,
      ObjectFilter filter,
      String startAfter,
      int maxKeys,
      int scanLimit)
      throws SQLException {
    String p = narrowed(prefix == null ? "" : prefix, filter.keyGlob());
    if (p == null || maxKeys == 0) {
      return new ObjectListing(List.of(), List.of(), false, null);
    }
    String upper = KeyOrder.successor(p);
    String from = p;
    boolean inclusive = true;
    if (startAfter != null && KeyOrder.compare(startAfter, p) >= 0) {
      from = startAfter;
      inclusive = false;
    }
    if (upper != null && KeyOrder.compare(from, upper) >= 0) {
      return new ObjectListing(List.of(), List.of(), false, null);
    }
    String windowEnd = windowEnd(tx, bucket, from, inclusive, upper, scanLimit);
    KeyGlob glob = filter.keyGlob();
    List<ObjectEntry> matches = new ArrayList<>();
    while (true) {
      int want = maxKeys - matches.size() + 1;
      // With a glob, read keys only (from the index alone when nothing else needs the rows) and
      // decode just the rows whose key matches: most may not.
      int limit = glob == null ? want : Math.max(want, GLOB_BATCH);
      List<String> keys = glob == null ? null : batch(tx, dialect, bucket, filter, from,
          inclusive, upper, windowEnd, limit, "object_key", rs -> rs.getString(1), false);
      List<ObjectEntry> rows = glob != null ? null : batch(tx, dialect, bucket, filter, from,
          inclusive, upper, windowEnd, limit, ObjectRows.COLUMNS, ObjectRows::entry, true);
      int n = glob == null ? rows.size() : keys.size();
      for (int i = 0; i < n; i++) {
        String key = glob == null ? rows.get(i).key() : keys.get(i);
        ObjectEntry match = rows == null ? null : rows.get(i);
        if (glob != null) {
          if (!glob.matches(key)) {
            continue;
          }
          // Same read transaction: the row the key query saw is still there.
          match = ObjectRows.latest(tx, bucket, key).orElseThrow().entry();
          if (match.deleteMarker()) {
            continue;
          }
        }
        if (matches.size() == maxKeys) {
          return new ObjectListing(
              List.copyOf(matches), List.of(), true, matches.get(matches.size() - 1).key());
        }
        matches.add(match);
      }
      if (n < limit) {
        break;
      }
      from = glob == null ? rows.get(n - 1).key() : keys.get(n - 1);
      inclusive = false;
    }
    // The window is exhausted: more keys may follow it, so the page ends at its last key.
    return windowEnd == null
        ? new ObjectListing(List.copyOf(matches), List.of(), false, null)
        : new ObjectListing(List.copyOf(matches), List.of(), true, windowEnd);
  }

  /**
   * The prefix every key must have: the longer of the listing's prefix and the glob's literal
   * prefix when one extends the other; null when no key can have both.
   */
  static String narrowed(String prefix, KeyGlob glob) {
    if (glob == null) {
      return prefix;
    }
    String literal = glob.literalPrefix();
    if (literal.startsWith(prefix)) {
      return literal;
    }
    return prefix.startsWith(literal) ? prefix : null;
  }

  /**
   * The last key of the next {@code scanLimit} latest-version rows, or null when no more than
   * that remain in the range (the window is then the rest of it).
   */
  private static String windowEnd(
      Tx tx, String bucket, String from, boolean inclusive, String upper, int scanLimit)
      throws SQLException {
    List<Object> args = new ArrayList<>(List.of(bucket, true, from));
    String sql =
        "SELECT object_key FROM objects WHERE bucket = ? AND is_latest = ?"
            + (inclusive ? " AND object_key >= ?" : " AND object_key > ?")
            + (upper == null ? "" : " AND object_key < ?")
            + " ORDER BY object_key LIMIT 2 OFFSET ?";
    if (upper != null) {
      args.add(upper);
    }
    args.add(scanLimit - 1);
    // Two keys from the window's last: the second exists only when more rows follow the window.
    List<String> keys = tx.list(sql, rs -> rs.getString(1), args.toArray());
    return keys.size() == 2 ? keys.get(0) : null;
  }

  /** Up to {@code limit} rows (as {@code columns}) in the range that pass the SQL conditions. */
  private static <T> List<T> batch(
      Tx tx,
      Dialect dialect,
      String bucket,
      ObjectFilter filter,
      String from,
      boolean inclusive,
      String upper,
      String windowEnd,
      int limit,
      String columns,
      Tx.Row<T> row,
      boolean withoutMarkers)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(columns)
            .append(" FROM objects WHERE bucket = ? AND is_latest = ?")
            .append(withoutMarkers ? " AND delete_marker = ?" : "")
            .append(inclusive ? " AND object_key >= ?" : " AND object_key > ?");
    List<Object> args = new ArrayList<>(List.of(bucket, true));
    if (withoutMarkers) {
      args.add(false);
    }
    args.add(from);
    if (windowEnd != null) {
      sql.append(" AND object_key <= ?");
      args.add(windowEnd);
    } else if (upper != null) {
      sql.append(" AND object_key < ?");
      args.add(upper);
    }
    if (filter.minSize() != null) {
      sql.append(" AND size >= ?");
      args.add(filter.minSize());
    }
    if (filter.maxSize() != null) {
      sql.append(" AND size <= ?");
      args.add(filter.maxSize());
    }
    if (filter.modifiedFrom() != null) {
      sql.append(" AND last_modified_ms >= ?");
      args.add(filter.modifiedFrom());
    }
    if (filter.modifiedBefore() != null) {
      sql.append(" AND last_modified_ms < ?");
      args.add(filter.modifiedBefore());
    }
    for (Map.Entry<String, String> m : filter.metadata().entrySet()) {
      sql.append(" AND ").append(metadataValue(dialect)).append(" = ?");
      args.add(jsonPath(dialect, m.getKey()));
      args.add(m.getValue());
    }
    for (String name : filter.metadataPresent()) {
      sql.append(" AND ").append(metadataValue(dialect)).append(" IS NOT NULL");
      args.add(jsonPath(dialect, name));
    }
    sql.append(" ORDER BY object_key LIMIT ?");
    args.add(limit);
    return tx.list(sql.toString(), row, args.toArray());
  }

  /**
   * The SQL for one user-metadata value (a JSON object column of strings) by the parameter that
   * follows it: SQLite's JSON1 {@code json_extract}, PostgreSQL's {@code ->>} on jsonb.
   */
  private static String metadataValue(Dialect dialect) {
    return switch (dialect) {
      case SQLITE -> "json_extract(user_metadata, ?)";
      case POSTGRESQL -> "(CAST(user_metadata AS jsonb) ->> ?)";
    };
  }

  private static String jsonPath(Dialect dialect, String name) {
    return switch (dialect) {
      // A quoted path member: names are HTTP header tokens, which never hold '"' or '\'.
      case SQLITE -> "$.\"" + name + "\"";
      case POSTGRESQL -> name;
    };
  }
}
