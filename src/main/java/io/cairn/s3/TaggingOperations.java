package io.cairn.s3;

import io.cairn.objects.ObjectEntry;
import io.cairn.objects.ObjectService;
import io.cairn.objects.ObjectTagging;
import io.cairn.objects.ObjectVersions;
import io.cairn.s3.auth.UriEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Get/Put/DeleteObjectTagging (of the latest version or a named one) and
 * Get/Put/DeleteBucketTagging, and the {@code x-amz-tagging} header of PutObject,
 * CreateMultipartUpload and CopyObject. Tag sets are listed by key.
 */
final class TaggingOperations {
  static final String TAGGING_HEADER = "x-amz-tagging";

  private final ObjectVersions versions;
  private final ObjectTagging tagging;

  TaggingOperations(ObjectService objects) {
    this.versions = new ObjectVersions(objects);
    this.tagging = new ObjectTagging(objects);
  }

  void getObject(S3Exchange x) throws IOException {
    String versionId = x.request().param("versionId");
    ObjectEntry entry = VersionHeaders.readable(
        versions.read(x.owner(), x.bucket(), x.key(), versionId), versionId != null);
    VersionHeaders.versionId(x, entry, versionId != null);
    x.replyXml(document(entry.tags()));
  }

  void putObject(S3Exchange x) throws IOException {
    setObjectTags(x, XmlBodies.tagging(new ByteArrayInputStream(body(x))));
    x.replyEmpty(200);
  }

  void deleteObject(S3Exchange x) throws IOException {
    setObjectTags(x, Map.of());
    x.replyEmpty(204);
  }

  /** Tags the version the request names, or the latest; never a delete marker. */
  private void setObjectTags(S3Exchange x, Map<String, String> tags) throws IOException {
    String versionId = x.request().param("versionId");
    ObjectTagging.checkObjectTags(tags);
    ObjectEntry entry = VersionHeaders.readable(
        versions.read(x.owner(), x.bucket(), x.key(), versionId), versionId != null);
    tagging.setObjectTags(x.owner(), x.bucket(), x.key(), entry.versionId(), tags);
    VersionHeaders.versionId(x, entry, versionId != null);
  }

  /** GetBucketTagging: NoSuchTagSet for a bucket without tags, as S3 answers. */
  void getBucket(S3Exchange x) throws IOException {
    Map<String, String> tags = tagging.bucketTags(x.owner(), x.bucket());
    if (tags.isEmpty()) {
      throw new S3Exception(S3ErrorCode.NO_SUCH_TAG_SET);
    }
    x.replyXml(document(tags));
  }

  void putBucket(S3Exchange x) throws IOException {
    tagging.setBucketTags(x.owner(), x.bucket(),
        XmlBodies.tagging(new ByteArrayInputStream(body(x))));
    x.replyEmpty(204);
  }

  void deleteBucket(S3Exchange x) throws IOException {
    tagging.setBucketTags(x.owner(), x.bucket(), Map.of());
    x.replyEmpty(204);
  }

  /**
   * The tag set of an {@code x-amz-tagging} header (URL query form: {@code k1=v1&k2}, a key without
   * {@code =} has an empty value), checked against S3's limits; empty when the header is absent.
   * InvalidArgument for a key given twice, InvalidTag beyond the limits.
   */
  static Map<String, String> fromHeader(S3Request r) throws IOException {
    String header = r.header(TAGGING_HEADER);
    if (header == null || header.isEmpty()) {
      return Map.of();
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (String pair : header.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1), true);
      if (tags.put(key, value) != null) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The header '" + TAGGING_HEADER
            + "' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name"
            + " duplicates.");
      }
    }
    ObjectTagging.checkObjectTags(tags);
    return tags;
  }

  /** {@code x-amz-tagging-count} on GET and HEAD of an object that has tags. */
  static void countHeader(S3Exchange x, ObjectEntry entry) {
    if (!entry.tags().isEmpty()) {
      x.header("x-amz-tagging-count", Integer.toString(entry.tags().size()));
    }
  }

  private static XmlDocument document(Map<String, String> tags) {
    XmlDocument doc = XmlDocument.of("Tagging").start("TagSet");
    for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
      doc.start("Tag").element("Key", tag.getKey()).element("Value", tag.getValue()).end();
    }
    return doc.end();
  }

  /** The request's XML body, checked against Content-MD5 when the client sent one. */
  private static byte[] body(S3Exchange x) throws IOException {
    byte[] body = x.body().readNBytes(XmlBodies.MAX_BYTES + 1);
    byte[] md5 = x.contentMd5();
    if (md5 != null && !MessageDigest.isEqual(md5, md5(body))) {
      throw new S3Exception(S3ErrorCode.BAD_DIGEST);
    }
    return body;
  }

  private static byte[] md5(byte[] body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
