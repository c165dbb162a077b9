package io.cairn.s3;

import io.cairn.objects.CompletedPart;
import io.cairn.objects.MultipartService;
import io.cairn.objects.ObjectEntry;
import io.cairn.objects.ObjectService;
import io.cairn.objects.ObjectVersions;
import io.cairn.objects.Part;
import io.cairn.objects.PartListing;
import io.cairn.objects.Upload;
import io.cairn.objects.UploadListing;
import io.cairn.objects.encryption.SseRequest;
import java.io.IOException;
import io.cairn.s3.auth.ChecksumAlgorithm;
import java.util.List;
import java.util.Locale;

/**
 * CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload,
 * AbortMultipartUpload, ListParts and ListMultipartUploads.
 */
final class MultipartOperations {
  private final ObjectService objects;
  private final MultipartService multipart;
  private final ObjectVersions versions;
  private final ObjectLockOperations objectLock;

  MultipartOperations(ObjectService objects, MultipartService multipart) {
    this.objects = objects;
    this.multipart = multipart;
    this.versions = new ObjectVersions(objects);
    this.objectLock = new ObjectLockOperations(objects);
  }

  void create(S3Exchange x) throws IOException {
    String requested = x.request().header("x-amz-checksum-algorithm");
    ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromName(requested);
    if (requested != null && algorithm == null) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          "Checksum algorithm provided is unsupported.");
    }
    SseRequest sse = SseHeaders.forWrite(x.request()::header);
    var lockRequest = objectLock.beforeWrite(x);
    Upload upload = multipart.create(x.owner(), x.bucket(), x.key(),
        MetadataHeaders.fromRequest(x.request()), algorithm == null ? null : algorithm.name(),
        AclRequests.fromHeaders(x.request()), TaggingOperations.fromHeader(x.request()), sse);
    objectLock.afterCreateUpload(upload.id(), lockRequest);
    SseHeaders.echo(x, upload.encryption(), sse);
    if (algorithm != null) {
      x.header("x-amz-checksum-algorithm", algorithm.name());
    }
    x.replyXml(XmlDocument.of("InitiateMultipartUploadResult")
        .element("Bucket", x.bucket())
        .element("Key", x.key())
        .element("UploadId", upload.id())
        .element("ChecksumAlgorithm", algorithm == null ? null : algorithm.name()));
  }

  /** S3 composite checksums: the checksum of the parts' decoded checksums, concatenated. */
  private static String compose(String algorithm, List<String> partChecksums) {
    ChecksumAlgorithm.Running running = ChecksumAlgorithm.fromName(algorithm).start();
    for (String value : partChecksums) {
      byte[] bytes = java.util.Base64.getDecoder().decode(value);
      running.update(bytes, 0, bytes.length);
    }
    return running.base64();
  }

  void uploadPart(S3Exchange x) throws IOException {
    S3Request r = x.request();
    int number = partNumber(r);
    String uploadId = r.param("uploadId");
    if (r.header("x-amz-copy-source") != null) {
      uploadPartCopy(x, number, uploadId);
      return;
    }
    byte[] md5 = x.contentMd5();
    // UploadPart takes the upload's encryption: only an SSE-C key is read from its headers.
    SseRequest presented = SseHeaders.customer(r::header, SseHeaders.CUSTOMER);
    Part part = multipart.uploadPart(x.owner(), x.bucket(), x.key(), uploadId, number,
        x.body(), x.payload().length(), md5, x.payload().checksum(), presented);
    x.header("ETag", ObjectOperations.quote(part.etag()));
    SseHeaders.echo(x, part.encryption(), presented);
    if (part.checksum() != null) {
      x.header("x-amz-checksum-" + part.checksum().algorithm().toLowerCase(Locale.ROOT),
          part.checksum().value());
    }
    x.replyEmpty(200);
  }

  private void uploadPartCopy(S3Exchange x, int number, String uploadId) throws IOException {
    S3Request r = x.request();
    ObjectOperations.CopySource source =
        ObjectOperations.CopySource.parse(r.header("x-amz-copy-source"));
    boolean named = source.versionId() != null;
    ObjectEntry entry = VersionHeaders.copySource(
        versions.read(x.owner(), source.bucket(), source.key(), source.versionId()), named);
    Preconditions.checkCopySource(r, entry.etag(), entry.lastModified());
    String rangeHeader = r.header("x-amz-copy-source-range");
    ByteRange range = rangeHeader == null
        ? (entry.size() == 0 ? null : new ByteRange(0, entry.size() - 1))
        : ByteRange.parseCopySourceRange(rangeHeader, entry.size());
    SseRequest presented = SseHeaders.customer(r::header, SseHeaders.CUSTOMER);
    Part part = multipart.uploadPartCopy(x.owner(), x.bucket(), x.key(), uploadId, number, entry,
        range == null ? 0 : range.first(), range == null ? 0 : range.length(),
        SseHeaders.copySource(r), presented);
    ObjectOperations.copySourceVersionHeader(x, entry, named);
    SseHeaders.echo(x, part.encryption(), presented);
    x.replyXml(XmlDocument.of("CopyPartResult")
        .element("LastModified", part.lastModified())
        .element("ETag", ObjectOperations.quote(part.etag())));
  }

  void complete(S3Exchange x) throws IOException {
    List<CompletedPart> parts = XmlBodies.completeMultipartUpload(x.bodyIgnoringChecksumHeaders());
    String expected = null;
    for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
      if (x.request().header(a.header()) != null) {
        expected = x.request().header(a.header());
      }
    }
    SseRequest presented = SseHeaders.customer(x.request()::header, SseHeaders.CUSTOMER);
    ObjectEntry entry = multipart.complete(x.owner(), x.bucket(), x.key(),
        x.request().param("uploadId"), parts, MultipartOperations::compose, expected, presented);
    VersionHeaders.versionId(x, entry, false);
    SseHeaders.echo(x, entry.encryption(), presented);
    XmlDocument doc = XmlDocument.of("CompleteMultipartUploadResult")
        .element("Location", "/" + x.bucket() + "/" + x.key())
        .element("Bucket", x.bucket())
        .element("Key", x.key())
        .element("ETag", ObjectOperations.quote(entry.etag()));
    if (entry.checksum() != null) {
      doc.element("Checksum" + entry.checksum().algorithm().toUpperCase(Locale.ROOT),
          entry.checksum().value());
    }
    x.replyXml(doc);
  }

  void abort(S3Exchange x) throws IOException {
    multipart.abort(x.owner(), x.bucket(), x.key(), x.request().param("uploadId"));
    x.replyEmpty(204);
  }

  void listParts(S3Exchange x) throws IOException {
    S3Request r = x.request();
    int maxParts = r.intParam("max-parts", 1000, 1000);
    int marker = r.intParam("part-number-marker", 0, MultipartService.MAX_PART_NUMBER);
    PartListing listing = multipart.listParts(x.owner(), x.bucket(), x.key(),
        r.param("uploadId"), marker, maxParts);
    XmlDocument doc = XmlDocument.of("ListPartsResult")
        .element("Bucket", x.bucket())
        .element("Key", x.key())
        .element("UploadId", listing.upload().id());
    BucketOperations.owner(doc, "Initiator", listing.upload().owner(), objects);
    BucketOperations.owner(doc, "Owner", listing.upload().owner(), objects);
    doc.element("StorageClass", "STANDARD")
        .element("PartNumberMarker", marker)
        .element("NextPartNumberMarker", listing.nextMarker())
        .element("MaxParts", maxParts)
        .element("IsTruncated", listing.truncated());
    for (Part p : listing.parts()) {
      doc.start("Part")
          .element("PartNumber", p.number())
          .element("LastModified", p.lastModified())
          .element("ETag", ObjectOperations.quote(p.etag()))
          .element("Size", p.size())
          .end();
    }
    x.replyXml(doc);
  }

  void listUploads(S3Exchange x) throws IOException {
    S3Request r = x.request();
    ListingOperations.Names names = new ListingOperations.Names(r);
    String prefix = r.param("prefix");
    String delimiter = r.param("delimiter");
    String keyMarker = r.param("key-marker");
    String idMarker = r.param("upload-id-marker");
    int max = r.intParam("max-uploads", 1000, 1000);
    UploadListing listing = multipart.listUploads(x.owner(), x.bucket(), prefix, delimiter,
        keyMarker, idMarker, max);
    XmlDocument doc = XmlDocument.of("ListMultipartUploadsResult")
        .element("Bucket", x.bucket())
        .element("KeyMarker", names.encode(keyMarker == null ? "" : keyMarker))
        .element("UploadIdMarker", idMarker == null ? "" : idMarker)
        .element("NextKeyMarker", names.encode(listing.nextKey()))
        .element("NextUploadIdMarker", listing.nextId())
        .element("Prefix", names.encode(prefix == null ? "" : prefix))
        .element("Delimiter", names.encode(delimiter))
        .element("MaxUploads", max)
        .element("EncodingType", names.url ? "url" : null)
        .element("IsTruncated", listing.truncated());
    for (Upload u : listing.uploads()) {
      doc.start("Upload")
          .element("Key", names.encode(u.key()))
          .element("UploadId", u.id());
      BucketOperations.owner(doc, "Initiator", u.owner(), objects);
      BucketOperations.owner(doc, "Owner", u.owner(), objects);
      doc.element("StorageClass", "STANDARD")
          .element("Initiated", u.initiated())
          .end();
    }
    for (String p : listing.commonPrefixes()) {
      doc.start("CommonPrefixes").element("Prefix", names.encode(p)).end();
    }
    x.replyXml(doc);
  }

  private static int partNumber(S3Request r) {
    try {
      return Integer.parseInt(r.param("partNumber"));
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Part number must be an integer between 1 and 10000, inclusive");
    }
  }
}
