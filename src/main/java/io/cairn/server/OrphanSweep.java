package io.cairn.server;

import io.cairn.blob.BlobStore;
import io.cairn.blob.NoSuchBlobException;
import io.cairn.catalog.Catalog;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes blobs no catalog row refers to. Services write a blob, sync it, then commit the catalog
 * row that names it; a crash between the two leaves the blob behind, and so does a restart that
 * forgets a delayed deletion. Run at start, before any listener accepts a request, so no blob of a
 * request in flight can be taken for garbage.
 *
 * <p>A guard keeps a wrong configuration from destroying data: if most of the store looks orphaned
 * (say the server was pointed at an empty catalog), nothing is deleted and the mismatch is logged.
 */
final class OrphanSweep {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanSweep.class);
  /** Orphans tolerated before the guard asks whether the catalog is the right one. */
  static final int GUARD_MIN = 100;

  private OrphanSweep() {}

  /** Returns the number of blobs deleted. */
  static int sweep(Catalog catalog, BlobStore blobs) throws IOException {
    Set<Long> referenced = catalog.referencedBlobIds();
    List<Long> orphans = blobs.blobIds().stream().filter(id -> !referenced.contains(id)).toList();
    if (orphans.isEmpty()) {
      return 0;
    }
    int total = blobs.blobIds().size();
    if (orphans.size() > GUARD_MIN && orphans.size() * 2 > total) {
      LOG.error("{} of {} blobs are referenced by no catalog row: is the catalog setting right? Nothing deleted.",
          orphans.size(), total);
      return 0;
    }
    int deleted = 0;
    for (long id : orphans) {
      try {
        blobs.delete(id);
        deleted++;
      } catch (NoSuchBlobException gone) {
        // deleted meanwhile: nothing to do
      }
    }
    LOG.info("Deleted {} orphaned blob(s) left by an interrupted request or a pending deletion", deleted);
    return deleted;
  }
}
