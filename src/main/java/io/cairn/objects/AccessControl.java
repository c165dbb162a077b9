package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.GranteeType;
import io.cairn.catalog.Acl.Grant;
import io.cairn.catalog.Acl.Permission;
import io.cairn.catalog.User;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and changing the ACLs of buckets and objects: whole (S3's Get/Put Bucket/Object ACL)
 * and one user's entry at a time (the source's ACL API: insert, get, list, update, delete).
 * Reading needs READ_ACP on the resource, changing WRITE_ACP ({@link Access}); the resource's
 * owner always has both. An object's ACL is its latest version's unless a version is named.
 *
 * <p>An ACL is replaced whole, in one catalog transaction, but read-modify-write of one entry is
 * not atomic against a concurrent change of the same ACL: the later write wins (as two S3
 * PutBucketAcl would). Thread safe.
 */
public final class AccessControl {
  private final ObjectService objects;
  private final ObjectCatalog catalog;

  public AccessControl(ObjectService objects) {
    this.objects = objects;
    this.catalog = objects.catalog();
  }

  /**
   * A resource: a bucket ({@code key} null), the latest version of an object ({@code versionId}
   * null) or one version of it.
   */
  public record Resource(String bucket, String key, String versionId) {
    public Resource(String bucket, String key) {
      this(bucket, key, null);
    }

    public static Resource bucket(String name) {
      return new Resource(name, null, null);
    }
  }

  /** A resource's owner and the grants beside the owner's implied FULL_CONTROL. */
  public record Policy(String owner, Acl acl) {}

  /**
   * One user's entry: its role (empty if its grants amount to none, e.g. READ_ACP alone) and
   * grants; the owner's entry is the owner role and cannot be changed or removed.
   */
  public record Entry(String userId, String userName, Optional<Role> role,
      List<Permission> permissions, boolean owner) {}

  /** The ACL of a resource: READ_ACP. */
  public Policy policy(String requester, Resource r) throws IOException {
    return policy(requester, r, Permission.READ_ACP);
  }

  private Policy policy(String requester, Resource r, Permission needed) throws IOException {
    return checked(requester, r, needed).policy();
  }

  /** A policy, and the resource it was read from with the version named (see {@link #replace}). */
  private record Checked(Policy policy, Resource resource) {}

  private Checked checked(String requester, Resource r, Permission needed) throws IOException {
    if (r.key() == null) {
      Bucket b = objects.bucket(requester, r.bucket(), needed);
      return new Checked(new Policy(b.owner(), b.acl()), r);
    }
    if (r.versionId() == null) {
      ObjectEntry e = objects.object(requester, r.bucket(), r.key(), needed);
      return new Checked(new Policy(e.owner(), e.acl()),
          new Resource(r.bucket(), r.key(), e.versionId()));
    }
    ObjectEntry e = new ObjectVersions(objects).read(requester, r.bucket(), r.key(),
        r.versionId(), needed);
    if (e.deleteMarker()) {
      // S3: a delete marker has no ACL (MethodNotAllowed); Cairn reports the version missing.
      throw new ObjectServiceException(ObjectError.NO_SUCH_VERSION, r.versionId());
    }
    return new Checked(new Policy(e.owner(), e.acl()), r);
  }

  /** Replaces a resource's ACL: WRITE_ACP; INVALID_ARGUMENT if a grant names an unknown user. */
  public void replace(String requester, Resource r, RequestedAcl requested) throws IOException {
    // The ACL goes to the version whose permission was checked, not to whatever is latest when
    // it is written: a version written in between is not the requester's to change.
    Checked checked = checked(requester, r, Permission.WRITE_ACP);
    Policy p = checked.policy();
    String bucketOwner = r.key() == null ? p.owner()
        : catalog.bucket(r.bucket()).map(Bucket::owner).orElse(p.owner());
    Acl acl = requested.resolve(p.owner(), bucketOwner);
    store(checked.resource(), acl);
  }

  private void store(Resource r, Acl acl) throws IOException {
    objects.checkGrantees(acl);
    if (r.key() == null) {
      catalog.setBucketAcl(r.bucket(), acl);
    } else {
      catalog.setObjectAcl(r.bucket(), r.key(), r.versionId(), acl);
    }
  }

