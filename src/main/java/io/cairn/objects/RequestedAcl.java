package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.Grant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The ACL a request asks a new or existing resource to have: a canned one, or explicit grants
 * (S3's {@code x-amz-grant-*} headers or an AccessControlPolicy body). It becomes an {@link Acl}
 * once the resource's owner and its bucket's owner are known ({@link #resolve}).
 */
public record RequestedAcl(CannedAcl canned, List<Grant> grants) {
  /** What a request without any ACL asks for. */
  public static final RequestedAcl PRIVATE = new RequestedAcl(CannedAcl.PRIVATE, null);

  public RequestedAcl {
    if ((canned == null) == (grants == null)) {
      throw new IllegalArgumentException("either a canned ACL or grants");
    }
    grants = grants == null ? null : List.copyOf(grants);
  }

  public static RequestedAcl of(CannedAcl canned) {
    return new RequestedAcl(canned, null);
  }

  public static RequestedAcl of(List<Grant> grants) {
    return new RequestedAcl(null, grants);
  }

  /**
   * The grants to store for a resource of {@code owner} in a bucket of {@code bucketOwner}:
   * a canned ACL's grants (the owner's FULL_CONTROL left implied), or the explicit grants with
   * repeated ones kept once (grants naming the owner make its permissions explicit, see {@link
   * Access}).
   */
  public Acl resolve(String owner, String bucketOwner) {
    if (canned != null) {
      return canned.grants(owner, bucketOwner);
    }
    return new Acl(List.copyOf(new LinkedHashSet<>(grants)));
  }
}
