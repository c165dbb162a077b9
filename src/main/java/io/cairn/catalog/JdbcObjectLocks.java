package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@link ObjectLocks} over the lock columns of {@code objects} and {@code multipart_uploads}. */
final class JdbcObjectLocks implements ObjectLocks {
  private static final String LOCK_BY_LATEST =
      "SELECT seq, version_id, delete_marker, lock_mode, lock_until_ms, legal_hold FROM objects"
          + " WHERE bucket = ? AND is_latest = ? AND object_key = ?";
  private static final String LOCK_BY_VERSION =
      "SELECT seq, version_id, delete_marker, lock_mode, lock_until_ms, legal_hold FROM objects"
          + " WHERE bucket = ? AND object_key = ? AND version_id = ?";

  private final Database db;
  private final LatestEntries cache;

  /** {@code cache} is told of every row this class changes. */
  JdbcObjectLocks(Database db, LatestEntries cache) {
    this.db = db;
    this.cache = cache;
  }

  /** A version's row position and lock. */
  private record Row(long seq, String versionId, boolean deleteMarker, VersionLock lock) {}

  @Override
  public Optional<VersionLock> lock(String bucket, String key, String versionId)
      throws CatalogException {
    return db.readSingle(tx -> row(tx, bucket, key, versionId)
        .filter(r -> !r.deleteMarker()).map(Row::lock));
  }

  @Override
  public String change(String bucket, String key, String versionId, Change change)
      throws CatalogException {
    return db.write(tx -> {
      Row row = row(tx, bucket, key, versionId).filter(r -> !r.deleteMarker())
          .orElseThrow(() -> new NotFoundException(
              "no object " + key + (versionId == null ? "" : " version " + versionId)));
      VersionLock next = change.apply(row.lock());
      cache.changed(bucket, key);
      tx.update("UPDATE objects SET lock_mode = ?, lock_until_ms = ?, legal_hold = ?"
              + " WHERE bucket = ? AND object_key = ? AND seq = ?",
          next.mode(), next.retainUntil(), next.legalHold(), bucket, key, row.seq());
      return row.versionId();
    });
  }

  @Override
  public Optional<ObjectEntry> deleteVersion(String bucket, String key, String versionId,
      Removable removable) throws CatalogException {
    return db.write(tx -> {
      JdbcObjectEntries.requireBucket(tx, bucket);
      Optional<ObjectRows.Stored> stored = ObjectRows.version(tx, bucket, key, versionId);
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      VersionLock lock = row(tx, bucket, key, versionId).map(Row::lock).orElse(VersionLock.NONE);
      if (!removable.test(lock)) {
        throw new ConflictException("version " + versionId + " of " + key + " is locked");
      }
      cache.changed(bucket, key);
      ObjectRows.delete(tx, bucket, key, stored.get().seq());
      if (stored.get().entry().latest()) {
        JdbcObjectEntries.promoteNewest(tx, bucket, key);
      }
      return Optional.of(stored.get().entry());
    });
  }

  @Override
  public void setUploadLock(String uploadId, String document) throws CatalogException {
    db.write(tx -> {
      if (tx.update("UPDATE multipart_uploads SET object_lock = ? WHERE upload_id = ?",
          document, uploadId) == 0) {
        throw new NotFoundException("no upload " + uploadId);
      }
      return null;
    });
  }

  @Override
  public Optional<String> uploadLock(String uploadId) throws CatalogException {
    return db.readSingle(tx -> tx.one(
        "SELECT object_lock FROM multipart_uploads WHERE upload_id = ?",
        rs -> Optional.ofNullable(rs.getString(1)), uploadId).flatMap(o -> o));
  }

  private static Optional<Row> row(Tx tx, String bucket, String key, String versionId)
      throws SQLException, NotFoundException {
    Optional<Row> row = versionId == null
        ? tx.one(LOCK_BY_LATEST, JdbcObjectLocks::map, bucket, true, key)
        : tx.one(LOCK_BY_VERSION, JdbcObjectLocks::map, bucket, key, versionId);
    if (row.isEmpty()) {
      JdbcObjectEntries.requireBucket(tx, bucket);
    }
    return row;
  }

  private static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getLong("seq"), rs.getString("version_id"),
        rs.getBoolean("delete_marker"), ObjectRows.lock(rs));
  }
}
