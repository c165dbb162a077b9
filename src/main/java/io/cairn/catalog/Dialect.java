package io.cairn.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Everything that differs between the SQL databases the catalog runs on, and nothing else: the
 * shared code and migrations use portable SQL only.
 *
 * <ul>
 *   <li>Key ordering: S3 lists keys in UTF-8 byte order. SQLite's default {@code BINARY} collation
 *       compares UTF-8 bytes; PostgreSQL needs {@code COLLATE "C"} on the column. Migrations say
 *       {@code ${key_text}} for such columns.
 *   <li>Transactions: SQLite has one writer at a time, so writes are serialized in-process and begin
 *       with {@code BEGIN IMMEDIATE} (take the write lock up front instead of failing with {@code
 *       SQLITE_BUSY} on upgrade). PostgreSQL runs write transactions {@code SERIALIZABLE}, which
 *       makes every multi-row invariant hold without explicit row locks; a serialization failure is
 *       retried by {@link Database}.
 * </ul>
 */
public enum Dialect {
  SQLITE {
    @Override
    Map<String, String> placeholders() {
      return Map.of("key_text", "TEXT");
    }

    @Override
    boolean serializesWrites() {
      return true;
    }

    @Override
    void prepareConnection(Connection connection) throws SQLException {
      connection.setAutoCommit(true); // transactions are explicit BEGIN/COMMIT below
    }

    @Override
    void begin(Session session, boolean write) throws SQLException {
      exec(session, write ? "BEGIN IMMEDIATE" : "BEGIN");
    }

    @Override
    void commit(Session session) throws SQLException {
      exec(session, "COMMIT");
    }

    @Override
    void rollback(Session session) throws SQLException {
      exec(session, "ROLLBACK");
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
      String message = String.valueOf(e.getMessage());
      return message.contains("SQLITE_CONSTRAINT_UNIQUE")
          || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY")
          || message.contains("UNIQUE constraint failed");
    }

    @Override
    boolean isForeignKeyViolation(SQLException e) {
      String message = String.valueOf(e.getMessage());
      return message.contains("SQLITE_CONSTRAINT_FOREIGNKEY")
          || message.contains("FOREIGN KEY constraint failed");
    }

    @Override
    boolean isRetryable(SQLException e) {
      return false; // busy_timeout already waited; writes are serialized in-process
    }
  },

  POSTGRESQL {
    @Override
    Map<String, String> placeholders() {
      return Map.of("key_text", "TEXT COLLATE \"C\"");
    }

    @Override
    boolean serializesWrites() {
      return false;
    }

    @Override
    void prepareConnection(Connection connection) throws SQLException {
      connection.setAutoCommit(false);
    }

    @Override
    void begin(Session session, boolean write) throws SQLException {
      // With autocommit off the driver opens the transaction before this first statement.
      exec(
          session,
          write
              ? "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"
              : "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }

    @Override
    void commit(Session session) throws SQLException {
      session.connection().commit();
    }

    @Override
    void rollback(Session session) throws SQLException {
      session.connection().rollback();
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
      return "23505".equals(e.getSQLState());
    }

    @Override
    boolean isForeignKeyViolation(SQLException e) {
      return "23503".equals(e.getSQLState());
    }

    @Override
    boolean isRetryable(SQLException e) {
      return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }
  };

  /** The dialect for a JDBC URL ({@code jdbc:sqlite:...}, {@code jdbc:postgresql:...}). */
  public static Dialect ofUrl(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported catalog URL (want jdbc:sqlite:PATH or jdbc:postgresql:...): " + jdbcUrl);
  }

  /** The dialect for a database product name as reported by JDBC metadata. */
  static Dialect ofProduct(String productName) {
    String name = productName.toLowerCase(java.util.Locale.ROOT);
    if (name.contains("sqlite")) {
      return SQLITE;
    }
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported catalog database: " + productName);
  }

  /** Flyway placeholders substituted into the migrations. */
  abstract Map<String, String> placeholders();

  /** True when only one write transaction may run at a time (so the pool has one writer). */
  abstract boolean serializesWrites();

  abstract void prepareConnection(Connection connection) throws SQLException;

  abstract void begin(Session session, boolean write) throws SQLException;

  abstract void commit(Session session) throws SQLException;

  abstract void rollback(Session session) throws SQLException;

  abstract boolean isUniqueViolation(SQLException e);

  abstract boolean isForeignKeyViolation(SQLException e);

  /** A transient failure after which the whole transaction may simply run again. */
  abstract boolean isRetryable(SQLException e);

  private static void exec(Session session, String sql) throws SQLException {
    session.statement(sql).execute();
  }
}
