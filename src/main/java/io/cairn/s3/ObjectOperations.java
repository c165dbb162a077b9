package io.cairn.s3;

import io.cairn.objects.ObjectEntry;
import io.cairn.objects.ObjectMetadata;
import io.cairn.objects.ObjectService;
import io.cairn.objects.ObjectServiceException;
import io.cairn.objects.ObjectVersions;
import io.cairn.objects.encryption.SseRequest;
import io.cairn.s3.auth.UriEncoding;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

/**
 * PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects and CopyObject, of the latest
 * version of a key or of the one {@code versionId} names.
 */
final class ObjectOperations {
  private final ObjectService objects;
  private final ObjectVersions versions;
  private final ObjectLockOperations objectLock;

  ObjectOperations(ObjectService objects) {
    this.objects = objects;
    this.versions = new ObjectVersions(objects);
    this.objectLock = new ObjectLockOperations(objects);
  }

  void put(S3Exchange x) throws IOException {
    if (x.request().header("x-amz-copy-source") != null) {
      copy(x);
      return;
    }
    byte[] md5 = x.contentMd5();
    ObjectMetadata metadata = MetadataHeaders.fromRequest(x.request());
    Map<String, String> tags = TaggingOperations.fromHeader(x.request());
    SseRequest sse = SseHeaders.forWrite(x.request()::header);
    var lockRequest = objectLock.beforeWrite(x);
    ObjectEntry entry = objects.putObject(x.owner(), x.bucket(), x.key(), x.body(),
        x.payload().length(), metadata, md5, x.payload().checksum(),
        Preconditions.writeCondition(x.request()), AclRequests.fromHeaders(x.request()), tags,
        sse, lockRequest);
    x.header("ETag", quote(entry.etag()));
    VersionHeaders.versionId(x, entry, false);
    SseHeaders.echo(x, entry.encryption(), sse);
    checksumHeader(x, entry);
    x.replyEmpty(200);
  }

