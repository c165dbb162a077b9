package io.cairn.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One pooled JDBC connection and its prepared statements. The statements are prepared once per
 * connection and reused, so the hot paths (an object row per S3 PUT, an access-key lookup per
 * request) never re-parse SQL. Used by one thread at a time (the pool hands it out exclusively).
 */
final class Session implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private boolean broken;

  Session(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  /** A cached statement for {@code sql}; callers set every parameter and must not close it. */
  PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /** Marks the connection unusable (lost, or left in an unknown transaction state). */
  void markBroken() {
    broken = true;
  }

  boolean broken() {
    return broken;
  }

  @Override
  public void close() {
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // closing anyway; the connection close below releases everything
      }
    }
    statements.clear();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing more can be done for a connection being discarded
    }
  }
}
