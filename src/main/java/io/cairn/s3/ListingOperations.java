package io.cairn.s3;

import io.cairn.objects.ObjectEntry;
import io.cairn.objects.ObjectListing;
import io.cairn.objects.ObjectService;
import io.cairn.s3.auth.UriEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** ListObjects (v1) and ListObjectsV2; ListObjectVersions is in {@link VersioningOperations}. */
final class ListingOperations {
  static final int MAX_KEYS = 1000;

  private final ObjectService objects;
  private final FilteredListing filtered;

  ListingOperations(ObjectService objects) {
    this.objects = objects;
    this.filtered = new FilteredListing(objects);
  }

  void listV1(S3Exchange x) throws IOException {
    S3Request r = x.request();
    Names names = new Names(r);
    String prefix = r.param("prefix");
    String delimiter = r.param("delimiter");
    String marker = r.param("marker");
    int maxKeys = r.intParam("max-keys", MAX_KEYS, MAX_KEYS);
    ObjectListing page = FilteredListing.applies(r)
        ? filtered.page(x, prefix, delimiter, emptyToNull(marker), maxKeys)
        : objects.list(x.owner(), x.bucket(), prefix, delimiter, emptyToNull(marker), maxKeys);
    // v1 returns Prefix as sent even with encoding-type=url (the SDKs decode only Delimiter,
    // Marker, NextMarker, Key and CommonPrefixes there); v2 encodes it.
    XmlDocument doc = XmlDocument.of("ListBucketResult")
        .element("Name", x.bucket())
        .element("Prefix", prefix == null ? "" : prefix)
        .element("Marker", names.encode(marker == null ? "" : marker))
        .element("MaxKeys", maxKeys)
        .element("Delimiter", names.encode(emptyToNull(delimiter)))
        .element("EncodingType", names.url ? "url" : null)
        .element("IsTruncated", page.truncated());
    if (page.truncated()) {
      doc.element("NextMarker", names.encode(page.next()));
    }
    contents(doc, page, names, x.owner(), true);
    x.replyXml(doc);
  }

  void listV2(S3Exchange x) throws IOException {
    S3Request r = x.request();
    Names names = new Names(r);
    String prefix = r.param("prefix");
    String delimiter = r.param("delimiter");
    String token = r.param("continuation-token");
    String startAfter = r.param("start-after");
    int maxKeys = r.intParam("max-keys", MAX_KEYS, MAX_KEYS);
    String after = token != null ? decodeToken(token) : emptyToNull(startAfter);
    ObjectListing page = FilteredListing.applies(r)
        ? filtered.page(x, prefix, delimiter, after, maxKeys)
        : objects.list(x.owner(), x.bucket(), prefix, delimiter, after, maxKeys);
    XmlDocument doc = XmlDocument.of("ListBucketResult")
        .element("Name", x.bucket())
        .element("Prefix", names.encode(prefix == null ? "" : prefix))
        .element("MaxKeys", maxKeys)
        .element("KeyCount", page.objects().size() + page.commonPrefixes().size())
        .element("Delimiter", names.encode(emptyToNull(delimiter)))
        .element("EncodingType", names.url ? "url" : null)
        .element("IsTruncated", page.truncated())
        .element("ContinuationToken", token)
        .element("StartAfter", names.encode(startAfter));
    if (page.truncated()) {
      doc.element("NextContinuationToken", encodeToken(page.next()));
    }
    contents(doc, page, names, x.owner(), "true".equals(r.param("fetch-owner")));
    x.replyXml(doc);
  }

  private static void contents(XmlDocument doc, ObjectListing page, Names names, String owner,
      boolean withOwner) {
    for (ObjectEntry e : page.objects()) {
      doc.start("Contents")
          .element("Key", names.encode(e.key()))
          .element("LastModified", e.lastModified())
          .element("ETag", ObjectOperations.quote(e.etag()))
          .element("Size", e.size())
          .element("StorageClass", "STANDARD");
      if (withOwner) {
        BucketOperations.owner(doc, "Owner", e.owner());
      }
      doc.end();
    }
    prefixes(doc, page, names);
  }

  private static void prefixes(XmlDocument doc, ObjectListing page, Names names) {
    for (String p : page.commonPrefixes()) {
      doc.start("CommonPrefixes").element("Prefix", names.encode(p)).end();
    }
  }

  static String encodeToken(String key) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "The continuation token provided is incorrect");
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** encoding-type=url: keys and prefixes percent-encoded ('/' kept), for keys XML cannot carry. */
  static final class Names {
    final boolean url;

    Names(S3Request r) {
      String type = r.param("encoding-type");
      if (type != null && !type.equals("url")) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified");
      }
      url = type != null;
    }

    String encode(String name) {
      return name == null || !url ? name : UriEncoding.encode(name, true);
    }
  }
}
