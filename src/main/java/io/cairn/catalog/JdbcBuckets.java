package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbcBuckets implements Buckets {
  private static final String COLUMNS = "name, owner, created_ms, region, versioning, acl, tags";

  private final Database db;
  private final Clock clock;
  private final LatestEntries entries;

  JdbcBuckets(Database db, Clock clock) {
    this(db, clock, LatestEntries.OFF);
  }

  /** {@code entries} is told when a bucket's versioning changes or the bucket goes. */
  JdbcBuckets(Database db, Clock clock, LatestEntries entries) {
    this.db = db;
    this.clock = clock;
    this.entries = entries;
  }

  @Override
  public Bucket create(String name, String owner, String region, Acl acl) throws CatalogException {
    JdbcUsers.requireText(name, "bucket name");
    JdbcUsers.requireText(owner, "owner");
    JdbcUsers.requireText(region, "region");
    Bucket bucket =
        new Bucket(
            name, owner, clock.instant(), region, Versioning.UNVERSIONED,
            acl == null ? Acl.none() : acl, Map.of());
    return db.write(
        tx -> {
          if (tx.exists("SELECT 1 FROM buckets WHERE name = ?", name)) {
            throw new AlreadyExistsException("bucket " + name + " already exists");
          }
          tx.update(
              "INSERT INTO buckets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
              name,
              owner,
              bucket.created(),
              region,
              bucket.versioning(),
              JsonColumns.ofAcl(bucket.acl()),
              JsonColumns.ofMap(bucket.tags()));
          return bucket;
        });
  }

  @Override
  public Optional<Bucket> find(String name) throws CatalogException {
    return db.readSingle(tx -> find(tx, name));
  }

  @Override
  public Bucket get(String name) throws CatalogException {
    return find(name).orElseThrow(() -> missing(name));
  }

  @Override
  public List<Bucket> list() throws CatalogException {
    return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM buckets ORDER BY name", JdbcBuckets::bucket));
  }

  @Override
  public List<Bucket> listByOwner(String owner) throws CatalogException {
    return db.read(
        tx ->
            tx.list(
                "SELECT " + COLUMNS + " FROM buckets WHERE owner = ? ORDER BY name",
                JdbcBuckets::bucket,
                owner));
  }

  @Override
  public void setVersioning(String name, Versioning versioning) throws CatalogException {
    if (versioning == Versioning.UNVERSIONED) {
      throw new IllegalArgumentException("versioning can be enabled or suspended, never unset");
    }
    db.write(tx -> {
      entries.bucketChanged(name);
      if (tx.update("UPDATE buckets SET versioning = ? WHERE name = ?", versioning, name) == 0) {
        throw missing(name);
      }
      return null;
    });
  }

  @Override
  public void setAcl(String name, Acl acl) throws CatalogException {
    updateOne(name, "UPDATE buckets SET acl = ? WHERE name = ?", JsonColumns.ofAcl(acl), name);
  }

  @Override
  public void setTags(String name, Map<String, String> tags) throws CatalogException {
    updateOne(name, "UPDATE buckets SET tags = ? WHERE name = ?", JsonColumns.ofMap(tags), name);
  }

  @Override
  public void setConfig(String name, String kind, String document) throws CatalogException {
    JdbcUsers.requireText(kind, "config kind");
    if (document == null) {
      throw new IllegalArgumentException("config document must not be null");
    }
    db.write(
        tx -> {
          requireBucket(tx, name);
          tx.update("DELETE FROM bucket_configs WHERE bucket = ? AND kind = ?", name, kind);
          tx.update(
              "INSERT INTO bucket_configs (bucket, kind, document) VALUES (?, ?, ?)",
              name, kind, document);
          return null;
        });
  }

  @Override
  public Optional<String> config(String name, String kind) throws CatalogException {
    return db.read(
        tx -> {
          requireBucket(tx, name);
          return tx.one(
              "SELECT document FROM bucket_configs WHERE bucket = ? AND kind = ?",
              rs -> rs.getString(1),
              name,
              kind);
        });
  }

  @Override
  public boolean deleteConfig(String name, String kind) throws CatalogException {
    return db.write(
        tx -> {
          requireBucket(tx, name);
          return tx.update("DELETE FROM bucket_configs WHERE bucket = ? AND kind = ?", name, kind)
              > 0;
        });
  }

  private static void requireBucket(Tx tx, String name) throws SQLException, NotFoundException {
    if (!tx.exists("SELECT 1 FROM buckets WHERE name = ?", name)) {
      throw missing(name);
    }
  }

  @Override
  public void delete(String name) throws CatalogException {
    db.write(
        tx -> {
          if (!tx.exists("SELECT 1 FROM buckets WHERE name = ?", name)) {
            throw missing(name);
          }
          if (tx.exists("SELECT 1 FROM objects WHERE bucket = ?", name)
              || tx.exists("SELECT 1 FROM multipart_uploads WHERE bucket = ?", name)) {
            throw new ConflictException("bucket " + name + " is not empty");
          }
          entries.bucketChanged(name);
          tx.update("DELETE FROM bucket_configs WHERE bucket = ?", name);
          tx.update("DELETE FROM buckets WHERE name = ?", name);
          return null;
        });
  }

  private void updateOne(String name, String sql, Object... args) throws CatalogException {
    db.write(
        tx -> {
          if (tx.update(sql, args) == 0) {
            throw missing(name);
          }
          return null;
        });
  }

  static Optional<Bucket> find(Tx tx, String name) throws SQLException {
    return tx.one("SELECT " + COLUMNS + " FROM buckets WHERE name = ?", JdbcBuckets::bucket, name);
  }

  static NotFoundException missing(String name) {
    return new NotFoundException("no bucket " + name);
  }

  private static Bucket bucket(ResultSet rs) throws SQLException {
    return new Bucket(
        rs.getString("name"),
        rs.getString("owner"),
        Tx.instant(rs, "created_ms"),
        rs.getString("region"),
        Versioning.valueOf(rs.getString("versioning")),
        JsonColumns.acl(rs.getString("acl")),
        JsonColumns.map(rs.getString("tags")));
  }
}
