package io.cairn.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Volume snapshots. Ids are {@code snap-} and 17 random hex digits. Every mutation is one
 * transaction, durable when it returns (so CreateSnapshot may report success once {@link #complete}
 * returned). Safe for concurrent use. Unknown ids fail with {@link NotFoundException}.
 */
public interface Snapshots {

  /**
   * A new {@code PENDING} snapshot of a volume, recording the volume's current size and blob.
   *
   * @throws NotFoundException if there is no such volume
   */
  Snapshot create(String volumeId, String owner, String description, Map<String, String> tags)
      throws CatalogException;

  Optional<Snapshot> find(String id) throws CatalogException;

  /** @throws NotFoundException if there is no such snapshot */
  Snapshot get(String id) throws CatalogException;

  /** All snapshots ordered by id. */
  List<Snapshot> list() throws CatalogException;

  List<Snapshot> listByOwner(String owner) throws CatalogException;

  List<Snapshot> listByVolume(String volumeId) throws CatalogException;

  /** @throws ConflictException unless {@code PENDING} */
  Snapshot setProgress(String id, int percent) throws CatalogException;

  /**
   * Records the blob version taken and marks the snapshot {@code COMPLETED} at 100%.
   *
   * @throws ConflictException unless {@code PENDING}
   */
  Snapshot complete(String id, long blobId, long blobVersion) throws CatalogException;

  /** Marks the snapshot {@code ERROR}. @throws ConflictException unless {@code PENDING} */
  Snapshot fail(String id, String reason) throws CatalogException;

  Snapshot setTags(String id, Map<String, String> tags) throws CatalogException;

  /** Removes the row and returns it (its blob version is the caller's to delete). */
  Snapshot delete(String id) throws CatalogException;
}
