package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

final class JdbcHosts implements Hosts {
  private static final String COLUMNS = "name, host_type, settings, created_ms";

  private final Database db;
  private final Clock clock;

  JdbcHosts(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Host create(String name, Host.Type type, String settings) throws CatalogException {
    JdbcUsers.requireText(name, "host name");
    Host host = new Host(name, type, settings == null ? "{}" : settings, clock.instant());
    return db.write(
        tx -> {
          if (find(tx, name).isPresent()) {
            throw new AlreadyExistsException("host " + name + " already exists");
          }
          tx.update(
              "INSERT INTO hosts (" + COLUMNS + ") VALUES (?, ?, ?, ?)",
              name,
              type,
              host.settings(),
              host.created());
          return host;
        });
  }

  @Override
  public Optional<Host> find(String name) throws CatalogException {
    return db.read(tx -> find(tx, name));
  }

  @Override
  public Host get(String name) throws CatalogException {
    return find(name).orElseThrow(() -> missing(name));
  }

  @Override
  public List<Host> list() throws CatalogException {
    return db.read(tx -> tx.list("SELECT " + COLUMNS + " FROM hosts ORDER BY name", JdbcHosts::host));
  }

  @Override
  public Host update(String name, Host.Type type, String settings) throws CatalogException {
    return db.write(
        tx -> {
          if (tx.update(
                  "UPDATE hosts SET host_type = ?, settings = ? WHERE name = ?",
                  type,
                  settings == null ? "{}" : settings,
                  name)
              == 0) {
            throw missing(name);
          }
          return find(tx, name).orElseThrow(() -> missing(name));
        });
  }

  @Override
  public void delete(String name) throws CatalogException {
    db.write(
        tx -> {
          if (find(tx, name).isEmpty()) {
            throw missing(name);
          }
          if (tx.exists("SELECT 1 FROM attachments WHERE host = ?", name)) {
            throw new ConflictException("host " + name + " has attached volumes");
          }
          tx.update("DELETE FROM hosts WHERE name = ?", name);
          return null;
        });
  }

  static Optional<Host> find(Tx tx, String name) throws SQLException {
    return tx.one("SELECT " + COLUMNS + " FROM hosts WHERE name = ?", JdbcHosts::host, name);
  }

  static NotFoundException missing(String name) {
    return new NotFoundException("no host " + name);
  }

  private static Host host(ResultSet rs) throws SQLException {
    return new Host(
        rs.getString("name"),
        Host.Type.valueOf(rs.getString("host_type")),
        rs.getString("settings"),
        Tx.instant(rs, "created_ms"));
  }
}
