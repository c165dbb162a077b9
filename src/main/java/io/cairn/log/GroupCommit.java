package io.cairn.log;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Many syncs, few physical syncs. Every append takes a ticket (a count of appends); {@code durable}
 * is the highest ticket known to be on stable storage. A caller whose ticket is covered returns at
 * once. Otherwise, if no commit is under way it becomes the leader and runs one, which covers every
 * append made before it began; if one is under way it waits for it to end and checks again.
 * Followers wait on a condition, not on a lock behind the next leader, so a commit that covers them
 * frees them even if another commit starts at once.
 */
final class GroupCommit {

  /** One physical commit; returns the ticket it made durable. */
  @FunctionalInterface
  interface Commit {
    long run() throws IOException;
  }

  @FunctionalInterface
  interface Work {
    void run() throws IOException;
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ended = lock.newCondition();
  private final AtomicLong durable = new AtomicLong();
  private boolean busy; // guarded by lock: a commit (or exclusive work) is under way

  /**
   * Returns once {@code ticket} is durable, running {@code commit} as leader as often as needed. A
   * leader's exception goes to the leader; followers then lead a commit of their own (which, on a
   * log that failed, throws too).
   */
  void await(long ticket, Commit commit) throws IOException {
    if (durable.get() >= ticket) {
      return;
    }
    lock.lock();
    try {
      while (durable.get() < ticket) {
        if (busy) {
          ended.awaitUninterruptibly();
          continue;
        }
        busy = true;
        lock.unlock();
        try {
          long covered = commit.run();
          durable.accumulateAndGet(covered, Math::max);
        } finally {
          lock.lock();
          busy = false;
          ended.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} while no commit is under way and none can start. */
  void exclusive(Work work) throws IOException {
    lock.lock();
    try {
      while (busy) {
        ended.awaitUninterruptibly();
      }
      busy = true;
    } finally {
      lock.unlock();
    }
    try {
      work.run();
    } finally {
      lock.lock();
      try {
        busy = false;
        ended.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
