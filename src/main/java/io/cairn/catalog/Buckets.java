package io.cairn.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buckets. Names are unique across the whole catalog (all users, all servers). Every mutation is
 * one transaction, durable when it returns. Safe for concurrent use.
 */
public interface Buckets {

  /**
   * Creates an unversioned bucket without tags.
   *
   * @throws AlreadyExistsException if the name is taken (by anyone; compare {@link Bucket#owner()}
   *     to tell S3's BucketAlreadyOwnedByYou from BucketAlreadyExists)
   */
  Bucket create(String name, String owner, String region, Acl acl) throws CatalogException;

  Optional<Bucket> find(String name) throws CatalogException;

  /** @throws NotFoundException if there is no such bucket */
  Bucket get(String name) throws CatalogException;

  /** All buckets ordered by name. */
  List<Bucket> list() throws CatalogException;

  /** An owner's buckets ordered by name. */
  List<Bucket> listByOwner(String owner) throws CatalogException;

  /**
   * @throws NotFoundException if there is no such bucket
   * @throws IllegalArgumentException for {@link Versioning#UNVERSIONED} (S3 cannot unset it)
   */
  void setVersioning(String name, Versioning versioning) throws CatalogException;

  /** @throws NotFoundException if there is no such bucket */
  void setAcl(String name, Acl acl) throws CatalogException;

  /** Replaces all tags. @throws NotFoundException if there is no such bucket */
  void setTags(String name, Map<String, String> tags) throws CatalogException;

  /**
   * Deletes an empty bucket.
   *
   * @throws NotFoundException if there is no such bucket
   * @throws ConflictException if it still holds any object version, delete marker or multipart
   *     upload (S3 BucketNotEmpty)
   */
  void delete(String name) throws CatalogException;
}
