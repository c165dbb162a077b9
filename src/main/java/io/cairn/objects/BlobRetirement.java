package io.cairn.objects;

import io.cairn.blob.BlobStore;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the blobs of objects that were overwritten or deleted, after a grace period: a GET that
 * read the old catalog entry just before the switch keeps streaming the bytes it started with
 * instead of failing half way. A crash inside the grace period leaks the blob (the catalog no
 * longer references it; orphan collection over {@link BlobStore#blobIds()} reclaims it), never
 * loses a live one. Thread safe.
 */
public final class BlobRetirement {
  private final BlobStore blobs;
  private final Duration grace;
  private final ScheduledExecutorService scheduler;

  /** @param scheduler runs the delayed deletions; null with a zero grace (delete at once) */
  public BlobRetirement(BlobStore blobs, Duration grace, ScheduledExecutorService scheduler) {
    if (!grace.isZero() && scheduler == null) {
      throw new IllegalArgumentException("a grace period needs a scheduler");
    }
    this.blobs = blobs;
    this.grace = grace;
    this.scheduler = scheduler;
  }

  /** Deletes at once: for tests and tools with no concurrent readers. */
  public static BlobRetirement immediate(BlobStore blobs) {
    return new BlobRetirement(blobs, Duration.ZERO, null);
  }

  /** Schedules the deletion of a blob no catalog entry references any more. */
  void retire(long blobId) {
    if (grace.isZero()) {
      BlobWriter.deleteQuietly(blobs, blobId);
    } else {
      scheduler.schedule(() -> BlobWriter.deleteQuietly(blobs, blobId), grace.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }
}
