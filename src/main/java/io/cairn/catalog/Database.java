package io.cairn.catalog;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs transactions on the catalog's sessions. When the {@link Dialect} serializes writes (SQLite:
 * one writer at a time) writers queue in-process on one writer session through {@link
 * GroupCommit} rather than fight over the database lock with {@code SQLITE_BUSY}, and concurrent
 * writers share commits; readers use a pool of their own sessions.
 *
 * <p>A transaction is bound to the calling thread for its duration, so every catalog operation
 * called inside {@link #write}/{@link #read} (directly or through {@link Catalog#inTransaction})
 * joins it instead of opening another. A SQL failure inside a joined operation marks the whole
 * transaction rollback-only, so a caller that catches it cannot commit half a change. Transient
 * failures (PostgreSQL serialization failures and deadlocks) re-run the whole outermost body.
 */
final class Database implements AutoCloseable {

  /** A transaction body. */
  interface Body<T> {
    T run(Tx tx) throws SQLException, IOException;
  }

  /** A transaction body of a domain operation: may fail only with a catalog outcome. */
  interface Work<T> {
    T run(Tx tx) throws SQLException, CatalogException;
  }

  private static final int MAX_ATTEMPTS = 50;

  private final Dialect dialect;
  private final GroupCommit groupCommit;
  private final SessionPool writers;
  private final SessionPool readers;
  private final ThreadLocal<Tx> current = new ThreadLocal<>();
  /** What runs once the outermost transaction of this thread has ended (committed or not). */
  private final ThreadLocal<List<Runnable>> afterOutermost = new ThreadLocal<>();

  /** A database whose writers share one pool with readers and run in parallel (PostgreSQL). */
  Database(Dialect dialect, SessionPool sessions) {
    this.dialect = dialect;
    this.groupCommit = null;
    this.writers = sessions;
    this.readers = sessions;
  }

  /** A single-writer database (SQLite): writes through group commit, reads from a pool. */
  Database(Dialect dialect, GroupCommit groupCommit, SessionPool readers) {
    this.dialect = dialect;
    this.groupCommit = groupCommit;
    this.writers = null;
    this.readers = readers;
  }

  /** {commits, write transactions, WAL fsyncs} through group commit; null for a multi-writer database. */
  long[] groupCommitCounts() {
    return groupCommit == null ? null : groupCommit.counts();
  }

  Dialect dialect() {
    return dialect;
  }

  /** Runs a domain write: atomic, and durable when it returns (synced commit). */
  <T> T write(Work<T> work) throws CatalogException {
    return domain(true, work);
  }

  /** Runs domain reads on one consistent snapshot. */
  <T> T read(Work<T> work) throws CatalogException {
    return domain(false, work);
  }

  /**
   * Runs a read made of one statement (plus, at most, statements whose answer needs no snapshot
   * consistency with it) without an explicit transaction: the hot lookups (access key, object
   * HEAD/GET) save the BEGIN and COMMIT round trips.
   */
  <T> T readSingle(Work<T> work) throws CatalogException {
    if (current.get() != null) {
      return read(work);
    }
    Session session;
    try {
      session = readers.borrow();
    } catch (SQLException e) {
      throw translate(e);
    }
    Tx tx = new Tx(session, false);
    current.set(tx);
    boolean ok = false;
    try {
      T result = work.run(tx);
      ok = true;
      return result;
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      current.remove();
      try {
        dialect.endSingleRead(session, ok);
      } catch (SQLException e) {
        session.markBroken();
      }
      readers.release(session);
    }
  }

  /** Whether this thread is inside a transaction (its reads may see its own uncommitted writes). */
  boolean inTransaction() {
    return current.get() != null;
  }

  /**
   * Runs {@code action} once the outermost transaction running on this thread has ended, whether
   * it committed or not (its outcome may be unknown to the caller); at once if none is running.
   * What the caches need: an invalidation must follow the commit that makes the change visible,
   * not the joined call that made it.
   */
  void afterTransaction(Runnable action) {
    List<Runnable> pending = afterOutermost.get();
    if (pending == null) {
      action.run();
    } else {
      pending.add(action);
    }
  }

  <T> T run(boolean write, Body<T> body) throws IOException {
    Tx joined = current.get();
    if (joined == null) {
      List<Runnable> pending = new ArrayList<>(0);
      afterOutermost.set(pending);
      try {
        return runOutermost(write, body);
      } finally {
        afterOutermost.remove();
        for (Runnable action : pending) {
          action.run();
        }
      }
    }
    if (write && !joined.write()) {
      throw new IllegalStateException("catalog write inside a read-only transaction");
    }
    try {
      return body.run(joined);
    } catch (SQLException e) {
      CatalogException failure = translate(e);
      joined.markRollbackOnly(failure);
      throw failure;
    }
  }

  private <T> T runOutermost(boolean write, Body<T> body) throws IOException {
    if (write && groupCommit != null) {
      try {
        return groupCommit.run(body, current);
      } catch (SQLException e) {
        throw translate(e);
      }
    }
    SessionPool pool = write ? writers : readers;
    for (int attempt = 1; ; attempt++) {
      Session session;
      try {
        session = pool.borrow();
      } catch (SQLException e) {
        throw translate(e);
      }
      Tx tx = new Tx(session, write);
      current.set(tx);
      boolean began = false;
      try {
        dialect.begin(session, write);
        began = true;
        T result = body.run(tx);
        if (tx.rollbackOnlyCause() != null) {
          throw tx.rollbackOnlyCause();
        }
        dialect.commit(session);
        return result;
      } catch (SQLException e) {
        abort(session, began);
        if (dialect.isRetryable(e) && attempt < MAX_ATTEMPTS) {
          pause(attempt);
          continue;
        }
        throw translate(e);
      } catch (IOException | RuntimeException | Error e) {
        abort(session, began);
        if (retryableCause(e) && attempt < MAX_ATTEMPTS) {
          pause(attempt);
          continue;
        }
        throw e;
      } finally {
        current.remove();
        pool.release(session);
      }
    }
  }

  private <T> T domain(boolean write, Work<T> work) throws CatalogException {
    try {
      return run(write, work::run);
    } catch (CatalogException e) {
      throw e;
    } catch (IOException e) {
      throw new CatalogException("catalog transaction failed", e); // Work cannot throw others
    }
  }

  private void abort(Session session, boolean began) {
    if (!began) {
      session.markBroken(); // unknown state: BEGIN itself failed
      return;
    }
    try {
      dialect.rollback(session);
    } catch (SQLException e) {
      session.markBroken();
    }
  }

  private boolean retryableCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && dialect.isRetryable(sql)) {
        return true;
      }
    }
    return false;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(50, attempt * 2L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The catalog outcome for a driver error; keeps it as the cause (for retry decisions). */
  CatalogException translate(SQLException e) {
    CatalogException translated;
    if (dialect.isUniqueViolation(e)) {
      translated = new AlreadyExistsException("a row with the same unique name or id already exists");
    } else if (dialect.isForeignKeyViolation(e)) {
      translated = new ConflictException("the row is referenced by, or refers to, a missing row");
    } else {
      return new CatalogException("catalog database error: " + e.getMessage(), e);
    }
    translated.initCause(e);
    return translated;
  }

  @Override
  public void close() {
    readers.close();
    if (groupCommit != null) {
      groupCommit.close();
    } else {
      writers.close();
    }
    readers.awaitQuiescent(10_000);
  }
}
