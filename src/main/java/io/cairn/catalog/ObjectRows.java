package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code objects} table: its column list, row mapping and lookups shared by the JDBC classes.
 * Lookups of one version read its inline body too ({@link #BODY_COLUMNS}); listings do not
 * ({@link #COLUMNS}), so a page of small objects does not carry their bytes.
 */
final class ObjectRows {
  static final String COLUMNS =
      "bucket, object_key, seq, version_id, is_latest, delete_marker, blob_id, size, etag,"
          + " last_modified_ms, content_type, content_encoding, content_disposition,"
          + " content_language, cache_control, expires, user_metadata, checksum_algorithm,"
          + " checksum_value, owner, acl, tags, storage_class, part_sizes, encryption, lock_mode,"
          + " lock_until_ms, legal_hold";

  /** {@link #COLUMNS} and the inline body with its checksum. */
  static final String BODY_COLUMNS = COLUMNS + ", inline_body, inline_crc";

  static final String INSERT =
      "INSERT INTO objects ("
          + BODY_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?)";

  private static final String LATEST = " FROM objects WHERE bucket = ? AND is_latest = ? AND object_key = ?";
  private static final String VERSION =
      " FROM objects WHERE bucket = ? AND object_key = ? AND version_id = ?";
  private static final String BY_LATEST = "SELECT " + COLUMNS + LATEST;
  private static final String BY_VERSION = "SELECT " + COLUMNS + VERSION;
  private static final String BODY_BY_LATEST = "SELECT " + BODY_COLUMNS + LATEST;
  private static final String BODY_BY_VERSION = "SELECT " + BODY_COLUMNS + VERSION;

  private ObjectRows() {}

  /** A row together with its per-key sequence number (higher is newer). */
  record Stored(ObjectEntry entry, long seq) {}

  /**
   * The latest row of a key, without its inline body: what writes look at (the entries they
   * report as replaced or removed carry no body), inside the catalog's one writer.
   */
  static Optional<Stored> latest(Tx tx, String bucket, String key) throws SQLException {
    return tx.one(BY_LATEST, ObjectRows::stored, bucket, true, key);
  }

  /** A version's row, without its inline body (as {@link #latest}). */
  static Optional<Stored> version(Tx tx, String bucket, String key, String versionId)
      throws SQLException {
    return tx.one(BY_VERSION, ObjectRows::stored, bucket, key, versionId);
  }

  /** The latest row of a key with its inline body: what reads of the object use. */
  static Optional<ObjectEntry> latestWithBody(Tx tx, String bucket, String key)
      throws SQLException {
    return tx.one(BODY_BY_LATEST, ObjectRows::entryWithBody, bucket, true, key);
  }

  /** A version's row with its inline body. */
  static Optional<ObjectEntry> versionWithBody(Tx tx, String bucket, String key,
      String versionId) throws SQLException {
    return tx.one(BODY_BY_VERSION, ObjectRows::entryWithBody, bucket, key, versionId);
  }

  static void insert(Tx tx, ObjectEntry e, long seq) throws SQLException {
    ContentHeaders h = e.headers();
    tx.update(
        INSERT,
        e.bucket(),
        e.key(),
        seq,
        e.versionId(),
        e.latest(),
        e.deleteMarker(),
        e.blobId(),
        e.size(),
        e.etag(),
        e.lastModified(),
        h.contentType(),
        h.contentEncoding(),
        h.contentDisposition(),
        h.contentLanguage(),
        h.cacheControl(),
        h.expires(),
        JsonColumns.ofMap(e.userMetadata()),
        e.checksum() == null ? null : e.checksum().algorithm(),
        e.checksum() == null ? null : e.checksum().value(),
        e.owner(),
        JsonColumns.ofAcl(e.acl()),
        JsonColumns.ofMap(e.tags()),
        e.storageClass(),
        JsonColumns.ofLongs(e.partSizes()),
        e.encryption(),
        e.lock().mode(),
        e.lock().retainUntil(),
        e.lock().legalHold(),
        e.inline() == null ? null : e.inline().raw(),
        e.inline() == null ? null : (Object) e.inline().crc());
  }

  static void delete(Tx tx, String bucket, String key, long seq) throws SQLException {
    tx.update("DELETE FROM objects WHERE bucket = ? AND object_key = ? AND seq = ?", bucket, key, seq);
  }

  static void setLatest(Tx tx, String bucket, String key, long seq, boolean latest)
      throws SQLException {
    tx.update(
        "UPDATE objects SET is_latest = ? WHERE bucket = ? AND object_key = ? AND seq = ?",
        latest,
        bucket,
        key,
        seq);
  }

  static Stored stored(ResultSet rs) throws SQLException {
    return new Stored(entry(rs), rs.getLong("seq"));
  }

  /** A row read with {@link #BODY_COLUMNS}: the entry with its inline body, if it has one. */
  static ObjectEntry entryWithBody(ResultSet rs) throws SQLException {
    ObjectEntry e = entry(rs);
    byte[] body = rs.getBytes("inline_body");
    if (body == null) {
      return e;
    }
    return new ObjectEntry(e.bucket(), e.key(), e.versionId(), e.latest(), e.deleteMarker(),
        e.blobId(), e.size(), e.etag(), e.lastModified(), e.headers(), e.userMetadata(),
        e.checksum(), e.owner(), e.acl(), e.tags(), e.storageClass(), e.partSizes(),
        e.encryption(), InlineBody.stored(body, rs.getInt("inline_crc")), e.lock());
  }

  /** A row read with {@link #COLUMNS} (or more): the entry without any inline body. */
  static ObjectEntry entry(ResultSet rs) throws SQLException {
    String algorithm = rs.getString("checksum_algorithm");
    return new ObjectEntry(
        rs.getString("bucket"),
        rs.getString("object_key"),
        rs.getString("version_id"),
        rs.getBoolean("is_latest"),
        rs.getBoolean("delete_marker"),
        rs.getLong("blob_id"),
        rs.getLong("size"),
        rs.getString("etag"),
        Tx.instant(rs, "last_modified_ms"),
        headers(rs),
        JsonColumns.map(rs.getString("user_metadata")),
        algorithm == null ? null : new Checksum(algorithm, rs.getString("checksum_value")),
        rs.getString("owner"),
        JsonColumns.acl(rs.getString("acl")),
        JsonColumns.map(rs.getString("tags")),
        rs.getString("storage_class"),
        JsonColumns.longs(rs.getString("part_sizes")),
        rs.getString("encryption"),
        null,
        lock(rs));
  }

  /** The lock columns of the current row (V5). */
  static VersionLock lock(ResultSet rs) throws SQLException {
    String mode = rs.getString("lock_mode");
    long until = rs.getLong("lock_until_ms");
    boolean untilNull = rs.wasNull();
    boolean hold = rs.getBoolean("legal_hold");
    Boolean legalHold = rs.wasNull() ? null : hold;
    if (mode == null && legalHold == null) {
      return VersionLock.NONE; // the common case: no allocation
    }
    boolean retained = mode != null && !untilNull;
    return new VersionLock(retained ? mode : null,
        retained ? java.time.Instant.ofEpochMilli(until) : null, legalHold);
  }

  static ContentHeaders headers(ResultSet rs) throws SQLException {
    return new ContentHeaders(
        rs.getString("content_type"),
        rs.getString("content_encoding"),
        rs.getString("content_disposition"),
        rs.getString("content_language"),
        rs.getString("cache_control"),
        rs.getString("expires"));
  }
}
