package io.cairn.s3;

import io.cairn.objects.ObjectService;
import java.io.IOException;
import java.util.Map;

/**
 * Reads and deletions of the bucket and object sub-resources Cairn cannot configure yet (CORS,
 * policy, lifecycle, tagging, ACL grants beyond the owner's, ...). No bucket or object ever has
 * such a configuration, so a read answers what S3 answers when none is set (the "no such
 * configuration" error, or the empty document) and a deletion succeeds with nothing to delete.
 * Setting one stays NotImplemented ({@link S3Handler}), except the canned ACL {@code private},
 * which is what every bucket and object has.
 */
final class AbsentConfigurations {
  /** Bucket sub-resources whose absence S3 reports as an error. */
  private static final Map<String, S3ErrorCode> MISSING = Map.of(
      "cors", S3ErrorCode.NO_SUCH_CORS_CONFIGURATION,
      "policy", S3ErrorCode.NO_SUCH_BUCKET_POLICY,
      "lifecycle", S3ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION,
      "tagging", S3ErrorCode.NO_SUCH_TAG_SET,
      "website", S3ErrorCode.NO_SUCH_WEBSITE_CONFIGURATION,
      "object-lock", S3ErrorCode.OBJECT_LOCK_CONFIGURATION_NOT_FOUND_ERROR,
      "ownershipControls", S3ErrorCode.OWNERSHIP_CONTROLS_NOT_FOUND_ERROR,
      "publicAccessBlock", S3ErrorCode.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION,
      "replication", S3ErrorCode.REPLICATION_CONFIGURATION_NOT_FOUND_ERROR);

  private final ObjectService objects;

  AbsentConfigurations(ObjectService objects) {
    this.objects = objects;
  }

  /** Answers the request if it reads or deletes such a sub-resource; false if it does not. */
  boolean handle(S3Exchange x) throws IOException {
    S3Request r = x.request();
    String method = r.method();
    if (r.key() == null) {
      for (Map.Entry<String, S3ErrorCode> e : MISSING.entrySet()) {
        if (r.hasParam(e.getKey())) {
          if (method.equals("GET")) {
            objects.bucket(x.owner(), x.bucket());
            throw new S3Exception(e.getValue());
          }
          if (method.equals("DELETE") && !e.getKey().equals("object-lock")) {
            objects.bucket(x.owner(), x.bucket());
            x.replyEmpty(204);
            return true;
          }
          return false;
        }
      }
      if (method.equals("GET") && r.hasParam("logging")) {
        objects.bucket(x.owner(), x.bucket());
        x.replyXml(XmlDocument.of("BucketLoggingStatus"));
        return true;
      }
      if (method.equals("GET") && r.hasParam("notification")) {
        objects.bucket(x.owner(), x.bucket());
        x.replyXml(XmlDocument.of("NotificationConfiguration"));
        return true;
      }
      if (r.hasParam("acl")) {
        return acl(x, method);
      }
      return false;
    }
    if (r.hasParam("tagging")) {
      if (method.equals("GET")) {
        objects.object(x.owner(), x.bucket(), x.key());
        x.replyXml(XmlDocument.of("Tagging").start("TagSet").end());
        return true;
      }
      if (method.equals("DELETE")) {
        objects.object(x.owner(), x.bucket(), x.key());
        x.replyEmpty(204);
        return true;
      }
      return false;
    }
    if (r.hasParam("acl")) {
      return acl(x, method);
    }
    return false;
  }

  /**
   * The ACL every bucket and object has: the owner's FULL_CONTROL, nothing else. Setting it to
   * the canned {@code private} changes nothing and succeeds; any other ACL is NotImplemented.
   */
  private boolean acl(S3Exchange x, String method) throws IOException {
    S3Request r = x.request();
    if (r.key() == null) {
      objects.bucket(x.owner(), x.bucket());
    } else {
      objects.object(x.owner(), x.bucket(), x.key());
    }
    if (method.equals("GET")) {
      XmlDocument doc = XmlDocument.of("AccessControlPolicy");
      BucketOperations.owner(doc, "Owner", x.owner());
      doc.start("AccessControlList").start("Grant");
      doc.start("Grantee").xsiType("CanonicalUser");
      doc.element("ID", x.owner()).element("DisplayName", x.owner());
      doc.end();
      doc.element("Permission", "FULL_CONTROL").end().end();
      x.replyXml(doc);
      return true;
    }
    if (method.equals("PUT")) {
      boolean grants = r.headers().getFieldNamesCollection().stream()
          .anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-grant-"));
      String canned = r.header("x-amz-acl");
      if (canned != null && canned.strip().equals("private") && !grants) {
        x.replyEmpty(200);
        return true;
      }
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
          "Only the canned ACL 'private' can be set: ACL grants are not supported");
    }
    return false;
  }
}
