package io.cairn.objects;

import java.io.IOException;

/**
 * The last step of every write of an object (PUT, inline PUT, encrypted PUT, copy, compose,
 * metadata update): the new version's entry goes into the catalog in one transaction with its
 * Object Lock state, then the blob it replaced is retired. Its own blob (if any) is synced
 * before this is called; if the commit fails, that blob is deleted, so a failed write leaves
 * nothing behind; if it is not known whether the commit happened, the blob stays (see {@link
 * BlobWriter#deleteAfterFailedCommit}).
 */
final class VersionCommit {
  private VersionCommit() {}

  /** {@link #commit(ObjectService, ObjectEntry, WriteCondition, ObjectLock.Requested)}, no lock asked. */
  static ObjectEntry commit(ObjectService objects, ObjectEntry entry, WriteCondition condition)
      throws IOException {
    return commit(objects, entry, condition, null);
  }

  /**
   * Commits {@code entry} if {@code condition} accepts the current object, its version starting
   * with the Object Lock state {@code lock} asks for (null: the bucket's default retention) in
   * the same transaction.
   */
  static ObjectEntry commit(ObjectService objects, ObjectEntry entry, WriteCondition condition,
      ObjectLock.Requested lock) throws IOException {
    ObjectCatalog.Stored stored;
    try {
      stored = objects.catalog().putObject(entry, condition,
          new ObjectLock(objects).initialLock(entry.bucket(), lock));
    } catch (IOException | RuntimeException e) {
      BlobWriter.deleteAfterFailedCommit(objects.blobs(), entry.blobId(), e);
      throw e;
    }
    stored.replaced().ifPresent(old -> objects.retirement().retire(old.blobId()));
    ObjectEntry e = stored.entry();
    if (e.inline() != null) {
      objects.inlineStats().put();
    }
    return e;
  }
}
