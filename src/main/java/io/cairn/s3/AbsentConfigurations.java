package io.cairn.s3;

import io.cairn.objects.ObjectService;
import java.io.IOException;
import java.util.Map;

/**
 * Reads and deletions of the bucket and object sub-resources Cairn does not offer (policy,
 * lifecycle, ...). No bucket or object ever has such a configuration, so a read answers what S3
 * answers when none is set (the "no such configuration" error, or the empty document) and a
 * deletion succeeds with nothing to delete. Setting one is answered with S3's 501 error for a
 * feature the server does not offer ({@link S3Handler}). ACLs are {@link AclOperations}'.
 */
final class AbsentConfigurations {
  /** Bucket sub-resources whose absence S3 reports as an error. */
  private static final Map<String, S3ErrorCode> MISSING = Map.of(
      "policy", S3ErrorCode.NO_SUCH_BUCKET_POLICY,
      "lifecycle", S3ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION,

      "website", S3ErrorCode.NO_SUCH_WEBSITE_CONFIGURATION,
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
          if (method.equals("DELETE")) {
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
      return false;
    }
    return false;
  }
}
