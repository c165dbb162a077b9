package io.cairn.blob;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Sparse, versioned byte spaces over a {@link io.cairn.log.RecordLog}: the one data model under
 * objects, volumes and images.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Ids</b> are positive, never reused, and survive restarts (except the id of a blob from
 *       {@link #createUnsynced} that no sync covered before a crash: nothing can refer to it).
 *   <li><b>O(1) versions</b>: {@link Blob#snapshot()} and {@link #cloneOf} take time independent of
 *       the blob's size and number of extents; a clone shares all data with its source
 *       copy-on-write.
 *   <li><b>Durability</b>: a write, resize or link is durable once a {@link #sync()} (or {@link
 *       Blob#sync()}) that started after it returned. {@link #create}, {@link #cloneOf}, {@link
 *       Blob#snapshot()}, {@link #delete} and {@link #deleteVersion} are durable on return, and a
 *       snapshot contains every write that returned before it was called.
 *   <li><b>Space</b>: deleting blobs and versions releases their bytes through {@link #compact()}.
 *   <li><b>Missing</b>: {@link NoSuchBlobException} for an unknown or deleted blob or version.
 *   <li><b>Thread safety</b>: everything is safe for concurrent use; operations on different blobs
 *       proceed in parallel.
 * </ul>
 */
public interface BlobStore extends Closeable {

  /** A new empty blob of the given logical size (reads as zeros). */
  Blob create(long size) throws IOException;

  /**
   * A new empty blob, as {@link #create}, except that its creation is not synced on return: it
   * becomes durable with the first {@link #sync()} (or {@link Blob#sync()}) that starts after this
   * returns, together with the writes before it. For writers that sync the blob anyway before
   * anyone learns its id (an object's body): one fsync per blob instead of two. A crash before
   * that sync forgets the blob, and its id may be given out again after the restart, so the id
   * must not be recorded anywhere durable before the sync.
   */
  default Blob createUnsynced(long size) throws IOException {
    return create(size);
  }

  /** An existing blob's head. */
  Blob open(long blobId) throws IOException;

  /** A new blob whose content is {@code version}'s, sharing its data copy-on-write. O(1). */
  Blob cloneOf(BlobVersion version) throws IOException;

  /** A retained version of a blob. */
  BlobVersion version(long blobId, long versionNumber) throws IOException;

  /** The retained versions of a blob, oldest first. */
  List<BlobVersion> versions(long blobId) throws IOException;

  /** Deletes a blob's head and all its versions (clones made from them stay intact). */
  void delete(long blobId) throws IOException;

  /** Deletes one version (clones made from it stay intact). */
  void deleteVersion(BlobVersion version) throws IOException;

  /** Group commit for every blob of this store: durable all writes that returned before the call. */
  void sync() throws IOException;

  /** Writes checkpoints so that recovery need not replay the log from the start. */
  void checkpoint() throws IOException;

  /** Compacts segments whose live fraction is below the configured threshold; returns bytes freed. */
  long compact() throws IOException;

  /** Ids of all live blobs (for orphan collection by the services above). */
  List<Long> blobIds() throws IOException;

  StoreStats stats() throws IOException;
}
