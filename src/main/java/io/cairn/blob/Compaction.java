package io.cairn.blob;

import io.cairn.log.LiveRecords;
import io.cairn.log.Locator;
import io.cairn.log.RecordHeader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The store's answers while the log compacts one segment.
 *
 * <p>A record is live when recovery or a reader may still need it:
 *
 * <ul>
 *   <li>any record after the durable checkpoint's sequence (replay needs the tail; kept whole, so
 *       no unsynced overwrite can make a synced record look dead);
 *   <li>a data record some map references: a head, a retained version, or a map of the durable
 *       checkpoint (recovery starts from those);
 *   <li>a checkpoint record of the durable checkpoint.
 * </ul>
 *
 * Events and zero records at or before the checkpoint are folded into it and are dead. {@code
 * referenced} is computed once before the log starts: the segment is sealed, so maps can only lose
 * references into it, never gain new ones (link copies existing references), and a superset is
 * safe.
 */
final class Compaction implements LiveRecords {
  private final LogBlobStore store;
  private final Maintenance maintenance;
  private final Set<Locator> referenced;
  private final Map<Locator, Locator> moves = new HashMap<>();

  Compaction(LogBlobStore store, Maintenance maintenance, Set<Locator> referenced) {
    this.store = store;
    this.maintenance = maintenance;
    this.referenced = referenced;
  }

  @Override
  public boolean isLive(RecordHeader header, Locator at) {
    Checkpoint.Loaded cut = maintenance.cut();
    if (cut == null || header.sequence() > cut.sequence()) {
      return true;
    }
    return switch (header.kind()) {
      case DATA -> referenced.contains(at);
      case CHECKPOINT -> cut.records().contains(at);
      case ZERO, BLOB_EVENT -> false;
    };
  }

  @Override
  public void relocate(RecordHeader header, Locator from, Locator to) {
    moves.put(from, to);
  }

  @Override
  public void persistRelocations() throws IOException {
    if (moves.isEmpty()) {
      return; // dropping dead records needs no new checkpoint
    }
    store.applyRelocations(moves);
    maintenance.relocateCut(moves);
    maintenance.checkpoint();
    moves.clear();
  }
}
