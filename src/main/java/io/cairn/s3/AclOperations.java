package io.cairn.s3;

import io.cairn.catalog.Acl.GranteeType;
import io.cairn.catalog.Acl.Grant;
import io.cairn.objects.Access;
import io.cairn.objects.AccessControl;
import io.cairn.objects.AccessControl.Policy;
import io.cairn.objects.AccessControl.Resource;
import io.cairn.objects.ObjectService;
import io.cairn.objects.RequestedAcl;
import java.io.IOException;

/**
 * GetBucketAcl, PutBucketAcl, GetObjectAcl and PutObjectAcl ({@code ?acl}). Reading needs
 * READ_ACP, replacing WRITE_ACP on the bucket or object ({@link Access}). The document lists
 * the group grants, the owner's (its implied FULL_CONTROL unless the ACL names it, see {@link
 * Access}), then other users'; a PUT takes a canned ACL, grant headers, or an
 * AccessControlPolicy body (one of them). An object's ACL is its latest version's, or the one
 * {@code versionId} names.
 */
final class AclOperations {
  private final ObjectService objects;
  private final AccessControl acls;

  AclOperations(ObjectService objects) {
    this.objects = objects;
    this.acls = new AccessControl(objects);
  }

  void handle(S3Exchange x) throws IOException {
    String versionId = x.key() == null ? null : x.request().param("versionId");
    Resource resource = new Resource(x.bucket(), x.key(), versionId);
    x.header("x-amz-version-id", versionId);
    switch (x.request().method()) {
      case "GET" -> get(x, resource);
      case "PUT" -> put(x, resource);
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private void get(S3Exchange x, Resource resource) throws IOException {
    Policy p = acls.policy(x.owner(), resource);
    XmlDocument doc = XmlDocument.of("AccessControlPolicy");
    String ownerName = objects.displayName(p.owner());
    doc.start("Owner").element("ID", p.owner()).element("DisplayName", ownerName).end();
    doc.start("AccessControlList");
    // RGW's order, which s3-tests relies on: group grants, then the owner's, then other users'.
    for (Grant g : p.acl().grants()) {
      if (g.type() != GranteeType.CANONICAL_USER) {
        grant(doc, "Group", null, null, g.type() == GranteeType.ALL_USERS
            ? AclRequests.ALL_USERS : AclRequests.AUTHENTICATED_USERS, g.permission().name());
      }
    }
    if (!Access.namesOwner(p.acl(), p.owner())) {
      grant(doc, "CanonicalUser", p.owner(), ownerName, null, "FULL_CONTROL");
    }
    for (boolean owners : new boolean[] {true, false}) {
      for (Grant g : p.acl().grants()) {
        if (g.type() == GranteeType.CANONICAL_USER && g.id().equals(p.owner()) == owners) {
          grant(doc, "CanonicalUser", g.id(), objects.displayName(g.id()), null,
              g.permission().name());
        }
      }
    }
    doc.end();
    x.replyXml(doc);
  }

  private static void grant(XmlDocument doc, String type, String id, String name, String uri,
      String permission) {
    doc.start("Grant").start("Grantee").xsiType(type)
        .element("ID", id).element("DisplayName", name).element("URI", uri)
        .end()
        .element("Permission", permission)
        .end();
  }

  private void put(S3Exchange x, Resource resource) throws IOException {
    byte[] body = x.body().readNBytes(XmlBodies.MAX_BYTES + 1);
    if (body.length > XmlBodies.MAX_BYTES) {
      throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR, "ACL body too large");
    }
    RequestedAcl fromHeaders = AclRequests.fromHeadersOrNull(x.request());
    RequestedAcl requested;
    if (body.length > 0) {
      if (fromHeaders != null) {
        throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
            "Specifying both an ACL body and ACL headers is not allowed");
      }
      requested = AclRequests.fromPolicy(body);
    } else if (fromHeaders != null) {
      requested = fromHeaders;
    } else {
      throw new S3Exception(S3ErrorCode.MISSING_SECURITY_HEADER,
          "Your request was missing a required header: give x-amz-acl, x-amz-grant-* or a body");
    }
    acls.replace(x.owner(), resource, requested);
    x.replyEmpty(200);
  }
}
