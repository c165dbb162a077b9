package io.cairn.catalog;

import java.util.List;
import java.util.Optional;

/**
 * {@link Users} with the lookups every request makes kept in memory, for a catalog one process
 * owns: the credential behind an access key (each signed request) and users by id (owners,
 * grantees). Users and keys change rarely, so any change forgets everything, after its commit and
 * race-safely ({@link RowCache}): a deleted key or user stops authenticating at once. Unknown keys
 * and ids are not remembered. Contract as {@link Users}; safe for concurrent use.
 */
final class CachedUsers implements Users {
  private final Users database;
  private final RowCache<String, Credential> credentials;
  private final RowCache<String, User> byId;

  CachedUsers(Users database, Database db, long maxKeys) {
    this.database = database;
    this.credentials = new RowCache<>(db, RowCache.builder().maximumSize(maxKeys).build());
    this.byId = new RowCache<>(db, RowCache.builder().maximumSize(maxKeys).build());
  }

  @Override
  public Optional<Credential> findByAccessKey(String accessKey) throws CatalogException {
    return credentials.read(accessKey, () -> database.findByAccessKey(accessKey));
  }

  @Override
  public Optional<User> findById(String id) throws CatalogException {
    return byId.read(id, () -> database.findById(id));
  }

  @Override
  public Optional<User> find(String name) throws CatalogException {
    return database.find(name);
  }

  @Override
  public User get(String name) throws CatalogException {
    return database.get(name);
  }

  @Override
  public List<User> list() throws CatalogException {
    return database.list();
  }

  @Override
  public List<AccessKey> keys(String name) throws CatalogException {
    return database.keys(name);
  }

  @Override
  public User create(String name, boolean root, String accessKey, String secretKey)
      throws CatalogException {
    return changing(() -> database.create(name, root, accessKey, secretKey));
  }

  @Override
  public void delete(String name) throws CatalogException {
    changing(() -> {
      database.delete(name);
      return null;
    });
  }

  @Override
  public AccessKey addKey(String name, String accessKey, String secretKey)
      throws CatalogException {
    return changing(() -> database.addKey(name, accessKey, secretKey));
  }

  @Override
  public void deleteKey(String accessKey) throws CatalogException {
    changing(() -> {
      database.deleteKey(accessKey);
      return null;
    });
  }

  /** A write through to the database. */
  private interface Change<T> {
    T run() throws CatalogException;
  }

  /**
   * Runs a write and then forgets every cached key and user, whatever its outcome (a failed write
   * may still have committed): user changes are rare, and a key's row names its user.
   */
  private <T> T changing(Change<T> change) throws CatalogException {
    try {
      return change.run();
    } finally {
      credentials.invalidateAll(k -> true);
      byId.invalidateAll(k -> true);
    }
  }
}
