package io.cairn.catalog;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for a database with a single writer (SQLite). Write transactions run one at a time
 * on the one writer session, each inside its own {@code SAVEPOINT} of a shared open transaction.
 * When a transaction ends while other writers are already queued, it leaves the transaction open
 * and waits; the last writer of the group issues one {@code COMMIT} — one WAL fsync — for all of
 * them, then wakes them. A failed transaction rolls back to its savepoint and fails alone; a failed
 * {@code COMMIT} fails every member of the group. Nobody returns before the commit holding their
 * work is durable, so "a reply means durable" holds; what is saved is one fsync per writer under
 * concurrency (one per group instead). A lone writer commits immediately, as without grouping.
 *
 * <p>With a {@link WalSync} (SQLite at {@code synchronous=NORMAL}), the {@code COMMIT} only
 * writes the WAL and the fsync happens after the writer lock is released: the next group runs
 * its statements while the previous one waits for the disk, and nobody returns before that fsync.
 *
 * <p>Each body runs on its own calling thread (thread-bound transactions keep working), in
 * arrival order.
 */
final class GroupCommit implements AutoCloseable {

  /** Runs commits for virtual-thread callers (see commitOffCarrier); one at a time is all there is. */
  private static final ExecutorService COMMITTER = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("catalog-commit").daemon().factory());

  /** Upper bound on transactions sharing one commit, which bounds the wait of the first. */
  private static final int MAX_GROUP = 256;

  /** The members of one shared transaction and its outcome. */
  private static final class Group {
    int members;
    boolean done;
    SQLException failure;
    boolean unknown; // the failure came at or after the COMMIT: it may have been committed
  }

  private final Dialect dialect;
  private final SessionPool.ConnectionSource source;
  /** Null: the COMMIT itself is durable (synchronous=FULL). */
  private final WalSync walSync;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition committed = lock.newCondition();
  /** Writers between deciding to write and holding the lock: who the open group can wait for. */
  private final AtomicInteger arriving = new AtomicInteger();
  private Session session; // guarded by lock
  private Group open; // guarded by lock; the group whose transaction is open, or null
  private boolean closed; // guarded by lock
  private long commits; // guarded by lock
  private long transactions; // guarded by lock

  GroupCommit(Dialect dialect, SessionPool.ConnectionSource source) {
    this(dialect, source, null);
  }

  /** @param walSync what makes a returned COMMIT durable; null if the COMMIT already is */
  GroupCommit(Dialect dialect, SessionPool.ConnectionSource source, WalSync walSync) {
    this.dialect = dialect;
    this.source = source;
    this.walSync = walSync;
  }

  /** Runs {@code body} as a write transaction; returns once it is durably committed. */
  <T> T run(Database.Body<T> body, ThreadLocal<Tx> current) throws SQLException, IOException {
    arriving.incrementAndGet();
    lock.lock();
    arriving.decrementAndGet();
    try {
      if (closed) {
        if (open != null) {
          // Writers waiting for this group's commit must not wait forever: it never happens.
          settle(open, new SQLException("catalog closed before the commit"));
        }
        throw new CatalogException("catalog is closed");
      }
      Group group = join();
      Tx tx = new Tx(session, true);
      T result = null;
      Throwable failure = null;
      current.set(tx);
      try {
        exec("SAVEPOINT cairn_tx");
        try {
          result = body.run(tx);
          if (tx.rollbackOnlyCause() != null) {
            throw tx.rollbackOnlyCause();
          }
          exec("RELEASE cairn_tx");
        } catch (IOException | SQLException | RuntimeException | Error e) {
          failure = e;
          exec("ROLLBACK TO cairn_tx");
          exec("RELEASE cairn_tx");
        }
      } catch (SQLException e) {
        // The savepoint machinery itself failed: the shared transaction is in an unknown state.
        abort(group, e);
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
        throw rethrow(failure);
      } finally {
        current.remove();
      }
      finishTurn(group);
      if (failure != null) {
        throw rethrow(failure);
      }
      if (group.failure != null && group.unknown) {
        throw new CommitOutcomeUnknownException(
            "catalog commit not confirmed: " + group.failure.getMessage(), group.failure);
      }
      if (group.failure != null) {
        SQLException mine = new SQLException("group commit failed", group.failure.getSQLState());
        mine.initCause(group.failure);
        throw mine;
      }
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** Joins the open group, or opens a transaction for a new one. */
  private Group join() throws SQLException {
    if (session == null || session.broken()) {
      if (session != null) {
        session.close();
      }
      session = null;
      session = new Session(source.open());
    }
    if (open == null) {
      try {
        dialect.begin(session, true);
      } catch (SQLException e) {
        session.markBroken();
        throw e;
      }
      open = new Group();
    }
    open.members++;
    transactions++;
    return open;
  }

  /**
   * Ends this writer's turn: hand the open transaction to a queued writer and wait for its commit,
   * or, with nobody queued (or the group full), commit it now.
   */
  private void finishTurn(Group group) {
    if (group.done) {
      return; // aborted
    }
    if (arriving.get() > 0 && group.members < MAX_GROUP) {
      while (!group.done) {
        committed.awaitUninterruptibly(); // releases the lock: the next writer goes on
      }
      return;
    }
    try {
      commitOffCarrier();
      commits++;
    } catch (SQLException e) {
      group.unknown = true; // a COMMIT that fails part way may still have reached the WAL
      abort(group, e);
      return;
    } catch (RuntimeException e) {
      group.unknown = true;
      abort(group, new SQLException("commit failed", e)); // waiters must always be released
      return;
    }
    if (walSync == null) {
      settle(group, null);
      return;
    }
    long number = commits;
    walSync.committed(number);
    open = null; // the next writer opens a new transaction while this group waits for the disk
    SQLException failure = null;
    lock.unlock();
    try {
      walSync.await(number);
    } catch (IOException e) {
      // Committed, and readers may see it, but not durable: it may or may not survive a crash.
      group.unknown = true;
      failure = new SQLException("commit not durable: " + e.getMessage(), e);
    } finally {
      lock.lock();
    }
    settle(group, failure);
  }

  /**
   * Runs the COMMIT — SQLite's WAL fsync, milliseconds inside native code — on a platform thread
   * when the caller is a virtual thread. A virtual thread in a native call pins its carrier, and
   * there is one carrier per core: a commit on one would halve the server's capacity for every
   * other request while it lasts (JDK file I/O compensates for this; JNI does not). The session is
   * still used by one thread at a time: the caller holds the lock and waits.
   */
  private void commitOffCarrier() throws SQLException {
    // With a WalSync the COMMIT only writes the WAL (the fsync comes later, outside the lock):
    // microseconds, less than the hand-off to the committer thread costs. The exception, SQLite's
    // automatic checkpoint every 1000 WAL pages, pins one carrier for its two fsyncs.
    if (!Thread.currentThread().isVirtual() || walSync != null) {
      dialect.commit(session);
      return;
    }
    Session s = session;
    Future<Void> done = COMMITTER.submit(() -> {
      dialect.commit(s);
      return null;
    });
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the commit runs on regardless; its outcome is the group's
        } catch (ExecutionException e) {
          if (e.getCause() instanceof SQLException sql) {
            throw sql;
          }
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw (Error) e.getCause();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void abort(Group group, SQLException cause) {
    try {
      dialect.rollback(session);
    } catch (SQLException e) {
      session.markBroken(); // reopened by the next writer
    }
    settle(group, cause);
  }

  private void settle(Group group, SQLException failure) {
    group.failure = failure;
    group.done = true;
    if (open == group) {
      open = null;
    }
    committed.signalAll();
  }

  private void exec(String sql) throws SQLException {
    session.statement(sql).execute();
  }

  private static IOException rethrow(Throwable failure) throws SQLException {
    if (failure instanceof SQLException e) {
      throw e;
    }
    if (failure instanceof IOException e) {
      return e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    throw (Error) failure;
  }

  /**
   * Commits issued, write transactions run and WAL fsyncs so far (commits and transactions: the
   * grouping achieved; fsyncs equal commits without a {@link WalSync}, fewer with one).
   */
  long[] counts() {
    lock.lock();
    try {
      return new long[] {commits, transactions, walSync == null ? commits : walSync.fsyncs()};
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (session != null) {
        session.close();
        session = null;
      }
      if (walSync != null) {
        walSync.close();
      }
    } catch (IOException e) {
      // Only a descriptor's close failed: every sync that mattered has already returned.
      System.getLogger(GroupCommit.class.getName())
          .log(System.Logger.Level.WARNING, "closing the catalog's WAL descriptor failed", e);
    } finally {
      lock.unlock();
    }
  }
}
