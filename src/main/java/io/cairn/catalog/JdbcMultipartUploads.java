package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbcMultipartUploads implements MultipartUploads {
  private static final String COLUMNS =
      "upload_id, bucket, object_key, initiator, owner, created_ms, content_type,"
          + " content_encoding, content_disposition, content_language, cache_control, expires,"
          + " user_metadata, checksum_algorithm, storage_class, tags, acl, encryption";
  private static final String PART_COLUMNS =
      "upload_id, part_number, blob_id, size, etag, checksum_algorithm, checksum_value,"
          + " last_modified_ms";

  private final Database db;
  private final Clock clock;
  private final IdSource ids;
  private final JdbcObjectEntries objects;

  JdbcMultipartUploads(Database db, Clock clock, IdSource ids, JdbcObjectEntries objects) {
    this.db = db;
    this.clock = clock;
    this.ids = ids;
    this.objects = objects;
  }

  @Override
  public MultipartUpload create(String bucket, UploadDraft d) throws CatalogException {
    JdbcObjectEntries.requireKey(d.key());
    JdbcUsers.requireText(d.initiator(), "initiator");
    JdbcUsers.requireText(d.owner(), "owner");
    ContentHeaders h = d.headers() == null ? ContentHeaders.none() : d.headers();
    MultipartUpload upload =
        new MultipartUpload(
            ids.hex(128),
            bucket,
            d.key(),
            d.initiator(),
            d.owner(),
            clock.instant(),
            h,
            d.userMetadata() == null ? Map.of() : Map.copyOf(d.userMetadata()),
            d.checksumAlgorithm(),
            d.storageClass() == null ? "STANDARD" : d.storageClass(),
            d.tags() == null ? Map.of() : Map.copyOf(d.tags()),
            d.acl() == null ? Acl.none() : d.acl(),
            d.encryption());
    return db.write(
        tx -> {
          JdbcObjectEntries.requireBucket(tx, bucket);
          tx.update(
              "INSERT INTO multipart_uploads ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              upload.uploadId(),
              bucket,
              upload.key(),
              upload.initiator(),
              upload.owner(),
              upload.created(),
              h.contentType(),
              h.contentEncoding(),
              h.contentDisposition(),
              h.contentLanguage(),
              h.cacheControl(),
              h.expires(),
              JsonColumns.ofMap(upload.userMetadata()),
              upload.checksumAlgorithm(),
              upload.storageClass(),
              JsonColumns.ofMap(upload.tags()),
              JsonColumns.ofAcl(upload.acl()),
              upload.encryption());
          return upload;
        });
  }

  @Override
  public Optional<MultipartUpload> find(String uploadId) throws CatalogException {
    return db.read(tx -> find(tx, uploadId));
  }

  @Override
  public MultipartUpload get(String uploadId) throws CatalogException {
    return find(uploadId).orElseThrow(() -> missing(uploadId));
  }

  @Override
  public Optional<Part> putPart(
      String uploadId, int partNumber, long blobId, long size, String etag, Checksum checksum)
      throws CatalogException {
    if (partNumber < 1 || partNumber > 10_000) {
      throw new IllegalArgumentException("part number " + partNumber + " not in 1..10000");
    }
    return db.write(
        tx -> {
          require(tx, uploadId);
          Optional<Part> replaced =
              tx.one(
                  "SELECT " + PART_COLUMNS + " FROM multipart_parts"
                      + " WHERE upload_id = ? AND part_number = ?",
                  JdbcMultipartUploads::part,
                  uploadId,
                  partNumber);
          if (replaced.isPresent()) {
            tx.update(
                "DELETE FROM multipart_parts WHERE upload_id = ? AND part_number = ?",
                uploadId,
                partNumber);
          }
          tx.update(
              "INSERT INTO multipart_parts (" + PART_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              uploadId,
              partNumber,
              blobId,
              size,
              etag,
              checksum == null ? null : checksum.algorithm(),
              checksum == null ? null : checksum.value(),
              clock.instant());
          return replaced;
        });
  }

  @Override
  public List<Part> parts(String uploadId, int afterPartNumber, int limit)
      throws CatalogException {
    return db.read(
        tx -> {
          require(tx, uploadId);
          return tx.list(
              "SELECT " + PART_COLUMNS + " FROM multipart_parts"
                  + " WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?",
              JdbcMultipartUploads::part,
              uploadId,
              afterPartNumber,
              limit);
        });
  }

  @Override
  public Completion complete(String uploadId, ObjectDraft object) throws CatalogException {
    JdbcObjectEntries.requireKey(object.key());
    JdbcUsers.requireText(object.owner(), "object owner");
    return db.write(
        tx -> {
          MultipartUpload upload = find(tx, uploadId).orElseThrow(() -> missing(uploadId));
          if (!upload.key().equals(object.key())) {
            throw new IllegalArgumentException("upload " + uploadId + " is for another key");
          }
          List<Part> parts = removeUpload(tx, uploadId);
          PutOutcome put = objects.put(tx, upload.bucket(), object);
          return new Completion(put, parts);
        });
  }

  @Override
  public List<Part> abort(String uploadId) throws CatalogException {
    return db.write(
        tx -> {
          require(tx, uploadId);
          return removeUpload(tx, uploadId);
        });
  }

  @Override
  public UploadListing list(
      String bucket, String prefix, String keyMarker, String uploadIdMarker, int maxUploads)
      throws CatalogException {
    return db.read(
        tx -> {
          JdbcObjectEntries.requireBucket(tx, bucket);
          String p = prefix == null ? "" : prefix;
          String upper = KeyOrder.successor(p);
          List<MultipartUpload> rows = new ArrayList<>();
          int want = maxUploads + 1;
          boolean afterMarkerKey = keyMarker != null && KeyOrder.compare(keyMarker, p) >= 0;
          if (afterMarkerKey && uploadIdMarker != null && keyMarker.startsWith(p)) {
            Optional<MultipartUpload> marker =
                find(tx, uploadIdMarker).filter(u -> u.key().equals(keyMarker));
            if (marker.isPresent()) {
              long created = marker.get().created().toEpochMilli();
              rows.addAll(
                  tx.list(
                      "SELECT " + COLUMNS + " FROM multipart_uploads WHERE bucket = ?"
                          + " AND object_key = ? AND (created_ms > ? OR (created_ms = ?"
                          + " AND upload_id > ?)) ORDER BY created_ms, upload_id LIMIT ?",
                      JdbcMultipartUploads::upload,
                      bucket, keyMarker, created, created, uploadIdMarker, want));
            }
          }
          if (rows.size() < want) {
            String from = afterMarkerKey ? keyMarker : p;
            String sql =
                "SELECT " + COLUMNS + " FROM multipart_uploads WHERE bucket = ?"
                    + (afterMarkerKey ? " AND object_key > ?" : " AND object_key >= ?")
                    + (upper == null ? "" : " AND object_key < ?")
                    + " ORDER BY object_key, created_ms, upload_id LIMIT ?";
            int left = want - rows.size();
            rows.addAll(
                upper == null
                    ? tx.list(sql, JdbcMultipartUploads::upload, bucket, from, left)
                    : tx.list(sql, JdbcMultipartUploads::upload, bucket, from, upper, left));
          }
          boolean truncated = rows.size() > maxUploads;
          List<MultipartUpload> page = List.copyOf(rows.subList(0, Math.min(maxUploads, rows.size())));
          MultipartUpload last = truncated && !page.isEmpty() ? page.getLast() : null;
          return new UploadListing(
              page,
              truncated,
              last == null ? null : last.key(),
              last == null ? null : last.uploadId());
        });
  }

  private static List<Part> removeUpload(Tx tx, String uploadId) throws SQLException {
    List<Part> parts =
        tx.list(
            "SELECT " + PART_COLUMNS + " FROM multipart_parts WHERE upload_id = ?"
                + " ORDER BY part_number",
            JdbcMultipartUploads::part,
            uploadId);
    tx.update("DELETE FROM multipart_parts WHERE upload_id = ?", uploadId);
    tx.update("DELETE FROM multipart_uploads WHERE upload_id = ?", uploadId);
    return parts;
  }

  private static Optional<MultipartUpload> find(Tx tx, String uploadId) throws SQLException {
    return tx.one(
        "SELECT " + COLUMNS + " FROM multipart_uploads WHERE upload_id = ?",
        JdbcMultipartUploads::upload,
        uploadId);
  }

  private static void require(Tx tx, String uploadId) throws SQLException, NotFoundException {
    if (!tx.exists("SELECT 1 FROM multipart_uploads WHERE upload_id = ?", uploadId)) {
      throw missing(uploadId);
    }
  }

  private static NotFoundException missing(String uploadId) {
    return new NotFoundException("no multipart upload " + uploadId);
  }

  private static MultipartUpload upload(ResultSet rs) throws SQLException {
    return new MultipartUpload(
        rs.getString("upload_id"),
        rs.getString("bucket"),
        rs.getString("object_key"),
        rs.getString("initiator"),
        rs.getString("owner"),
        Tx.instant(rs, "created_ms"),
        ObjectRows.headers(rs),
        JsonColumns.map(rs.getString("user_metadata")),
        rs.getString("checksum_algorithm"),
        rs.getString("storage_class"),
        JsonColumns.map(rs.getString("tags")),
        JsonColumns.acl(rs.getString("acl")),
        rs.getString("encryption"));
  }

  private static Part part(ResultSet rs) throws SQLException {
    String algorithm = rs.getString("checksum_algorithm");
    return new Part(
        rs.getString("upload_id"),
        rs.getInt("part_number"),
        rs.getLong("blob_id"),
        rs.getLong("size"),
        rs.getString("etag"),
        algorithm == null ? null : new Checksum(algorithm, rs.getString("checksum_value")),
        Tx.instant(rs, "last_modified_ms"));
  }
}
