package io.cairn.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running transaction on one {@link Session}: the only way the JDBC domain classes touch SQL.
 * Parameters bind by Java type: {@link String}, {@link Long}, {@link Integer}, {@link Boolean},
 * {@link Instant} (as epoch milliseconds, the catalog's time format), enums (by name) and null.
 */
final class Tx {

  /** Maps the current row of a result set. */
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Session session;
  private final boolean write;
  private CatalogException rollbackOnlyCause;

  Tx(Session session, boolean write) {
    this.session = session;
    this.write = write;
  }

  boolean write() {
    return write;
  }

  /** After a SQL failure inside a joined operation the transaction can only roll back. */
  void markRollbackOnly(CatalogException cause) {
    if (rollbackOnlyCause == null) {
      rollbackOnlyCause = cause;
    }
  }

  CatalogException rollbackOnlyCause() {
    return rollbackOnlyCause;
  }

  int update(String sql, Object... args) throws SQLException {
    PreparedStatement statement = bind(sql, args);
    return statement.executeUpdate();
  }

  <T> Optional<T> one(String sql, Row<T> row, Object... args) throws SQLException {
    PreparedStatement statement = bind(sql, args);
    try (ResultSet rs = statement.executeQuery()) {
      return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
    }
  }

  <T> List<T> list(String sql, Row<T> row, Object... args) throws SQLException {
    PreparedStatement statement = bind(sql, args);
    List<T> out = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        out.add(row.map(rs));
      }
    }
    return out;
  }

  /** The first column of the first row as a long, or {@code absent} when there is no row/NULL. */
  long scalar(String sql, long absent, Object... args) throws SQLException {
    PreparedStatement statement = bind(sql, args);
    try (ResultSet rs = statement.executeQuery()) {
      if (!rs.next()) {
        return absent;
      }
      long value = rs.getLong(1);
      return rs.wasNull() ? absent : value;
    }
  }

  boolean exists(String sql, Object... args) throws SQLException {
    PreparedStatement statement = bind(sql, args);
    try (ResultSet rs = statement.executeQuery()) {
      return rs.next();
    }
  }

  private PreparedStatement bind(String sql, Object[] args) throws SQLException {
    PreparedStatement statement = session.statement(sql);
    for (int i = 0; i < args.length; i++) {
      int index = i + 1;
      Object arg = args[i];
      switch (arg) {
        case null -> statement.setNull(index, java.sql.Types.NULL);
        case String s -> statement.setString(index, s);
        case Long l -> statement.setLong(index, l);
        case Integer n -> statement.setInt(index, n);
        case Boolean b -> statement.setBoolean(index, b);
        case Instant t -> statement.setLong(index, t.toEpochMilli());
        case Enum<?> e -> statement.setString(index, e.name());
        case byte[] b -> statement.setBytes(index, b);
        default ->
            throw new IllegalArgumentException("unsupported parameter type " + arg.getClass());
      }
    }
    return statement;
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }
}
