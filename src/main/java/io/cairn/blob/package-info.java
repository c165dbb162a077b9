/**
 * Blobs: sparse, versioned byte spaces with O(1) snapshots and clones, the one data model under
 * objects, volumes and images. The contract is {@link io.cairn.blob.BlobStore}; the implementation
 * is {@link io.cairn.blob.LogBlobStore} over a {@link io.cairn.log.RecordLog}.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults());
 * LogBlobStore blobs = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), scheduler);
 * ...
 * blobs.close(); log.close(); medium.close();   // the store owns neither log nor medium
 * }</pre>
 *
 * The scheduler (a {@code ScheduledExecutorService} with its own threads; null for none) runs
 * checkpoints every {@link io.cairn.blob.BlobStoreConfig#checkpointBytes()} appended bytes or
 * {@link io.cairn.blob.BlobStoreConfig#checkpointInterval()}. Nothing compacts by itself: the
 * server calls {@link io.cairn.blob.BlobStore#compact()} when it sees fit (for example when
 * {@link io.cairn.blob.StoreStats} shows much dead space).
 *
 * <h2>Content: a persistent extent map</h2>
 *
 * A blob's content is an {@link io.cairn.blob.ExtentMap}: an immutable treap from logical ranges
 * to (record locator, offset in its payload). A range not in the map is a hole and reads as zeros;
 * {@code zero()} and shrinking {@code resize()} punch holes, so there are no zero entries. A write
 * appends DATA records (split at {@link io.cairn.blob.BlobStoreConfig#recordPayload()}) and
 * publishes a new map that shares every untouched node with the old one; unaligned writes just
 * cut their neighbours, no read-modify-write. A snapshot keeps the current map: O(1), no node
 * allocated. A clone is a new blob whose head starts as a version's map: O(1). {@code link()}
 * copies a range's entries (locators), never bytes.
 *
 * <h2>Records</h2>
 *
 * Every record's owner is the blob id; the log assigns the sequence. DATA (bytes at a logical
 * offset), ZERO (a range becomes a hole, no payload), BLOB_EVENT (create, clone, resize, snapshot,
 * delete, deleteVersion, link; a small versioned binary payload, see {@code BlobEvent}; a link
 * event carries the resulting entries, so replay needs no other state) and CHECKPOINT (see {@code
 * Checkpoint}). Each mutation appends its record and publishes the new head under the blob's
 * monitor, so the map changes in log-sequence order, the order recovery replays.
 *
 * <h2>Durability</h2>
 *
 * A write, zero, resize or link is durable after a following {@code sync()} (group commit in the
 * log). create, cloneOf, snapshot, delete and deleteVersion sync before returning; a snapshot's
 * sync also covers every write that returned before it.
 *
 * <h2>Recovery</h2>
 *
 * Open loads the newest checkpoint named by the manifest index ({@code blobstore-manifest-*.idx}
 * on the medium: fixed-size CRC'd pointers, rolled to a new file at every open) and replays the
 * non-checkpoint records with a higher sequence, sorted by sequence and de-duplicated (compaction
 * copies keep their sequence, and a crash mid-compaction leaves both copies). Replay is in global
 * order, so a clone event finds its source version as it was, even if that version was deleted
 * later: a deleted version is needed by replay only until the next checkpoint, which holds the
 * clone's own map; compaction always checkpoints first, so no hidden versions are kept.
 *
 * <h2>Checkpoints</h2>
 *
 * A checkpoint cuts a consistent state under the store's exclusive mutation lock (a pointer copy
 * per blob), then writes outside it: maps of more than 16 entries as map-part records (reused
 * unchanged from the previous checkpoint when the map object is the same), small maps inline in
 * the manifest parts, then the manifest; syncs; publishes the pointer. Cost per checkpoint: the
 * changed large maps plus O(blobs) manifest bytes.
 *
 * <h2>Compaction</h2>
 *
 * {@code compact()} checkpoints, computes the live bytes of every sealed segment (shared map
 * structure walked once) and hands segments below the threshold to {@link
 * io.cairn.log.RecordLog#compact}. Live: every record past the checkpoint; data referenced by a
 * head, a retained version or the checkpoint's maps; the checkpoint's own records. Relocations
 * are applied to every map under the exclusive lock (O(entries)), then a new checkpoint is
 * written before the log deletes the old segment. A reader holding a map from before the move
 * retries with the new map if its read fails.
 *
 * <h2>Threading</h2>
 *
 * Everything is thread safe. Reads take no lock. Mutations of one blob are serialized by its
 * monitor (append + publish only; syncs are outside), mutations of different blobs run in
 * parallel. Checkpoints and compactions run one at a time and block mutations only for their
 * pointer-copy or repointing steps.
 *
 * <h2>Memory</h2>
 *
 * A blob costs its {@code BlobEntry} (id, head, flag), an immutable {@code Head} record and its
 * map's nodes (about 100 bytes per extent with the locator), about 250 bytes for a one-extent
 * object. Maps are immutable values reachable only through heads and versions, so a sealed
 * blob's map could later be replaced by a handle that reloads it from its checkpoint parts.
 */
package io.cairn.blob;
