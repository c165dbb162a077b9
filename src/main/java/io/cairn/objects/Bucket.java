package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Versioning;
import java.time.Instant;
import java.util.Map;

/**
 * A bucket: a flat namespace of objects with one owner.
 *
 * @param acl the grants beside the owner's
 * @param versioning the bucket's versioning state
 * @param tags the bucket's tag set
 */
public record Bucket(String name, String owner, Instant created, Acl acl, Versioning versioning,
    Map<String, String> tags) {

  public Bucket {
    acl = acl == null ? Acl.none() : acl;
    versioning = versioning == null ? Versioning.UNVERSIONED : versioning;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** A private, unversioned bucket without tags. */
  public Bucket(String name, String owner, Instant created) {
    this(name, owner, created, Acl.none(), Versioning.UNVERSIONED, Map.of());
  }
}
