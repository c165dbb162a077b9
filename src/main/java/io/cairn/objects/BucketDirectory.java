package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.Permission;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The buckets of {@link ObjectService}: creating and deleting them, and the users their grants
 * name. Access rules and durability are {@link ObjectService}'s; thread safe.
 */
final class BucketDirectory {
  private final ObjectService objects;
  private final ObjectCatalog catalog;
  /** User names by canonical id: a user's name never changes and ids are never reused. */
  private final Map<String, String> displayNames = new ConcurrentHashMap<>();

  BucketDirectory(ObjectService objects) {
    this.objects = objects;
    this.catalog = objects.catalog();
  }

  /** See {@link ObjectService#createBucket(String, String, RequestedAcl)}. */
  Bucket create(String owner, String name, RequestedAcl acl) throws IOException {
    if (owner == null) {
      throw new ObjectServiceException(ObjectError.ACCESS_DENIED, name);
    }
    Acl grants = acl.resolve(owner, owner);
    checkGrantees(grants);
    objects.encryption().forget(name);
    if (!catalog.createBucket(name, owner, grants)) {
      Optional<Bucket> existing = catalog.bucket(name);
      if (existing.isPresent() && existing.get().owner().equals(owner)) {
        throw new ObjectServiceException(ObjectError.BUCKET_ALREADY_OWNED_BY_YOU, name);
      }
      throw new ObjectServiceException(ObjectError.BUCKET_ALREADY_EXISTS, name);
    }
    return catalog.bucket(name).orElseThrow(
        () -> new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, name));
  }

  /** See {@link ObjectService#deleteBucket}. */
  void delete(String owner, String name) throws IOException {
    Bucket doomed = objects.bucket(owner, name, Permission.FULL_CONTROL);
    if (!doomed.owner().equals(owner)) {
      // S3: no grant lets anyone but the owner delete a bucket.
      throw new ObjectServiceException(ObjectError.ACCESS_DENIED, name);
    }
    // Noncurrent versions and delete markers keep a bucket from being deleted too (S3).
    if (!catalog.versions(name, null, null, null, null, 1).versions().isEmpty()) {
      throw new ObjectServiceException(ObjectError.BUCKET_NOT_EMPTY, name);
    }
    List<Upload> pending;
    while (!(pending = catalog.uploads(name, null, null, null, 1000)).isEmpty()) {
      for (Upload upload : pending) {
        catalog.deleteUpload(upload.id()).ifPresent(
            parts -> parts.forEach(p -> BlobWriter.deleteQuietly(objects.blobs(), p.blobId())));
      }
    }
    switch (catalog.deleteBucketIfEmpty(name)) {
      case DELETED -> objects.encryption().forget(name);
      case NOT_FOUND -> throw new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, name);
      case NOT_EMPTY -> throw new ObjectServiceException(ObjectError.BUCKET_NOT_EMPTY, name);
    }
  }

  /** INVALID_ARGUMENT unless every user a grant names exists (S3: "Invalid id"). */
  void checkGrantees(Acl acl) throws IOException {
    for (Acl.Grant g : acl.grants()) {
      if (g.type() == Acl.GranteeType.CANONICAL_USER && catalog.userById(g.id()).isEmpty()) {
        throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT, "Invalid id");
      }
    }
  }

  /** A user's name (S3 DisplayName) by canonical id; the id itself for an unknown one. */
  String displayName(String id) throws IOException {
    if (id == null) {
      return null;
    }
    String known = displayNames.get(id);
    if (known != null) {
      return known;
    }
    Optional<io.cairn.catalog.User> user = catalog.userById(id);
    user.ifPresent(u -> displayNames.put(id, u.name()));
    return user.map(io.cairn.catalog.User::name).orElse(id);
  }
}
