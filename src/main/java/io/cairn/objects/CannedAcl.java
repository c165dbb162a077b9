package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.GranteeType;
import io.cairn.catalog.Acl.Grant;
import io.cairn.catalog.Acl.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * S3's canned ACLs ({@code x-amz-acl}), as the grants they add beside the resource owner's
 * implied FULL_CONTROL ({@link Access}).
 */
public enum CannedAcl {
  PRIVATE("private"),
  PUBLIC_READ("public-read"),
  PUBLIC_READ_WRITE("public-read-write"),
  AUTHENTICATED_READ("authenticated-read"),
  /** Objects only: the bucket's owner gets READ (on a bucket: same as private, as in S3). */
  BUCKET_OWNER_READ("bucket-owner-read"),
  /** Objects only: the bucket's owner gets FULL_CONTROL (on a bucket: same as private). */
  BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control");

  private final String header;

  CannedAcl(String header) {
    this.header = header;
  }

  /** The name as {@code x-amz-acl} spells it. */
  public String header() {
    return header;
  }

  /** The canned ACL called {@code name}; empty if S3 has none by that name that Cairn knows. */
  public static Optional<CannedAcl> of(String name) {
    for (CannedAcl c : values()) {
      if (c.header.equals(name == null ? null : name.strip())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The grants beside {@code owner}'s, for a resource owned by {@code owner} in a bucket owned by
   * {@code bucketOwner} (for a bucket itself: its owner twice).
   */
  public Acl grants(String owner, String bucketOwner) {
    List<Grant> grants = new ArrayList<>();
    switch (this) {
      case PRIVATE -> { }
      case PUBLIC_READ -> grants.add(new Grant(GranteeType.ALL_USERS, null, Permission.READ));
      case PUBLIC_READ_WRITE -> {
        grants.add(new Grant(GranteeType.ALL_USERS, null, Permission.READ));
        grants.add(new Grant(GranteeType.ALL_USERS, null, Permission.WRITE));
      }
      case AUTHENTICATED_READ ->
          grants.add(new Grant(GranteeType.AUTHENTICATED_USERS, null, Permission.READ));
      case BUCKET_OWNER_READ, BUCKET_OWNER_FULL_CONTROL -> {
        if (bucketOwner != null && !bucketOwner.equals(owner)) {
          grants.add(new Grant(GranteeType.CANONICAL_USER, bucketOwner,
              this == BUCKET_OWNER_READ ? Permission.READ : Permission.FULL_CONTROL));
        }
      }
    }
    return new Acl(grants);
  }
}