  void get(S3Exchange x) throws IOException {
    S3Request r = x.request();
    String versionId = r.param("versionId");
    ObjectEntry entry = VersionHeaders.readable(
        versions.read(x.owner(), x.bucket(), x.key(), versionId), versionId != null);
    SseRequest presented = SseHeaders.forRead(r);
    if (entry.encryption() != null && r.param("partNumber") != null) {
      partNumberRange(x, entry); // a part number out of range is InvalidPart, key or not
    }
    byte[] dataKey = objects.encryption().open(entry.encryption(), presented);
    SseHeaders.echo(x, entry.encryption(), presented);
    Preconditions.Outcome outcome = Preconditions.evaluate(r.header("If-Match"),
        r.header("If-None-Match"), r.header("If-Modified-Since"),
        r.header("If-Unmodified-Since"), entry.etag(), entry.lastModified());
    x.header("ETag", quote(entry.etag()));
    x.dateHeader("Last-Modified", entry.lastModified());
    VersionHeaders.versionId(x, entry, versionId != null);
    ObjectLockOperations.echo(x, entry);
    if (outcome == Preconditions.Outcome.FAILED) {
      throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
    }
    if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
      x.headers().remove("Content-Length");
      x.replyEmpty(304);
      return;
    }
    ByteRange range = partNumberRange(x, entry);
    if (range == null) {
      range = ByteRange.parse(r.header("Range"), entry.size());
    }
    MetadataHeaders.toResponse(entry.metadata(), x);
    TaggingOperations.countHeader(x, entry);
    x.header("Accept-Ranges", "bytes");
    long offset = range == null ? 0 : range.first();
    long length = range == null ? entry.size() : range.length();
    x.headers().put("Content-Length", length);
    if (range == null && "ENABLED".equalsIgnoreCase(r.header("x-amz-checksum-mode"))) {
      checksumHeader(x, entry);
    }
    int status = 200;
    if (range != null) {
      x.header("Content-Range", range.contentRange(entry.size()));
      status = 206;
    }
    if (x.isHead()) {
      x.replyEmpty(status);
      return;
    }
    OutputStream out = x.replyStream(status);
    objects.transferTo(entry, dataKey, offset, length, out);
    out.close();
  }

  /**
   * GET/HEAD ?partNumber=N: the bytes of part N of an object completed from a multipart upload,
   * with {@code x-amz-mp-parts-count}; an object stored in one piece has one part, itself (null:
   * the whole object). A part beyond the last is InvalidPart.
   */
  private static ByteRange partNumberRange(S3Exchange x, ObjectEntry entry) {
    S3Request r = x.request();
    String param = r.param("partNumber");
    if (param == null) {
      return null;
    }
    int number;
    try {
      number = Integer.parseInt(param);
    } catch (NumberFormatException e) {
      number = 0;
    }
    if (number < 1 || number > 10_000) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Part number must be an integer between 1 and 10000, inclusive");
    }
    if (r.header("Range") != null) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          "Cannot specify both Range header and partNumber query parameter");
    }
    java.util.List<Long> sizes = entry.partSizes();
    int count = sizes == null ? 1 : sizes.size();
    if (number > count) {
      throw new S3Exception(S3ErrorCode.INVALID_PART,
          "The requested partnumber is not satisfiable");
    }
    if (sizes == null) {
      return null;
    }
    x.header("x-amz-mp-parts-count", Integer.toString(count));
    long offset = 0;
    for (int i = 0; i < number - 1; i++) {
      offset += sizes.get(i);
    }
    long length = sizes.get(number - 1);
    return length == 0 ? null : new ByteRange(offset, offset + length - 1);
  }

  /** The attributes GetObjectAttributes may be asked for (x-amz-object-attributes). */
  private static final java.util.Set<String> ATTRIBUTES =
      java.util.Set.of("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize");

  /**
   * GetObjectAttributes: the attributes named in {@code x-amz-object-attributes}; ObjectParts
   * (pages of {@code x-amz-max-parts} after {@code x-amz-part-number-marker}) only for objects
   * completed from a multipart upload, as S3 does.
   */
  void attributes(S3Exchange x) throws IOException {
    S3Request r = x.request();
    java.util.Set<String> wanted = new java.util.HashSet<>();
    for (String v : r.headers().getValuesList("x-amz-object-attributes")) {
      for (String a : v.split(",")) {
        String name = a.strip();
        if (!name.isEmpty()) {
          if (!ATTRIBUTES.contains(name)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                "Invalid attribute name specified.");
          }
          wanted.add(name);
        }
      }
    }
    if (wanted.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Empty attribute specified.");
    }
    int maxParts = headerInt(r, "x-amz-max-parts", 1000);
    int marker = headerInt(r, "x-amz-part-number-marker", 0);
    String versionId = r.param("versionId");
    ObjectEntry entry = VersionHeaders.readable(
        versions.read(x.owner(), x.bucket(), x.key(), versionId), versionId != null);
    objects.encryption().open(entry.encryption(), SseHeaders.forRead(r));
    x.dateHeader("Last-Modified", entry.lastModified());
    VersionHeaders.versionId(x, entry, versionId != null);
    XmlDocument doc = XmlDocument.of("GetObjectAttributesResponse");
    if (wanted.contains("ETag")) {
      doc.element("ETag", entry.etag());
    }
    if (wanted.contains("Checksum") && entry.checksum() != null) {
      doc.start("Checksum")
          .element("Checksum" + entry.checksum().algorithm().toUpperCase(Locale.ROOT),
              entry.checksum().value())
          .end();
    }
    java.util.List<Long> sizes = entry.partSizes();
    if (wanted.contains("ObjectParts") && sizes != null) {
      doc.start("ObjectParts")
          .element("PartsCount", sizes.size())
          .element("PartNumberMarker", marker)
          .element("MaxParts", maxParts);
      int listed = 0;
      int last = marker;
      for (int n = marker + 1; n <= sizes.size() && listed < maxParts; n++) {
        doc.start("Part").element("PartNumber", n).element("Size", sizes.get(n - 1)).end();
        listed++;
        last = n;
      }
      boolean truncated = last < sizes.size();
      doc.element("IsTruncated", truncated);
      if (truncated) {
        doc.element("NextPartNumberMarker", last);
      }
      doc.end();
    }
    if (wanted.contains("StorageClass")) {
      doc.element("StorageClass", "STANDARD");
    }
    if (wanted.contains("ObjectSize")) {
      doc.element("ObjectSize", entry.size());
    }
    x.replyXml(doc);
  }

  private static int headerInt(S3Request r, String name, int dflt) {
    String v = r.header(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid " + name + ": " + v);
  }

  /**
   * DeleteObject: without a version id, removes the object or (versioned bucket) makes a delete
   * marker; with one, removes that version for good. Deleting what is not there succeeds.
   */
  void delete(S3Exchange x) throws IOException {
    ObjectVersions.Deletion done =
        versions.delete(x.owner(), x.bucket(), x.key(), x.request().param("versionId"),
            ObjectLockOperations.bypass(x.request()));
    if (done.deleteMarker()) {
      x.header(VersionHeaders.DELETE_MARKER, "true");
    }
    x.header(VersionHeaders.VERSION_ID, done.versionId());
    x.replyEmpty(204);
  }

  void deleteObjects(S3Exchange x) throws IOException {
    byte[] body = x.body().readNBytes(XmlBodies.MAX_BYTES + 1);
    byte[] md5 = x.contentMd5();
    if (md5 != null && !MessageDigest.isEqual(md5, md5(body))) {
      throw new S3Exception(S3ErrorCode.BAD_DIGEST);
    }
    XmlBodies.DeleteRequest request = XmlBodies.delete(new java.io.ByteArrayInputStream(body));
    if (request.keys().size() > 1000) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "At most 1000 keys per request");
    }
    if (!objects.bucketExists(x.bucket())) {
      throw new S3Exception(S3ErrorCode.NO_SUCH_BUCKET);
    }
    // Access is checked per key (each may answer AccessDenied in the result).
    XmlDocument doc = XmlDocument.of("DeleteResult");
    for (XmlBodies.ObjectToDelete o : request.objects()) {
      try {
        ObjectVersions.Deletion done =
            versions.delete(x.owner(), x.bucket(), o.key(), o.versionId(),
                ObjectLockOperations.bypass(x.request()));
        if (!request.quiet()) {
          doc.start("Deleted").element("Key", o.key()).element("VersionId", o.versionId());
          if (done.deleteMarker()) {
            doc.element("DeleteMarker", true).element("DeleteMarkerVersionId", done.versionId());
          }
          doc.end();
        }
      } catch (ObjectServiceException e) {
        S3Exception s3 = ErrorResponse.from(e);
        doc.start("Error").element("Key", o.key()).element("VersionId", o.versionId())
            .element("Code", s3.code().code()).element("Message", s3.getMessage()).end();
      }
    }
    x.replyXml(doc);
  }

  private void copy(S3Exchange x) throws IOException {
    S3Request r = x.request();
    CopySource source = CopySource.parse(r.header("x-amz-copy-source"));
    String directive = r.header("x-amz-metadata-directive");
    boolean replace = directive != null && directive.strip().equalsIgnoreCase("REPLACE");
    if (directive != null && !replace && !directive.strip().equalsIgnoreCase("COPY")) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Unknown metadata directive " + directive);
    }
    SseRequest sourceSse = SseHeaders.copySource(r);
    SseRequest sse = SseHeaders.forWrite(r::header);
    if (!replace && sse.isNone() && source.versionId() == null
        && source.bucket().equals(x.bucket())
        && source.key().equals(x.key())) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "This copy request is illegal because it"
          + " is trying to copy an object to itself without changing the object's metadata,"
          + " storage class, website redirect location or encryption attributes.");
    }
    ObjectMetadata metadata = replace ? MetadataHeaders.fromRequest(r) : null;
    Map<String, String> tags = copiedTags(r);
    boolean named = source.versionId() != null;
    ObjectEntry src = VersionHeaders.copySource(
        versions.read(x.owner(), source.bucket(), source.key(), source.versionId()), named);
    var lockRequest = objectLock.beforeWrite(x);
    ObjectEntry entry = objects.copyObject(x.owner(), src, x.bucket(), x.key(), metadata, tags,
        s -> Preconditions.checkCopySource(r, s.etag(), s.lastModified()),
        AclRequests.fromHeaders(r), sourceSse, sse, lockRequest);
    VersionHeaders.versionId(x, entry, false);
    copySourceVersionHeader(x, src, named);
    SseHeaders.echo(x, entry.encryption(), sse);
    x.replyXml(XmlDocument.of("CopyObjectResult")
        .element("LastModified", entry.lastModified())
        .element("ETag", quote(entry.etag())));
  }

  /**
   * The tag set of a copy: the source's ({@code x-amz-tagging-directive} COPY, the default,
   * signalled by null) or the {@code x-amz-tagging} header's (REPLACE).
   */
  private static Map<String, String> copiedTags(S3Request r) throws IOException {
    String directive = r.header("x-amz-tagging-directive");
    if (directive == null || directive.strip().equalsIgnoreCase("COPY")) {
      return null;
    }
    if (!directive.strip().equalsIgnoreCase("REPLACE")) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Unknown tagging directive " + directive);
    }
    return TaggingOperations.fromHeader(r);
  }

  /** {@code x-amz-copy-source-version-id}: the version a copy read, as S3 reports it. */
  static void copySourceVersionHeader(S3Exchange x, ObjectEntry source, boolean named) {
    String id = source.versionId();
    if (id != null && (named || !id.equals(ObjectVersions.NULL_VERSION))) {
      x.header("x-amz-copy-source-version-id", id);
    }
  }

  /** {@code x-amz-checksum-<algorithm>: value} of an object stored with one (whole object only). */
  private static void checksumHeader(S3Exchange x, ObjectEntry entry) {
    if (entry.checksum() != null) {
      x.header("x-amz-checksum-" + entry.checksum().algorithm().toLowerCase(Locale.ROOT),
          entry.checksum().value());
    }
  }

  static String quote(String etag) {
    return "\"" + etag + "\"";
  }

  private static byte[] md5(byte[] body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=ID]}, URL-encoded (a '?' in the
   * key is %3F, so the first raw '?' starts the query); {@code versionId} null when none is named.
   */
  record CopySource(String bucket, String key, String versionId) {
    static CopySource parse(String header) {
      String h = header.strip();
      int q = h.indexOf('?');
      String versionId = null;
      if (q >= 0) {
        String query = h.substring(q + 1);
        if (query.startsWith("versionId=")) {
          versionId = UriEncoding.decode(query.substring("versionId=".length()), true);
        } else if (!query.isEmpty()) {
          throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
              "Unsupported copy source parameter: " + query);
        }
        h = h.substring(0, q);
      }
      String decoded = UriEncoding.decode(h, false);
      if (decoded.startsWith("/")) {
        decoded = decoded.substring(1);
      }
      int slash = decoded.indexOf('/');
      if (slash <= 0 || slash == decoded.length() - 1) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
            "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
      }
      return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), versionId);
    }
  }
}
