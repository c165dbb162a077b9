package io.cairn.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Users and their access keys.
 *
 * <p>Every mutation is one transaction, durable when it returns. Safe for concurrent use. {@link
 * #findByAccessKey} runs on every authenticated request: one primary-key lookup on a pooled
 * reader with a prepared statement (or none: a catalog one process owns keeps
 * it in memory, see {@link Catalog.Caching}). Secrets are stored as given (SigV4 needs the plain secret to
 * recompute signatures); they never appear in {@code toString} or exception messages.
 */
public interface Users {

  /**
   * Creates a user together with its first access key, atomically.
   *
   * @throws AlreadyExistsException if the name or the access key is taken
   */
  User create(String name, boolean root, String accessKey, String secretKey)
      throws CatalogException;

  Optional<User> find(String name) throws CatalogException;

  /** @throws NotFoundException if there is no such user */
  User get(String name) throws CatalogException;

  /** By canonical user id. */
  Optional<User> findById(String id) throws CatalogException;

  /** All users ordered by name. */
  List<User> list() throws CatalogException;

  /**
   * Deletes a user and its access keys.
   *
   * @throws NotFoundException if there is no such user
   * @throws ConflictException if it is a root user or still owns buckets, volumes, snapshots or
   *     images
   */
  void delete(String name) throws CatalogException;

  /**
   * @throws NotFoundException if there is no such user
   * @throws AlreadyExistsException if the access key is taken
   */
  AccessKey addKey(String name, String accessKey, String secretKey) throws CatalogException;

  /** @throws NotFoundException if there is no such access key */
  void deleteKey(String accessKey) throws CatalogException;

  /**
   * A user's keys, oldest first.
   *
   * @throws NotFoundException if there is no such user
   */
  List<AccessKey> keys(String name) throws CatalogException;

  /** The user and secret behind an access key, if the key exists. */
  Optional<Credential> findByAccessKey(String accessKey) throws CatalogException;
}
