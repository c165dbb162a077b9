package io.cairn.blob;

/**
 * One blob in memory: its id and current {@link Head}. Kept small (a million small objects are a
 * million blobs). Mutations synchronize on the entry, so its monitor is the per-blob write lock
 * that keeps the map's order equal to the log's sequence order.
 */
final class BlobEntry {
  final long id;
  private volatile Head head;
  private volatile boolean deleted;

  BlobEntry(long id, Head head) {
    this.id = id;
    this.head = head;
  }

  Head head() {
    return head;
  }

  /** The head, or {@link NoSuchBlobException} once the blob is deleted. */
  Head live() throws NoSuchBlobException {
    if (deleted) {
      throw new NoSuchBlobException("blob " + id + " is deleted");
    }
    return head;
  }

  /** Callers hold the entry's monitor (or the store's exclusive mutation lock). */
  void set(Head h) {
    head = h;
  }

  void markDeleted() {
    deleted = true;
  }

  boolean deleted() {
    return deleted;
  }
}
