package io.cairn.catalog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes SQLite's write-ahead log durable outside SQLite, so that the single writer need not wait
 * for the disk. The catalog runs SQLite with {@code synchronous=NORMAL}: a {@code COMMIT} writes
 * its WAL frames (with their checksums and commit marker) into the page cache and returns at once,
 * and SQLite stays crash-consistent (it fsyncs the WAL before each checkpoint and the database file
 * after). What NORMAL gives up is durability of the last commits; this class gives it back: every
 * writer waits, after its commit and outside the writer lock, for an {@code fdatasync} of the WAL
 * file that started after its commit had returned. One fsync covers every commit before it, so
 * while one group's fsync runs, the next group already executes its statements.
 *
 * <p>The fsyncs run on one platform thread of their own, back to back while commits keep coming:
 * when one ends, the next starts at once for every commit that returned meanwhile. When a waiting
 * writer ran the next fsync itself, the disk sat idle until that writer, a virtual thread, got a
 * carrier again, and with every core busy that took longer than the fsync (at 8 clients a sync
 * cycle took about 340 us against 110-130 us for the fsync alone).
 *
 * <p>Commits are numbered by the caller in the order they returned ({@link #committed}); {@link
 * #await} returns once a sync covering that number has completed. A failed fsync fails every
 * waiter then and later: after a failed fsync the kernel may have dropped the dirty pages, so
 * nothing written since can be promised (the catalog must be reopened).
 *
 * <p>The WAL's descriptor is held between syncs (opening and closing it cost a sixth of the sync
 * itself), but SQLite may remove and recreate the file when its last connection closes, and an
 * old descriptor would sync a file nobody reads: each sync first compares the file the path names
 * now with the one held, and reopens on a difference ({@link HeldWal}).
 */
final class WalSync {
  /** One fsync of the WAL. */
  interface Fsync {
    void run() throws IOException;
  }

  private final Fsync fsync;
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a writer waits for a commit the syncer has not covered yet. */
  private final Condition work = lock.newCondition();
  /** Signalled when an fsync ends, well or not. */
  private final Condition done = lock.newCondition();
  /** The number of the last commit that returned (set by the one writer, in order). */
  private volatile long committed;
  /** Every commit up to this number is durable. Guarded by lock. */
  private long synced;
  /** Guarded by lock. */
  private IOException failure;
  private boolean closed;
  private Thread syncer;
  private volatile long fsyncs;

  /** Syncs the WAL of the SQLite database file {@code database} ({@code <database>-wal}). */
  WalSync(Path database) {
    this(new HeldWal(database.resolveSibling(database.getFileName() + "-wal")));
  }

  WalSync(Fsync fsync) {
    this.fsync = fsync;
  }

  /** Records that commit number {@code number} returned; numbers rise by one per commit. */
  void committed(long number) {
    committed = number;
  }

  /** Returns once commit {@code number} is on stable storage; the sync's failure otherwise. */
  void await(long number) throws IOException {
    lock.lock();
    try {
      while (synced < number) {
        if (failure != null) {
          throw new IOException("the catalog's write-ahead log could not be synced", failure);
        }
        if (closed) {
          throw new IOException("the catalog is closed");
        }
        if (syncer == null) {
          syncer = Thread.ofPlatform().name("catalog-wal-sync").daemon(true).start(this::syncLoop);
        }
        work.signal();
        done.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The syncer: an fsync whenever a commit is not covered yet, until closed or failed. */
  private void syncLoop() {
    while (true) {
      long target;
      lock.lock();
      try {
        // Every commit numbered up to `target` had returned before this read, so its frames are
        // in the page cache and the fsync below covers them.
        while (!closed && committed <= synced) {
          work.awaitUninterruptibly();
        }
        if (closed) {
          return;
        }
        target = committed;
      } finally {
        lock.unlock();
      }
      IOException error = null;
      try {
        fsync.run();
      } catch (Throwable e) { // whatever it was, the waiters must be released and told
        error = e instanceof IOException io ? io : new IOException(e);
      }
      lock.lock();
      try {
        if (error == null) {
          synced = target;
          fsyncs++;
        } else {
          failure = error;
        }
        done.signalAll();
        if (error != null) {
          return; // nothing is synced again: every later write fails
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** fsyncs of the WAL so far. */
  long fsyncs() {
    return fsyncs;
  }

  /**
   * Stops the syncer once its fsync in flight, if any, has ended, and releases what it holds (the
   * WAL's descriptor). Writers waiting then fail; call it once no write is under way.
   */
  void close() throws IOException {
    Thread running;
    lock.lock();
    try {
      closed = true;
      work.signalAll();
      done.signalAll();
      running = syncer;
    } finally {
      lock.unlock();
    }
    if (running != null) {
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // the descriptor stays open until the process ends; nothing is lost
      }
    }
    if (fsync instanceof HeldWal held) {
      held.close();
    }
  }

  /**
   * fdatasync of a WAL file through a descriptor held from one sync to the next, reopened when the
   * path names another file than the one open (by its file key: device and inode). If SQLite
   * replaces the file between the check and the fsync, the fsync reaches the old one; that is
   * safe, because SQLite removes a WAL only after checkpointing all of it into the database file
   * and syncing that. Called by the syncer thread only (and by close once it has ended).
   */
  static final class HeldWal implements Fsync {
    private final Path wal;
    private FileChannel channel;
    private Object fileKey;
    private long opens;

    HeldWal(Path wal) {
      this.wal = wal;
    }

    @Override
    public void run() throws IOException {
      Object key = Files.readAttributes(wal, BasicFileAttributes.class).fileKey();
      if (channel == null || key == null || !key.equals(fileKey)) {
        close();
        channel = FileChannel.open(wal, StandardOpenOption.WRITE);
        fileKey = key;
        opens++;
      }
      channel.force(false);
    }

    /** How often the WAL was opened (tests). */
    long opens() {
      return opens;
    }

    void close() throws IOException {
      if (channel != null) {
        FileChannel open = channel;
        channel = null;
        fileKey = null;
        open.close();
      }
    }
  }
}
