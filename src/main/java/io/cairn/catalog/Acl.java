package io.cairn.catalog;

import java.util.List;

/**
 * An S3-style access control list: the grants beside the resource's owner (the owner is a column
 * of its own, since it is needed far more often). Stored as one JSON document per row — an array
 * of {@code {"type":..,"id":..,"permission":..}} — because an ACL is always read and replaced
 * whole, never queried by grantee.
 */
public record Acl(List<Grant> grants) {

  public Acl {
    grants = List.copyOf(grants);
  }

  /** No grants: only the owner has access ("private" canned ACL). */
  public static Acl none() {
    return new Acl(List.of());
  }

  /** Who a grant is for. */
  public enum GranteeType {
    /** A user, by canonical user id ({@link User#id()}). */
    CANONICAL_USER,
    /** Everyone, anonymous included (group {@code AllUsers}). */
    ALL_USERS,
    /** Every authenticated user (group {@code AuthenticatedUsers}). */
    AUTHENTICATED_USERS
  }

  public enum Permission {
    READ,
    WRITE,
    READ_ACP,
    WRITE_ACP,
    FULL_CONTROL
  }

  /** One grant; {@code id} is the canonical user id for users and null for groups. */
  public record Grant(GranteeType type, String id, Permission permission) {
    public Grant {
      if (type == null || permission == null) {
        throw new IllegalArgumentException("grant needs a grantee type and a permission");
      }
      if ((type == GranteeType.CANONICAL_USER) != (id != null)) {
        throw new IllegalArgumentException("a user grant needs an id, a group grant none");
      }
    }
  }
}
