package io.cairn.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

final class JdbcLeases implements Leases {
  private static final String COLUMNS = "resource, holder, acquired_ms, expires_ms";

  private final Database db;
  private final Clock clock;

  JdbcLeases(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Lease acquire(String resource, String holder, Duration ttl) throws CatalogException {
    JdbcUsers.requireText(resource, "resource");
    JdbcUsers.requireText(holder, "holder");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease length must be positive");
    }
    return db.write(
        tx -> {
          Instant now = clock.instant();
          Optional<Lease> current = find(tx, resource);
          if (current.isPresent()
              && !current.get().holder().equals(holder)
              && current.get().expires().isAfter(now)) {
            throw new ConflictException(
                resource + " is leased to " + current.get().holder() + " until "
                    + current.get().expires());
          }
          boolean renewal = current.isPresent() && current.get().holder().equals(holder)
              && current.get().expires().isAfter(now);
          Lease lease =
              new Lease(resource, holder, renewal ? current.get().acquired() : now, now.plus(ttl));
          if (current.isPresent()) {
            tx.update(
                "UPDATE leases SET holder = ?, acquired_ms = ?, expires_ms = ? WHERE resource = ?",
                holder, lease.acquired(), lease.expires(), resource);
          } else {
            tx.update(
                "INSERT INTO leases (" + COLUMNS + ") VALUES (?, ?, ?, ?)",
                resource, holder, lease.acquired(), lease.expires());
          }
          return lease;
        });
  }

  @Override
  public boolean release(String resource, String holder) throws CatalogException {
    return db.write(
        tx ->
            tx.update(
                    "DELETE FROM leases WHERE resource = ? AND holder = ? AND expires_ms > ?",
                    resource, holder, clock.instant())
                > 0);
  }

  @Override
  public Optional<Lease> find(String resource) throws CatalogException {
    Instant now = clock.instant();
    return db.readSingle(tx -> find(tx, resource).filter(l -> l.expires().isAfter(now)));
  }

  private static Optional<Lease> find(Tx tx, String resource) throws SQLException {
    return tx.one("SELECT " + COLUMNS + " FROM leases WHERE resource = ?", JdbcLeases::lease, resource);
  }

  private static Lease lease(ResultSet rs) throws SQLException {
    return new Lease(
        rs.getString("resource"),
        rs.getString("holder"),
        Tx.instant(rs, "acquired_ms"),
        Tx.instant(rs, "expires_ms"));
  }
}
