package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.Grant;
import io.cairn.catalog.Acl.Permission;

/**
 * The access decision of the object service: may a requester exercise a permission on a bucket or
 * an object, given the resource's owner and grants. S3's ACL semantics, which S3 clients and
 * Ceph's s3-tests expect, with the source's three roles on top ({@link Role}).
 *
 * <h2>What each permission allows</h2>
 *
 * <table>
 *   <caption>permission × resource</caption>
 *   <tr><th>permission</th><th>on a bucket</th><th>on an object</th></tr>
 *   <tr><td>READ</td><td>list its objects, versions and multipart uploads; HeadBucket, its
 *       location and its other configuration reads</td><td>GET and HEAD (data, metadata,
 *       attributes, tags); being a copy source</td></tr>
 *   <tr><td>WRITE</td><td>create, overwrite and delete objects in it (PutObject, CopyObject and
 *       POST Object as destination, DeleteObject(s), every multipart step)</td><td>change the
 *       object's metadata and tags without touching its data (the writer of the source: "reads
 *       and writes the data and the metadata"; writing a key's data is a bucket right, as in
 *       S3)</td></tr>
 *   <tr><td>READ_ACP</td><td colspan="2">read the resource's ACL</td></tr>
 *   <tr><td>WRITE_ACP</td><td colspan="2">replace the resource's ACL, or one entry of it</td></tr>
 *   <tr><td>FULL_CONTROL</td><td colspan="2">all four; on a bucket also its configuration
 *       (versioning, tagging, CORS, ...), which is the owner role's</td></tr>
 * </table>
 *
 * <p>The resource's <b>owner</b> holds FULL_CONTROL (the source's owner "can do everything")
 * while the ACL names it in no grant, which is what canned ACLs and Cairn's defaults store. An ACL
 * that does name the owner (as S3 clients write back the document GetAcl gave them) gives the
 * owner exactly those grants, as S3 does, plus READ_ACP and WRITE_ACP, which an owner never loses:
 * it can always restore its own access. Deleting a bucket is its owner's alone (no grant gives it,
 * as in S3). A grant to {@link Acl.GranteeType#ALL_USERS} applies to everyone, anonymous requesters
 * included; {@link Acl.GranteeType#AUTHENTICATED_USERS} to every signed requester. Stateless and
 * thread safe.
 */
public final class Access {
  private Access() {}

  /**
   * Whether {@code requester} (a canonical user id, null for an anonymous request) holds {@code
   * needed} on a resource owned by {@code owner} with these grants. FULL_CONTROL as {@code
   * needed} asks for all four permissions, which only an owner or a FULL_CONTROL grant gives.
   */
  public static boolean allows(String requester, String owner, Acl acl, Permission needed) {
    if (requester != null && requester.equals(owner)
        && (needed == Permission.READ_ACP || needed == Permission.WRITE_ACP
            || !namesOwner(acl, owner))) {
      return true;
    }
    for (Grant g : acl.grants()) {
      if (appliesTo(g, requester)
          && (g.permission() == Permission.FULL_CONTROL || g.permission() == needed)) {
        return true;
      }
    }
    return false;
  }

  public static boolean allows(String requester, Bucket bucket, Permission needed) {
    return allows(requester, bucket.owner(), bucket.acl(), needed);
  }

  public static boolean allows(String requester, ObjectEntry object, Permission needed) {
    return allows(requester, object.owner(), object.acl(), needed);
  }

  /** {@link #allows} or ACCESS_DENIED naming {@code resource}. */
  static void check(String requester, String owner, Acl acl, Permission needed, String resource)
      throws ObjectServiceException {
    if (!allows(requester, owner, acl, needed)) {
      throw new ObjectServiceException(ObjectError.ACCESS_DENIED, resource);
    }
  }

  static void check(String requester, Bucket bucket, Permission needed)
      throws ObjectServiceException {
    check(requester, bucket.owner(), bucket.acl(), needed, bucket.name());
  }

  static void check(String requester, ObjectEntry object, Permission needed)
      throws ObjectServiceException {
    check(requester, object.owner(), object.acl(), needed, object.key());
  }

  /** Whether some grant names the owner, making its permissions explicit. */
  public static boolean namesOwner(Acl acl, String owner) {
    for (Grant g : acl.grants()) {
      if (g.type() == Acl.GranteeType.CANONICAL_USER && g.id().equals(owner)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a grant names this requester (null: anonymous). */
  public static boolean appliesTo(Grant grant, String requester) {
    return switch (grant.type()) {
      case ALL_USERS -> true;
      case AUTHENTICATED_USERS -> requester != null;
      case CANONICAL_USER -> grant.id().equals(requester);
    };
  }
}
