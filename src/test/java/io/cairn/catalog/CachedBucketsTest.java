package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bucket cache of a SQLite catalog: reads are served from memory (a row changed behind the
 * catalog's back is not seen, which proves it), every write through the catalog is seen by the
 * next read, and a read racing a write never leaves the old row behind.
 */
class CachedBucketsTest {
  @TempDir Path dir;
  private Catalog catalog;
  private Buckets buckets;

  @BeforeEach
  void open() throws Exception {
    catalog = Catalog.open(dir.resolve("catalog.db"),
        new TickingClock(Instant.parse("2026-01-02T03:04:05Z")), new Random(7));
    buckets = catalog.buckets();
    buckets.create("b", "owner-1", "us-east-1", Acl.none());
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  /** Changes the row in the database only, as if another process had. */
  private void behindTheCatalog(String sql, Object... args) throws Exception {
    catalog.database().write(tx -> tx.update(sql, args));
  }

  @Test
  void catalogOnSqlite_cachesBuckets_andOnlyThere() {
    assertThat(buckets).isInstanceOf(CachedBuckets.class);
    assertThat(Dialect.SQLITE.ownedByOneProcess()).isTrue();
    assertThat(Dialect.POSTGRESQL.ownedByOneProcess()).isFalse();
  }

  @Test
  void find_afterFirstRead_isServedFromMemory() throws Exception {
    Bucket first = buckets.get("b");
    behindTheCatalog("UPDATE buckets SET owner = ? WHERE name = ?", "intruder", "b");
    assertThat(buckets.get("b")).isEqualTo(first);
    assertThat(buckets.find("b")).contains(first);
  }

  @Test
  void config_presentAndAbsent_areServedFromMemory() throws Exception {
    buckets.setConfig("b", "cors", "<CORS/>");
    assertThat(buckets.config("b", "cors")).contains("<CORS/>");
    assertThat(buckets.config("b", "object-lock")).isEmpty();
    behindTheCatalog("UPDATE bucket_configs SET document = ? WHERE bucket = ?", "changed", "b");
    behindTheCatalog("INSERT INTO bucket_configs (bucket, kind, document) VALUES (?, ?, ?)",
        "b", "object-lock", "Enabled");
    assertThat(buckets.config("b", "cors")).contains("<CORS/>");
    assertThat(buckets.config("b", "object-lock")).isEmpty();
  }

  @Test
  void everyWrite_isSeenByTheNextRead() throws Exception {
    buckets.get("b");
    buckets.config("b", "cors");

    buckets.setVersioning("b", Versioning.ENABLED);
    assertThat(buckets.get("b").versioning()).isEqualTo(Versioning.ENABLED);

    Acl acl = new Acl(List.of(new Acl.Grant(Acl.GranteeType.ALL_USERS, null,
        Acl.Permission.READ)));
    buckets.setAcl("b", acl);
    assertThat(buckets.get("b").acl()).isEqualTo(acl);

    buckets.setTags("b", Map.of("team", "storage"));
    assertThat(buckets.get("b").tags()).containsEntry("team", "storage");

    buckets.setConfig("b", "cors", "<one/>");
    assertThat(buckets.config("b", "cors")).contains("<one/>");
    buckets.setConfig("b", "cors", "<two/>");
    assertThat(buckets.config("b", "cors")).contains("<two/>");
    assertThat(buckets.deleteConfig("b", "cors")).isTrue();
    assertThat(buckets.config("b", "cors")).isEmpty();

    buckets.delete("b");
    assertThat(buckets.find("b")).isEmpty();
    assertThatThrownBy(() -> buckets.config("b", "cors")).isInstanceOf(NotFoundException.class);

    Bucket again = buckets.create("b", "owner-2", "eu-west-1", Acl.none());
    assertThat(buckets.get("b")).isEqualTo(again);
    assertThat(buckets.config("b", "cors")).isEmpty();
  }

  @Test
  void missingBucket_isNotRemembered() throws Exception {
    assertThat(buckets.find("later")).isEmpty();
    behindTheCatalog("INSERT INTO buckets (name, owner, created_ms, region, versioning, acl, tags)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", "later", "o", 0L, "us-east-1", "UNVERSIONED", JsonColumns.ofAcl(Acl.none()),
        JsonColumns.ofMap(Map.of()));
    assertThat(buckets.find("later")).isPresent();
  }

  @Test
  void writeInsideALongerTransaction_isSeenInsideIt_andAfterItsCommit() throws Exception {
    buckets.get("b");
    catalog.inTransaction(() -> {
      buckets.setVersioning("b", Versioning.ENABLED);
      assertThat(buckets.get("b").versioning()).isEqualTo(Versioning.ENABLED);
      return null;
    });
    assertThat(buckets.get("b").versioning()).isEqualTo(Versioning.ENABLED);
  }

  @Test
  void writeInsideATransactionThatRollsBack_leavesTheCommittedRowVisible() throws Exception {
    buckets.get("b");
    assertThatThrownBy(() -> catalog.inTransaction(() -> {
      buckets.setTags("b", Map.of("k", "v"));
      // a read in the transaction sees its own write, and must not be remembered
      assertThat(buckets.get("b").tags()).containsEntry("k", "v");
      throw new java.io.IOException("abandon");
    })).hasMessage("abandon");
    assertThat(buckets.get("b").tags()).isEmpty();
  }

  @Test
  void readThatRacedAWrite_isNotRemembered() throws Exception {
    RowCache<String, String> cache = new RowCache<>(catalog.database(),
        com.github.benmanes.caffeine.cache.Caffeine.newBuilder().<String, String>build());
    long stamp = cache.stamp("k"); // a reader starts...
    cache.invalidate("k"); // ...a write commits and invalidates...
    cache.offer("k", stamp, old -> "stale"); // ...and the reader's old answer arrives
    assertThat(cache.get("k")).isNull();

    long fresh = cache.stamp("k");
    cache.offer("k", fresh, old -> "new");
    assertThat(cache.get("k")).isEqualTo("new");
    cache.invalidate("k");
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void invalidationInsideATransaction_waitsForItsEnd() throws Exception {
    RowCache<String, String> cache = new RowCache<>(catalog.database(),
        com.github.benmanes.caffeine.cache.Caffeine.newBuilder().<String, String>build());
    cache.offer("k", cache.stamp("k"), old -> "v");
    catalog.inTransaction(() -> {
      assertThat(cache.usable()).isFalse();
      cache.invalidate("k");
      assertThat(cache.get("k")).isEqualTo("v");
      return null;
    });
    assertThat(cache.usable()).isTrue();
    assertThat(cache.get("k")).isNull();
  }
}
