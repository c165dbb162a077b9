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
    try {
      return database.create(name, root, accessKey, secretKey);
    } finally {
      forgetAll();
    }
  }

  @Override
  public void delete(String name) throws CatalogException {
    try {
      database.delete(name);
    } finally {
      forgetAll();
    }
  }

  @Override
  public AccessKey addKey(String name, String accessKey, String secretKey)
      throws CatalogException {
    try {
      return database.addKey(name, accessKey, secretKey);
    } finally {
      forgetAll();
    }
  }

  @Override
  public void deleteKey(String accessKey) throws CatalogException {
    try {
      database.deleteKey(accessKey);
    } finally {
      forgetAll();
    }
  }

  private void forgetAll() {
    credentials.invalidateAll(k -> true);
    byId.invalidateAll(k -> true);
  }
}
