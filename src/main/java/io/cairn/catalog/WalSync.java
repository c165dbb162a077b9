package io.cairn.catalog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * <p>Commits are numbered by the caller in the order they returned ({@link #committed}); {@link
 * #await} returns once a sync covering that number has completed. A failed fsync fails every
 * waiter then and later: after a failed fsync the kernel may have dropped the dirty pages, so
 * nothing written since can be promised (the catalog must be reopened).
 *
 * <p>The WAL file is opened for each sync rather than held: SQLite may remove and recreate it
 * (when the last connection closes), and an old descriptor would sync a file nobody reads.
 */
final class WalSync {
  /** One fsync of the WAL. */
  interface Fsync {
    void run() throws IOException;
  }

  private final Fsync fsync;
  private final ReentrantLock syncing = new ReentrantLock();
  /** The number of the last commit that returned (set by the one writer, in order). */
  private volatile long committed;
  /** Every commit up to this number is durable. */
  private volatile long synced;
  private volatile IOException failure;
  private volatile long fsyncs;

  /** Syncs the WAL of the SQLite database file {@code database} ({@code <database>-wal}). */
  WalSync(Path database) {
    this(() -> {
      Path wal = database.resolveSibling(database.getFileName() + "-wal");
      try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
        channel.force(false);
      }
    });
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
    while (synced < number) {
      syncing.lock();
      try {
        if (failure != null) {
          throw new IOException("the catalog's write-ahead log could not be synced", failure);
        }
        if (synced >= number) {
          break;
        }
        // Every commit numbered up to `target` had returned before this read, so its frames are
        // in the page cache and the fsync below covers them.
        long target = committed;
        try {
          fsync.run();
        } catch (IOException e) {
          failure = e;
          throw new IOException("the catalog's write-ahead log could not be synced", e);
        }
        fsyncs++;
        synced = target;
      } finally {
        syncing.unlock();
      }
    }
  }

  /** fsyncs of the WAL so far. */
  long fsyncs() {
    return fsyncs;
  }
}
