package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

final class JdbcUsers implements Users {
  private static final String USER_COLUMNS = "u.id, u.name, u.is_root, u.created_ms";

  private final Database db;
  private final Clock clock;
  private final IdSource ids;

  JdbcUsers(Database db, Clock clock, IdSource ids) {
    this.db = db;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public User create(String name, boolean root, String accessKey, String secretKey)
      throws CatalogException {
    requireText(name, "user name");
    requireText(accessKey, "access key");
    requireText(secretKey, "secret key");
    return db.write(
        tx -> {
          if (tx.exists("SELECT 1 FROM users WHERE name = ?", name)) {
            throw new AlreadyExistsException("user " + name + " already exists");
          }
          if (tx.exists("SELECT 1 FROM access_keys WHERE access_key = ?", accessKey)) {
            throw new AlreadyExistsException("access key " + accessKey + " is already in use");
          }
          User user = new User(ids.hex(256), name, root, clock.instant());
          tx.update(
              "INSERT INTO users (id, name, is_root, created_ms) VALUES (?, ?, ?, ?)",
              user.id(),
              name,
              root,
              user.created());
          insertKey(tx, user.id(), accessKey, secretKey);
          return user;
        });
  }

  @Override
  public Optional<User> find(String name) throws CatalogException {
    return db.readSingle(tx -> findByName(tx, name));
  }

  @Override
  public User get(String name) throws CatalogException {
    return find(name).orElseThrow(() -> new NotFoundException("no user " + name));
  }

  @Override
  public Optional<User> findById(String id) throws CatalogException {
    return db.readSingle(
        tx -> tx.one("SELECT " + USER_COLUMNS + " FROM users u WHERE u.id = ?", JdbcUsers::user, id));
  }

  @Override
  public List<User> list() throws CatalogException {
    return db.read(
        tx -> tx.list("SELECT " + USER_COLUMNS + " FROM users u ORDER BY u.name", JdbcUsers::user));
  }

  @Override
  public void delete(String name) throws CatalogException {
    db.write(
        tx -> {
          User user = findByName(tx, name).orElseThrow(() -> new NotFoundException("no user " + name));
          if (user.root()) {
            throw new ConflictException("user " + name + " is a root user");
          }
          for (String table : List.of("buckets", "volumes", "snapshots", "images")) {
            if (tx.exists("SELECT 1 FROM " + table + " WHERE owner = ?", user.id())) {
              throw new ConflictException("user " + name + " still owns " + table);
            }
          }
          tx.update("DELETE FROM access_keys WHERE user_id = ?", user.id());
          tx.update("DELETE FROM users WHERE id = ?", user.id());
          return null;
        });
  }

  @Override
  public AccessKey addKey(String name, String accessKey, String secretKey) throws CatalogException {
    requireText(accessKey, "access key");
    requireText(secretKey, "secret key");
    return db.write(
        tx -> {
          User user = findByName(tx, name).orElseThrow(() -> new NotFoundException("no user " + name));
          if (tx.exists("SELECT 1 FROM access_keys WHERE access_key = ?", accessKey)) {
            throw new AlreadyExistsException("access key " + accessKey + " is already in use");
          }
          return insertKey(tx, user.id(), accessKey, secretKey);
        });
  }

  @Override
  public void deleteKey(String accessKey) throws CatalogException {
    db.write(
        tx -> {
          if (tx.update("DELETE FROM access_keys WHERE access_key = ?", accessKey) == 0) {
            throw new NotFoundException("no access key " + accessKey);
          }
          return null;
        });
  }

  @Override
  public List<AccessKey> keys(String name) throws CatalogException {
    return db.read(
        tx -> {
          User user = findByName(tx, name).orElseThrow(() -> new NotFoundException("no user " + name));
          return tx.list(
              "SELECT access_key, user_id, created_ms FROM access_keys WHERE user_id = ?"
                  + " ORDER BY created_ms, access_key",
              rs ->
                  new AccessKey(
                      rs.getString("access_key"),
                      rs.getString("user_id"),
                      Tx.instant(rs, "created_ms")),
              user.id());
        });
  }

  @Override
  public Optional<Credential> findByAccessKey(String accessKey) throws CatalogException {
    return db.readSingle(
        tx ->
            tx.one(
                "SELECT "
                    + USER_COLUMNS
                    + ", k.access_key, k.secret_key FROM access_keys k"
                    + " JOIN users u ON u.id = k.user_id WHERE k.access_key = ?",
                rs ->
                    new Credential(user(rs), rs.getString("access_key"), rs.getString("secret_key")),
                accessKey));
  }

  private AccessKey insertKey(Tx tx, String userId, String accessKey, String secretKey)
      throws SQLException {
    AccessKey key = new AccessKey(accessKey, userId, clock.instant());
    tx.update(
        "INSERT INTO access_keys (access_key, secret_key, user_id, created_ms) VALUES (?, ?, ?, ?)",
        accessKey,
        secretKey,
        userId,
        key.created());
    return key;
  }

  private static Optional<User> findByName(Tx tx, String name) throws SQLException {
    return tx.one("SELECT " + USER_COLUMNS + " FROM users u WHERE u.name = ?", JdbcUsers::user, name);
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getString("id"),
        rs.getString("name"),
        rs.getBoolean("is_root"),
        Tx.instant(rs, "created_ms"));
  }

  static void requireText(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}
