package io.cairn.objects;

import io.cairn.catalog.Acl.Permission;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The source's three roles a user can have on a bucket or an object (HStore 2.0, section 5.3.1),
 * as the S3 grants they stand for:
 *
 * <ul>
 *   <li><b>reader</b> "can only read the data and metadata without being able to change it": READ.
 *   <li><b>writer</b> "can read and write the data and the metadata without being able to read or
 *       change the ACLs": READ and WRITE.
 *   <li><b>owner</b> "can do everything, including changing the ACLs and granting any role to
 *       other users": FULL_CONTROL.
 * </ul>
 *
 * What READ and WRITE allow on buckets and objects is {@link Access}'s table.
 */
public enum Role {
  READER(List.of(Permission.READ)),
  WRITER(List.of(Permission.READ, Permission.WRITE)),
  OWNER(List.of(Permission.FULL_CONTROL));

  private final List<Permission> permissions;

  Role(List<Permission> permissions) {
    this.permissions = permissions;
  }

  /** The grants this role is made of. */
  public List<Permission> permissions() {
    return permissions;
  }

  /** The lower-case name used by the REST API and the CLI ({@code reader}, ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code label} (any case); empty if none is. */
  public static Optional<Role> of(String label) {
    for (Role r : values()) {
      if (r.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * The strongest role a set of grants amounts to: FULL_CONTROL (or all four ACL permissions) is
   * owner, READ with WRITE writer, READ reader; empty when they amount to no role (e.g. WRITE or
   * READ_ACP alone).
   */
  public static Optional<Role> strongest(Collection<Permission> granted) {
    Set<Permission> p = granted.isEmpty() ? EnumSet.noneOf(Permission.class)
        : EnumSet.copyOf(granted);
    if (p.contains(Permission.FULL_CONTROL) || p.containsAll(EnumSet.of(Permission.READ,
        Permission.WRITE, Permission.READ_ACP, Permission.WRITE_ACP))) {
      return Optional.of(OWNER);
    }
    if (p.contains(Permission.READ) && p.contains(Permission.WRITE)) {
      return Optional.of(WRITER);
    }
    if (p.contains(Permission.READ)) {
      return Optional.of(READER);
    }
    return Optional.empty();
  }
}
