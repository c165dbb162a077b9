package io.cairn.objects;

import io.cairn.blob.BlobStore;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the blobs of objects that were overwritten or deleted, after a grace period: a GET that
 * read the old catalog entry just before the switch keeps streaming the bytes it started with
 * instead of failing half way. A crash, or a {@link #close()}, inside the grace period leaks the
 * blob (the catalog no longer references it; orphan collection over {@link BlobStore#blobIds()}
 * reclaims it), never loses a live one. Thread safe.
 */
public final class BlobRetirement implements AutoCloseable {
  private final BlobStore blobs;
  private final Duration grace;
  private final ScheduledThreadPoolExecutor scheduler;

  private BlobRetirement(BlobStore blobs, Duration grace) {
    this.blobs = blobs;
    this.grace = grace;
    if (grace.isZero()) {
      this.scheduler = null;
    } else {
      this.scheduler = new ScheduledThreadPoolExecutor(1,
          Thread.ofPlatform().name("blob-retirement").daemon(true).factory());
      // At close, deletions still waiting are dropped (leaked), never run against a closing store.
      scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }
  }

  /** Deletes at once: for tools and tests with no concurrent readers. */
  public static BlobRetirement immediate(BlobStore blobs) {
    return new BlobRetirement(blobs, Duration.ZERO);
  }

  /** Deletes {@code grace} after retirement, on a thread of its own. */
  public static BlobRetirement after(BlobStore blobs, Duration grace) {
    return new BlobRetirement(blobs, grace);
  }

  /**
   * Schedules the deletion of a blob no catalog entry references any more; blob id 0 (an inline
   * object or a delete marker: no blob) is nothing to delete.
   */
  void retire(long blobId) {
    if (blobId == 0) {
      return;
    }
    if (scheduler == null) {
      BlobWriter.deleteQuietly(blobs, blobId);
    } else {
      scheduler.schedule(() -> BlobWriter.deleteQuietly(blobs, blobId), grace.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Drops the deletions still waiting and lets a running one finish. Never interrupts: an
   * interrupted FileChannel operation closes the channel under the log.
   */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
