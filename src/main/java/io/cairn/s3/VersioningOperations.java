package io.cairn.s3;

import io.cairn.catalog.Versioning;
import io.cairn.objects.ObjectEntry;
import io.cairn.objects.ObjectService;
import io.cairn.objects.ObjectVersions;
import io.cairn.objects.VersionListing;
import java.io.IOException;

/** PutBucketVersioning, GetBucketVersioning and ListObjectVersions. */
final class VersioningOperations {
  private final ObjectService objects;
  private final ObjectVersions versions;

  VersioningOperations(ObjectService objects) {
    this.objects = objects;
    this.versions = new ObjectVersions(objects);
  }

  /**
   * PutBucketVersioning: {@code Status} Enabled or Suspended. A body that is not a
   * VersioningConfiguration, or names another status, is MalformedXML; one without a status is
   * IllegalVersioningConfigurationException, as is asking for MFA delete, which needs MFA devices
   * Cairn does not have (MfaDelete Disabled is accepted: it is the only state there is).
   */
  void put(S3Exchange x) throws IOException {
    XmlBodies.VersioningConfiguration config = XmlBodies.versioningConfiguration(x.body());
    String mfa = config.mfaDelete();
    if (mfa != null && !mfa.equals("Enabled") && !mfa.equals("Disabled")) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    if ("Enabled".equals(mfa)) {
      throw new S3Exception(S3ErrorCode.ILLEGAL_VERSIONING_CONFIGURATION_EXCEPTION,
          "MFA delete cannot be enabled: this server has no MFA devices");
    }
    if (config.status() == null) {
      throw new S3Exception(S3ErrorCode.ILLEGAL_VERSIONING_CONFIGURATION_EXCEPTION);
    }
    Versioning state = switch (config.status()) {
      case "Enabled" -> Versioning.ENABLED;
      case "Suspended" -> Versioning.SUSPENDED;
      default -> throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    };
    versions.setVersioning(x.owner(), x.bucket(), state);
    x.replyEmpty(200);
  }

  /** GetBucketVersioning: no Status at all for a bucket whose versioning was never set (S3). */
  void get(S3Exchange x) throws IOException {
    Versioning state = versions.versioning(x.owner(), x.bucket());
    XmlDocument doc = XmlDocument.of("VersioningConfiguration");
    switch (state) {
      case ENABLED -> doc.element("Status", "Enabled");
      case SUSPENDED -> doc.element("Status", "Suspended");
      case UNVERSIONED -> { }
    }
    x.replyXml(doc);
  }

  /**
   * ListObjectVersions: versions and delete markers in key order, each key's newest first, with
   * prefix, delimiter, key-marker / version-id-marker, max-keys (at most 1000) and
   * encoding-type=url.
   */
  void list(S3Exchange x) throws IOException {
    S3Request r = x.request();
    ListingOperations.Names names = new ListingOperations.Names(r);
    String prefix = r.param("prefix");
    String delimiter = emptyToNull(r.param("delimiter"));
    String keyMarker = r.param("key-marker");
    String versionIdMarker = r.param("version-id-marker");
    int maxKeys = r.intParam("max-keys", ListingOperations.MAX_KEYS, ListingOperations.MAX_KEYS);
    VersionListing page = versions.list(x.owner(), x.bucket(), prefix, delimiter,
        emptyToNull(keyMarker), emptyToNull(versionIdMarker), maxKeys);
    XmlDocument doc = XmlDocument.of("ListVersionsResult")
        .element("Name", x.bucket())
        .element("Prefix", names.encode(prefix == null ? "" : prefix))
        .element("KeyMarker", names.encode(keyMarker == null ? "" : keyMarker))
        .element("VersionIdMarker", versionIdMarker == null ? "" : versionIdMarker)
        .element("NextKeyMarker", names.encode(page.nextKeyMarker()))
        .element("NextVersionIdMarker", page.nextVersionIdMarker())
        .element("MaxKeys", maxKeys)
        .element("Delimiter", names.encode(delimiter))
        .element("EncodingType", names.url ? "url" : null)
        .element("IsTruncated", page.truncated());
    // Owners as GetObjectAcl shows them (id and user name); a page usually has very few.
    java.util.Map<String, String> ownerNames = new java.util.HashMap<>();
    for (VersionListing.Item item : page.versions()) {
      ObjectEntry e = item.entry();
      String ownerName = ownerNames.get(e.owner());
      if (ownerName == null && e.owner() != null) {
        ownerName = objects.displayName(e.owner());
        ownerNames.put(e.owner(), ownerName);
      }
      if (e.deleteMarker()) {
        doc.start("DeleteMarker")
            .element("Key", names.encode(e.key()))
            .element("VersionId", e.versionId())
            .element("IsLatest", item.latest())
            .element("LastModified", e.lastModified());
        owner(doc, e.owner(), ownerName);
        doc.end();
      } else {
        doc.start("Version")
            .element("Key", names.encode(e.key()))
            .element("VersionId", e.versionId())
            .element("IsLatest", item.latest())
            .element("LastModified", e.lastModified())
            .element("ETag", ObjectOperations.quote(e.etag()))
            .element("Size", e.size())
            .element("StorageClass", "STANDARD");
        owner(doc, e.owner(), ownerName);
        doc.end();
      }
    }
    for (String p : page.commonPrefixes()) {
      doc.start("CommonPrefixes").element("Prefix", names.encode(p)).end();
    }
    x.replyXml(doc);
  }

  private static void owner(XmlDocument doc, String id, String name) {
    doc.start("Owner").element("ID", id).element("DisplayName", name).end();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
