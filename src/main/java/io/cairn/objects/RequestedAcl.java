package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.GranteeType;
import io.cairn.catalog.Acl.Grant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
   * The grants to store beside {@code owner}'s implied FULL_CONTROL: grants naming the owner are
   * dropped (they add nothing) and repeated ones kept once.
   */
  public Acl resolve(String owner, String bucketOwner) {
    if (canned != null) {
      return canned.grants(owner, bucketOwner);
    }
    Set<Grant> kept = new LinkedHashSet<>();
    for (Grant g : grants) {
      if (g.type() != GranteeType.CANONICAL_USER || !g.id().equals(owner)) {
        kept.add(g);
      }
    }
    return new Acl(List.copyOf(kept));
  }
}
