package io.cairn.catalog;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * S3 versioning over the {@code objects} table. The PUT path is the hot one (one row per S3 PUT
 * with a synced commit): for an unversioned bucket it is four indexed statements on cached prepared
 * statements — read the bucket's versioning, read the latest row, delete it, insert the new one.
 */
final class JdbcObjectEntries implements ObjectEntries {
  private static final String STANDARD = "STANDARD";

  private final Database db;
  private final Clock clock;
  private final IdSource ids;
  private final LatestEntries cache;

  JdbcObjectEntries(Database db, Clock clock, IdSource ids) {
    this(db, clock, ids, LatestEntries.OFF);
  }

  /** With {@code cache} serving {@link #latest} and told of every row this class changes. */
  JdbcObjectEntries(Database db, Clock clock, IdSource ids, LatestEntries cache) {
    this.db = db;
    this.clock = clock;
    this.ids = ids;
    this.cache = cache;
  }

  LatestEntries cache() {
    return cache;
  }

  @Override
  public PutOutcome put(String bucket, ObjectDraft draft) throws CatalogException {
    requireKey(draft.key());
    JdbcUsers.requireText(draft.owner(), "object owner");
    return db.write(tx -> put(tx, bucket, draft));
  }

  @Override
  public PutOutcome put(String bucket, ObjectDraft draft,
      Predicate<Optional<ObjectEntry>> condition) throws CatalogException {
    requireKey(draft.key());
    JdbcUsers.requireText(draft.owner(), "object owner");
    return db.write(tx -> {
      requireBucket(tx, bucket);
      Optional<ObjectEntry> current = ObjectRows.latest(tx, bucket, draft.key())
          .map(ObjectRows.Stored::entry).filter(e -> !e.deleteMarker());
      if (!condition.test(current)) {
        throw new ConflictException("precondition failed for " + bucket + "/" + draft.key());
      }
      return put(tx, bucket, draft);
    });
  }

  /** The PUT itself, inside a caller's write transaction (also used to complete uploads). */
  PutOutcome put(Tx tx, String bucket, ObjectDraft draft) throws SQLException, CatalogException {
    Versioning versioning = versioning(tx, bucket);
    String key = draft.key();
    cache.changed(bucket, key);
    Optional<ObjectRows.Stored> latest = ObjectRows.latest(tx, bucket, key);
    Optional<ObjectEntry> replaced = Optional.empty();
    String versionId;
    if (versioning == Versioning.ENABLED) {
      versionId = ids.hex(128);
    } else {
      versionId = NULL_VERSION;
      replaced = removeNullVersion(tx, bucket, key, latest);
    }
    if (latest.isPresent() && !replaced.equals(Optional.of(latest.get().entry()))) {
      ObjectRows.setLatest(tx, bucket, key, latest.get().seq(), false);
    }
    long seq = latest.map(s -> s.seq() + 1).orElse(1L);
    Instant created = now();
    // The lock goes into the very row that makes the version visible: no window without it.
    VersionLock lock = draft.lock() == null || versionId.equals(NULL_VERSION)
        ? VersionLock.NONE : draft.lock().of(created);
    ObjectEntry entry =
        new ObjectEntry(
            bucket,
            key,
            versionId,
            true,
            false,
            draft.blobId(),
            draft.size(),
            draft.etag(),
            created,
            draft.headers() == null ? ContentHeaders.none() : draft.headers(),
            draft.userMetadata() == null ? Map.of() : Map.copyOf(draft.userMetadata()),
            draft.checksum(),
            draft.owner(),
            draft.acl() == null ? Acl.none() : draft.acl(),
            draft.tags() == null ? Map.of() : Map.copyOf(draft.tags()),
            draft.storageClass() == null ? STANDARD : draft.storageClass(),
            draft.partSizes(),
            draft.encryption(),
            draft.inline(),
            lock);
    ObjectRows.insert(tx, entry, seq);
    return new PutOutcome(entry, replaced);
  }

