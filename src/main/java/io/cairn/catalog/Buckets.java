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
   * Stores a bucket sub-resource document (policy, CORS, lifecycle, ...) under {@code kind},
   * replacing any previous one. The catalog does not interpret it.
   *
   * @throws NotFoundException if there is no such bucket
   */
  void setConfig(String name, String kind, String document) throws CatalogException;

  /**
   * The document stored under {@code kind}, if any.
   *
   * @throws NotFoundException if there is no such bucket
   */
  Optional<String> config(String name, String kind) throws CatalogException;

  /**
   * Removes the document stored under {@code kind}; false when there was none.
   *
   * @throws NotFoundException if there is no such bucket
   */
  boolean deleteConfig(String name, String kind) throws CatalogException;

  /**
   * Deletes an empty bucket (and its sub-resource documents).
   *
   * @throws NotFoundException if there is no such bucket
   * @throws ConflictException if it still holds any object version, delete marker or multipart
   *     upload (S3 BucketNotEmpty)
   */
  void delete(String name) throws CatalogException;
}
