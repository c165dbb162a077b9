package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
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

  /**
   * Positions of the columns in {@link #COLUMNS}, which every SELECT mapped here starts with: the
   * driver's lookup by label cost a tenth of a GET that misses the entry cache.
   */
  private static final List<String> NAMES = List.of(COLUMNS.split(",\\s*"));
  private static final int BUCKET = at("bucket");
  private static final int OBJECT_KEY = at("object_key");
  private static final int SEQ = at("seq");
  private static final int VERSION_ID = at("version_id");
  private static final int IS_LATEST = at("is_latest");
  private static final int DELETE_MARKER = at("delete_marker");
  private static final int BLOB_ID = at("blob_id");
  private static final int SIZE = at("size");
  private static final int ETAG = at("etag");
  private static final int LAST_MODIFIED = at("last_modified_ms");
  private static final int CONTENT_TYPE = at("content_type");
  private static final int CONTENT_ENCODING = at("content_encoding");
  private static final int CONTENT_DISPOSITION = at("content_disposition");
  private static final int CONTENT_LANGUAGE = at("content_language");
  private static final int CACHE_CONTROL = at("cache_control");
  private static final int EXPIRES = at("expires");
  private static final int USER_METADATA = at("user_metadata");
  private static final int CHECKSUM_ALGORITHM = at("checksum_algorithm");
  private static final int CHECKSUM_VALUE = at("checksum_value");
  private static final int OWNER = at("owner");
  private static final int ACL = at("acl");
  private static final int TAGS = at("tags");
  private static final int STORAGE_CLASS = at("storage_class");
  private static final int PART_SIZES = at("part_sizes");
  private static final int ENCRYPTION = at("encryption");
  private static final int LOCK_MODE = at("lock_mode");
  private static final int LOCK_UNTIL = at("lock_until_ms");
  private static final int LEGAL_HOLD = at("legal_hold");
  /** The inline body and its CRC follow {@link #COLUMNS} in {@link #BODY_COLUMNS}. */
  private static final int INLINE_BODY = NAMES.size() + 1;
  private static final int INLINE_CRC = NAMES.size() + 2;

  /** The JDBC position (from 1) of a column of {@link #COLUMNS}. */
  private static int at(String column) {
    int i = NAMES.indexOf(column);
    if (i < 0) {
      throw new IllegalStateException(column + " is not in ObjectRows.COLUMNS");
    }
    return i + 1;
  }

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
    return new Stored(entry(rs), rs.getLong(SEQ));
  }

  /** A row read with {@link #BODY_COLUMNS}: the entry with its inline body, if it has one. */
  static ObjectEntry entryWithBody(ResultSet rs) throws SQLException {
    ObjectEntry e = entry(rs);
    byte[] body = rs.getBytes(INLINE_BODY);
    if (body == null) {
      return e;
    }
    return new ObjectEntry(e.bucket(), e.key(), e.versionId(), e.latest(), e.deleteMarker(),
        e.blobId(), e.size(), e.etag(), e.lastModified(), e.headers(), e.userMetadata(),
        e.checksum(), e.owner(), e.acl(), e.tags(), e.storageClass(), e.partSizes(),
        e.encryption(), InlineBody.stored(body, rs.getInt(INLINE_CRC)), e.lock());
  }

  /** A row read with {@link #COLUMNS} (or more after them): the entry without any inline body. */
  static ObjectEntry entry(ResultSet rs) throws SQLException {
    String algorithm = rs.getString(CHECKSUM_ALGORITHM);
    return new ObjectEntry(
        rs.getString(BUCKET),
        rs.getString(OBJECT_KEY),
        rs.getString(VERSION_ID),
        rs.getBoolean(IS_LATEST),
        rs.getBoolean(DELETE_MARKER),
        rs.getLong(BLOB_ID),
        rs.getLong(SIZE),
        rs.getString(ETAG),
        Instant.ofEpochMilli(rs.getLong(LAST_MODIFIED)),
        new ContentHeaders(rs.getString(CONTENT_TYPE), rs.getString(CONTENT_ENCODING),
            rs.getString(CONTENT_DISPOSITION), rs.getString(CONTENT_LANGUAGE),
            rs.getString(CACHE_CONTROL), rs.getString(EXPIRES)),
        JsonColumns.map(rs.getString(USER_METADATA)),
        algorithm == null ? null : new Checksum(algorithm, rs.getString(CHECKSUM_VALUE)),
        rs.getString(OWNER),
        JsonColumns.acl(rs.getString(ACL)),
        JsonColumns.map(rs.getString(TAGS)),
        rs.getString(STORAGE_CLASS),
        JsonColumns.longs(rs.getString(PART_SIZES)),
        rs.getString(ENCRYPTION),
        null,
        lock(rs, LOCK_MODE, LOCK_UNTIL, LEGAL_HOLD));
  }

  /** The content header columns of the current row, by name (any table that has them). */
  static ContentHeaders headers(ResultSet rs) throws SQLException {
    return new ContentHeaders(
        rs.getString("content_type"),
        rs.getString("content_encoding"),
        rs.getString("content_disposition"),
        rs.getString("content_language"),
        rs.getString("cache_control"),
        rs.getString("expires"));
  }

  /** The lock columns of the current row, by name (any query that selects them). */
  static VersionLock lock(ResultSet rs) throws SQLException {
    return lock(rs, rs.findColumn("lock_mode"), rs.findColumn("lock_until_ms"),
        rs.findColumn("legal_hold"));
  }

  private static VersionLock lock(ResultSet rs, int modeAt, int untilAt, int holdAt)
      throws SQLException {
    String mode = rs.getString(modeAt);
    long until = rs.getLong(untilAt);
    boolean untilNull = rs.wasNull();
    boolean hold = rs.getBoolean(holdAt);
    Boolean legalHold = rs.wasNull() ? null : hold;
    if (mode == null && legalHold == null) {
      return VersionLock.NONE; // the common case: no allocation
    }
    boolean retained = mode != null && !untilNull;
    return new VersionLock(retained ? mode : null,
        retained ? Instant.ofEpochMilli(until) : null, legalHold);
  }
}
