package io.cairn.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed-capacity pool of {@link Session}s opened lazily from a connection source. A pool of
 * capacity one is how SQLite's single writer is serialized in-process: write transactions queue for
 * the writer session instead of fighting over the database lock. Uses {@link ReentrantLock} so
 * waiting virtual threads do not pin their carriers.
 */
final class SessionPool implements AutoCloseable {

  /** Opens a new, configured connection. */
  interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private final ConnectionSource source;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final Deque<Session> idle = new ArrayDeque<>();
  private final List<Session> all = new ArrayList<>();
  private int opened;
  private boolean closed;

  SessionPool(ConnectionSource source, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.source = source;
    this.capacity = capacity;
  }

  Session borrow() throws SQLException, CatalogException {
    lock.lock();
    try {
      while (true) {
        if (closed) {
          throw new CatalogException("catalog is closed");
        }
        Session session = idle.pollFirst();
        if (session != null) {
          return session;
        }
        if (opened < capacity) {
          opened++;
          break;
        }
        available.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    // Open outside the lock: connecting can be slow and must not block other borrowers.
    try {
      Session session = new Session(source.open());
      lock.lock();
      try {
        all.add(session);
      } finally {
        lock.unlock();
      }
      return session;
    } catch (SQLException | RuntimeException e) {
      lock.lock();
      try {
        opened--;
        available.signal();
      } finally {
        lock.unlock();
      }
      throw e;
    }
  }

  void release(Session session) {
    lock.lock();
    try {
      if (session.broken() || closed) {
        all.remove(session);
        opened--;
        session.close();
      } else {
        idle.addFirst(session); // most recently used first: warm statement caches
      }
      available.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Closes idle sessions now and busy ones when they are released. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      for (Session session : idle) {
        all.remove(session);
        opened--;
        session.close();
      }
      idle.clear();
      available.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code timeoutMillis} for borrowed sessions to come back (for orderly close). */
  boolean awaitQuiescent(long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      while (opened > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          available.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