  @Override
  public Optional<ObjectEntry> latest(String bucket, String key) throws CatalogException {
    return cache.latest(bucket, key, () -> db.readSingle(
        tx -> {
          Optional<ObjectEntry> row = ObjectRows.latestWithBody(tx, bucket, key);
          if (row.isEmpty()) {
            requireBucket(tx, bucket);
          }
          return row;
        }));
  }

  @Override
  public Optional<ObjectEntry> version(String bucket, String key, String versionId)
      throws CatalogException {
    ObjectEntry held = cache.heldVersion(bucket, key, versionId);
    if (held != null) {
      return Optional.of(held);
    }
    return db.readSingle(
        tx -> {
          Optional<ObjectEntry> row = ObjectRows.versionWithBody(tx, bucket, key, versionId);
          if (row.isEmpty()) {
            requireBucket(tx, bucket);
          }
          return row;
        });
  }

  @Override
  public DeleteOutcome delete(String bucket, String key, String requester)
      throws CatalogException {
    return db.write(
        tx -> {
          Versioning versioning = versioning(tx, bucket);
          cache.changed(bucket, key);
          Optional<ObjectRows.Stored> latest = ObjectRows.latest(tx, bucket, key);
          if (versioning == Versioning.UNVERSIONED) {
            if (latest.isPresent()) {
              ObjectRows.delete(tx, bucket, key, latest.get().seq());
            }
            return new DeleteOutcome(latest.map(ObjectRows.Stored::entry), Optional.empty());
          }
          // The marker's owner: may be null only where no marker is made (unversioned above).
          JdbcUsers.requireText(requester, "requester");
          Optional<ObjectEntry> removed = Optional.empty();
          String versionId = ids.hex(128);
          if (versioning == Versioning.SUSPENDED) {
            versionId = NULL_VERSION;
            removed = removeNullVersion(tx, bucket, key, latest);
          }
          if (latest.isPresent() && !removed.equals(Optional.of(latest.get().entry()))) {
            ObjectRows.setLatest(tx, bucket, key, latest.get().seq(), false);
          }
          ObjectEntry marker =
              new ObjectEntry(
                  bucket, key, versionId, true, true, 0, 0, null, now(), ContentHeaders.none(),
                  Map.of(), null, requester, Acl.none(), Map.of(), STANDARD);
          ObjectRows.insert(tx, marker, latest.map(s -> s.seq() + 1).orElse(1L));
          return new DeleteOutcome(removed, Optional.of(marker));
        });
  }

  @Override
  public Optional<ObjectEntry> deleteVersion(String bucket, String key, String versionId)
      throws CatalogException {
    return db.write(
        tx -> {
          requireBucket(tx, bucket);
          Optional<ObjectRows.Stored> row = ObjectRows.version(tx, bucket, key, versionId);
          if (row.isEmpty()) {
            return Optional.empty();
          }
          cache.changed(bucket, key);
          ObjectRows.delete(tx, bucket, key, row.get().seq());
          if (row.get().entry().latest()) {
            promoteNewest(tx, bucket, key);
          }
          return Optional.of(row.get().entry());
        });
  }

  @Override
  public void setAcl(String bucket, String key, String versionId, Acl acl)
      throws CatalogException {
    setColumn(bucket, key, versionId, "acl", JsonColumns.ofAcl(acl));
  }

  @Override
  public void setTags(String bucket, String key, String versionId, Map<String, String> tags)
      throws CatalogException {
    setColumn(bucket, key, versionId, "tags", JsonColumns.ofMap(tags));
  }

  @Override
  public ObjectListing list(
      String bucket, String prefix, String delimiter, String startAfter, int maxKeys)
      throws CatalogException {
    requireMaxKeys(maxKeys);
    return db.read(
        tx -> {
          requireBucket(tx, bucket);
          return ObjectScan.latest(tx, bucket, prefix, delimiter, startAfter, maxKeys);
        });
  }

