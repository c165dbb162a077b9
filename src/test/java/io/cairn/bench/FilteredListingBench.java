package io.cairn.bench;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Catalog;
import io.cairn.catalog.KeyGlob;
import io.cairn.catalog.ObjectFilter;
import io.cairn.catalog.ObjectListing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Filtered listing on the embedded catalog (SQLite) over a bucket of {@code --keys} objects:
 * what one request costs and what walking a whole sparse result costs, against a plain
 * ListObjects page and against the one-query SQL scan a naive filter would run (the peer: it reads
 * the whole bucket in one request, which the bounded window exists to avoid).
 */
final class FilteredListingBench implements Benchmark {
  private static final String BUCKET = "bench";

  @Override
  public String name() {
    return "filtered-listing";
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    int keys = ctx.options().intValue("keys", 500_000);
    int reps = ctx.options().intValue("reps", 15);
    int scan = ctx.options().intValue("max-scan", 10_000);
    Path dir = ctx.scratch(name());
    Path file = dir.resolve("catalog.db");
    try (Catalog catalog = Catalog.open(file, Clock.systemUTC(), new Random(1))) {
      catalog.buckets().create(BUCKET, "owner", "us-east-1", Acl.none());
      fill(file, keys);
      String middle = String.format("k%08d", keys / 2);
      String group = "page of 1000 keys, " + keys + "-key bucket";
      table.baseline(group, "ListObjects page (plain)", median(reps,
          () -> catalog.objects().list(BUCKET, null, null, middle, 1000)), "ms", "");
      ObjectFilter everything = new ObjectFilter(0L, null, null, null, null, null, null);
      table.row(group, "filtered page, filter matching every key", median(reps,
          () -> catalog.objects().listFiltered(BUCKET, null, everything, middle, 1000, scan)),
          "ms");

      group = "filter matching no key, " + keys + "-key bucket";
      table.baseline(group, "one SQL query over the bucket (unbounded)", median(3,
          () -> countSql(file, "size > 1000000000")), "ms", "the peer a naive filter runs");
      ObjectFilter nothing = new ObjectFilter(1_000_000_000L, null, null, null, null, null, null);
      table.row(group, "one filtered request (" + scan + "-row window)", median(reps,
          () -> catalog.objects().listFiltered(BUCKET, null, nothing, middle, 1000, scan)), "ms",
          "what any single request costs at most");
      Walk walk = walk(catalog, nothing, scan);
      table.row(group, "all filtered requests, following tokens", walk.millis, "ms",
          walk.requests + " requests, slowest " + String.format("%.1f ms", walk.slowest));

      group = "1% of keys match user metadata, " + keys + "-key bucket";
      table.baseline(group, "one SQL query over the bucket (unbounded)", median(3,
          () -> countSql(file, "json_extract(user_metadata, '$.\"tag\"') = 'rare'")), "ms",
          "the peer a naive filter runs");
      ObjectFilter rare = new ObjectFilter(null, null, null, null, Map.of("tag", "rare"), null,
          null);
      walk = walk(catalog, rare, scan);
      table.row(group, "all filtered requests, following tokens", walk.millis, "ms",
          walk.requests + " requests, " + walk.keys + " keys, slowest "
              + String.format("%.1f ms", walk.slowest));

      group = "key glob with a literal prefix, " + keys + "-key bucket";
      ObjectFilter glob = new ObjectFilter(null, null, null, null, null, null,
          KeyGlob.of("k0001*7"));
      table.baseline(group, "ListObjects of prefix k0001, every page (client-side glob)",
          median(5, () -> listPrefix(catalog, "k0001")), "ms", "10 pages of 1000 keys");
      Walk[] last = new Walk[1];
      double globMs = median(5, () -> last[0] = walk(catalog, glob, scan));
      table.row(group, "filtered requests for k0001*7", globMs, "ms", last[0].requests
          + " request(s), " + last[0].keys + " keys: the literal prefix narrows the range");
    } finally {
      ctx.discard(dir);
    }
  }

  /**
   * Adds the objects in one transaction through a connection of its own: the catalog's PUT path
   * syncs each commit, which would make a large bucket take an hour to build.
   */
  private static void fill(Path file, int keys) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO objects (bucket, object_key,"
          + " seq, version_id, is_latest, delete_marker, blob_id, size, etag, last_modified_ms,"
          + " user_metadata, owner, acl, tags, storage_class)"
          + " VALUES (?, ?, 1, 'null', 1, 0, ?, ?, 'etag', ?, ?, 'owner', '[]', '{}', 'STANDARD')")) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
          order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        long now = System.currentTimeMillis();
        for (int i : order) {
          insert.setString(1, BUCKET);
          insert.setString(2, String.format("k%08d", i));
          insert.setLong(3, i + 1L);
          insert.setLong(4, i % 100_000);
          insert.setLong(5, now - i);
          insert.setString(6, i % 100 == 0 ? "{\"tag\":\"rare\",\"n\":\"" + i + "\"}"
              : "{\"n\":\"" + i + "\"}");
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }

  private static long countSql(Path file, String condition) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM objects WHERE bucket = ?"
            + " AND is_latest = 1 AND delete_marker = 0 AND " + condition)) {
      q.setString(1, BUCKET);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static int listPrefix(Catalog catalog, String prefix) throws Exception {
    int pages = 0;
    String after = null;
    ObjectListing page;
    do {
      page = catalog.objects().list(BUCKET, prefix, null, after, 1000);
      after = page.nextMarker();
      pages++;
    } while (page.truncated());
    return pages;
  }

  private record Walk(double millis, int requests, int keys, double slowest) {}

  private static Walk walk(Catalog catalog, ObjectFilter filter, int scan) throws Exception {
    int requests = 0;
    int found = 0;
    double slowest = 0;
    String after = null;
    long start = System.nanoTime();
    while (true) {
      long t = System.nanoTime();
      ObjectListing page = catalog.objects().listFiltered(BUCKET, null, filter, after, 1000, scan);
      slowest = Math.max(slowest, (System.nanoTime() - t) / 1e6);
      requests++;
      found += page.objects().size();
      if (!page.truncated()) {
        break;
      }
      after = page.nextMarker();
    }
    return new Walk((System.nanoTime() - start) / 1e6, requests, found, slowest);
  }

  @FunctionalInterface
  private interface Call {
    Object run() throws Exception;
  }

  private static double median(int reps, Call call) throws Exception {
    call.run(); // warm the caches and the JIT once
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t = System.nanoTime();
      call.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    java.util.Arrays.sort(ms);
    return ms[reps / 2];
  }
}