  /** Every user's entry, the owner's first: READ_ACP. Group grants are not users' entries. */
  public List<Entry> entries(String requester, Resource r) throws IOException {
    Policy p = policy(requester, r);
    Map<String, List<Permission>> byUser = new LinkedHashMap<>();
    for (Grant g : p.acl().grants()) {
      if (g.type() == GranteeType.CANONICAL_USER) {
        byUser.computeIfAbsent(g.id(), k -> new ArrayList<>()).add(g.permission());
      }
    }
    List<Entry> out = new ArrayList<>();
    List<Permission> ownerGrants = byUser.remove(p.owner());
    out.add(ownerGrants == null ? ownerEntry(p.owner())
        : new Entry(p.owner(), objects.displayName(p.owner()), Role.strongest(ownerGrants),
            List.copyOf(ownerGrants), true));
    for (Map.Entry<String, List<Permission>> e : byUser.entrySet()) {
      out.add(new Entry(e.getKey(), objects.displayName(e.getKey()),
          Role.strongest(e.getValue()), List.copyOf(e.getValue()), false));
    }
    return out;
  }

  /** The group grants (AllUsers, AuthenticatedUsers) of a resource: READ_ACP. */
  public List<Grant> groupGrants(String requester, Resource r) throws IOException {
    return policy(requester, r).acl().grants().stream()
        .filter(g -> g.type() != GranteeType.CANONICAL_USER).toList();
  }

  /** One user's entry: READ_ACP; empty if the user has no grant here. */
  public Optional<Entry> entry(String requester, Resource r, User user) throws IOException {
    for (Entry e : entries(requester, r)) {
      if (e.userId().equals(user.id())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Whether to add an entry, change one, or set it either way. */
  public enum Change { INSERT, UPDATE, UPSERT }

  /**
   * Gives {@code user} exactly {@code role}'s grants here (replacing its others): WRITE_ACP.
   * Empty, and nothing changed, when INSERT finds an entry or UPDATE finds none; INVALID_ARGUMENT
   * for the owner's own entry.
   */
  public Optional<Entry> put(String requester, Resource r, User user, Role role, Change change)
      throws IOException {
    Policy p = policy(requester, r, Permission.WRITE_ACP);
    if (user.id().equals(p.owner())) {
      throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT,
          "The owner's entry cannot be changed: the owner always has full control");
    }
    List<Grant> kept = new ArrayList<>();
    boolean existed = false;
    for (Grant g : p.acl().grants()) {
      if (g.type() == GranteeType.CANONICAL_USER && g.id().equals(user.id())) {
        existed = true;
      } else {
        kept.add(g);
      }
    }
    if ((change == Change.INSERT && existed) || (change == Change.UPDATE && !existed)) {
      return Optional.empty();
    }
    for (Permission permission : role.permissions()) {
      kept.add(new Grant(GranteeType.CANONICAL_USER, user.id(), permission));
    }
    store(r, new Acl(kept));
    return Optional.of(new Entry(user.id(), user.name(), Optional.of(role), role.permissions(),
        false));
  }

  /** Removes {@code user}'s entry: WRITE_ACP; false if it had none; INVALID_ARGUMENT for the owner. */
  public boolean remove(String requester, Resource r, User user) throws IOException {
    Policy p = policy(requester, r, Permission.WRITE_ACP);
    if (user.id().equals(p.owner())) {
      throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT,
          "The owner's entry cannot be removed: the owner always has full control");
    }
    List<Grant> kept = p.acl().grants().stream()
        .filter(g -> g.type() != GranteeType.CANONICAL_USER || !g.id().equals(user.id()))
        .toList();
    if (kept.size() == p.acl().grants().size()) {
      return false;
    }
    store(r, new Acl(kept));
    return true;
  }

  /** A user by name or by canonical id. */
  public Optional<User> user(String nameOrId) throws IOException {
    Optional<User> byName = catalog.userByName(nameOrId);
    return byName.isPresent() ? byName : catalog.userById(nameOrId);
  }

  private Entry ownerEntry(String owner) throws IOException {
    return new Entry(owner, objects.displayName(owner), Optional.of(Role.OWNER),
        List.of(Permission.FULL_CONTROL), true);
  }
}