  @Override
  public ObjectListing listFiltered(
      String bucket,
      String prefix,
      ObjectFilter filter,
      String startAfter,
      int maxKeys,
      int scanLimit)
      throws CatalogException {
    requireMaxKeys(maxKeys);
    if (scanLimit < 1) {
      throw new IllegalArgumentException("scanLimit " + scanLimit);
    }
    return db.read(
        tx -> {
          requireBucket(tx, bucket);
          return FilteredScan.list(
              tx, db.dialect(), bucket, prefix, filter, startAfter, maxKeys, scanLimit);
        });
  }

  @Override
  public VersionListing listVersions(
      String bucket,
      String prefix,
      String delimiter,
      String keyMarker,
      String versionIdMarker,
      int maxKeys)
      throws CatalogException {
    requireMaxKeys(maxKeys);
    return db.read(
        tx -> {
          requireBucket(tx, bucket);
          return ObjectScan.versions(
              tx, bucket, prefix, delimiter, keyMarker, versionIdMarker, maxKeys);
        });
  }

  private void setColumn(String bucket, String key, String versionId, String column, String json)
      throws CatalogException {
    db.write(
        tx -> {
          Optional<ObjectRows.Stored> row =
              versionId == null
                  ? ObjectRows.latest(tx, bucket, key).filter(s -> !s.entry().deleteMarker())
                  : ObjectRows.version(tx, bucket, key, versionId);
          if (row.isEmpty()) {
            requireBucket(tx, bucket);
            throw new NotFoundException(
                "no object " + key + (versionId == null ? "" : " version " + versionId));
          }
          cache.changed(bucket, key);
          tx.update(
              "UPDATE objects SET " + column + " = ? WHERE bucket = ? AND object_key = ? AND seq = ?",
              json,
              bucket,
              key,
              row.get().seq());
          return null;
        });
  }

  /** Removes the "null" version of a key, if any; {@code latest} saves a lookup when it is it. */
  private static Optional<ObjectEntry> removeNullVersion(
      Tx tx, String bucket, String key, Optional<ObjectRows.Stored> latest) throws SQLException {
    // A key with rows always has a latest one (promoteNewest keeps it so): no latest, no rows.
    Optional<ObjectRows.Stored> nullVersion =
        latest.isEmpty() || latest.get().entry().versionId().equals(NULL_VERSION)
            ? latest
            : ObjectRows.version(tx, bucket, key, NULL_VERSION);
    if (nullVersion.isPresent()) {
      ObjectRows.delete(tx, bucket, key, nullVersion.get().seq());
    }
    return nullVersion.map(ObjectRows.Stored::entry);
  }

  static void promoteNewest(Tx tx, String bucket, String key) throws SQLException {
    long newest =
        tx.scalar(
            "SELECT MAX(seq) FROM objects WHERE bucket = ? AND object_key = ?", -1, bucket, key);
    if (newest >= 0) {
      ObjectRows.setLatest(tx, bucket, key, newest, true);
    }
  }

  private static Versioning versioning(Tx tx, String bucket)
      throws SQLException, NotFoundException {
    return tx.one(
            "SELECT versioning FROM buckets WHERE name = ?",
            rs -> Versioning.valueOf(rs.getString(1)),
            bucket)
        .orElseThrow(() -> JdbcBuckets.missing(bucket));
  }

  static void requireBucket(Tx tx, String bucket) throws SQLException, NotFoundException {
    if (!tx.exists("SELECT 1 FROM buckets WHERE name = ?", bucket)) {
      throw JdbcBuckets.missing(bucket);
    }
  }

  private Instant now() {
    return clock.instant();
  }

  static void requireKey(String key) {
    if (key == null || key.isEmpty() || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("object key must be non-empty and without U+0000");
    }
  }

  private static void requireMaxKeys(int maxKeys) {
    if (maxKeys < 0) {
      throw new IllegalArgumentException("maxKeys " + maxKeys);
    }
  }
}
