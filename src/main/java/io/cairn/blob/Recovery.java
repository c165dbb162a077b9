package io.cairn.blob;

import io.cairn.log.CorruptRecordException;
import io.cairn.log.Locator;
import io.cairn.log.RecordHeader;
import io.cairn.log.RecordKind;
import io.cairn.log.RecordLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds every blob from the newest checkpoint plus the records after it.
 *
 * <p>Records are replayed in global sequence order, not segment order: compaction copies old
 * records into new segments (keeping their sequence), and a crash during compaction can leave
 * both copies, so the tail is collected, sorted by sequence and de-duplicated. Global order (not
 * per blob) matters for clones: a clone event must see its source version as it was then, and
 * that version may be deleted by a later event.
 */
final class Recovery {

  /** The recovered state; {@code base} is the checkpoint it started from (null if none). */
  record Result(Map<Long, Head> blobs, long nextBlobId, Checkpoint.Loaded base, long replayed) {}

  private record Tail(RecordHeader header, Locator at) {}

  private Recovery() {}

  static Result run(RecordLog log, Checkpoint.Loaded base) throws IOException {
    Map<Long, Head> blobs = new HashMap<>();
    long after = 0;
    long nextBlobId = 1;
    if (base != null) {
      for (Checkpoint.Image img : base.blobs()) {
        blobs.put(img.id(), img.head());
      }
      after = base.sequence();
      nextBlobId = base.nextBlobId();
    }
    List<Tail> tail = new ArrayList<>();
    long from = after;
    log.scanAfter(
        after,
        (h, at) -> {
          if (h.sequence() > from && h.kind() != RecordKind.CHECKPOINT) {
            tail.add(new Tail(h, at));
          }
        });
    tail.sort(Comparator.comparingLong(t -> t.header().sequence()));
    long lastSeq = -1;
    long replayed = 0;
    for (Tail t : tail) {
      RecordHeader h = t.header();
      if (h.sequence() == lastSeq) {
        continue;
      }
      lastSeq = h.sequence();
      nextBlobId = Math.max(nextBlobId, h.owner() + 1);
      apply(log, blobs, h, t.at());
      replayed++;
    }
    return new Result(blobs, nextBlobId, base, replayed);
  }

  private static void apply(RecordLog log, Map<Long, Head> blobs, RecordHeader h, Locator at) throws IOException {
    long id = h.owner();
    switch (h.kind()) {
      case DATA -> blobs.put(id, existing(blobs, h).write(h.logicalOffset(), h.logicalLength(), at, 0));
      case ZERO -> blobs.put(id, existing(blobs, h).zero(h.logicalOffset(), h.logicalLength()));
      case BLOB_EVENT -> {
        BlobEvent event = BlobEvent.decode(Checkpoint.read(log, at));
        switch (event) {
          case BlobEvent.Create c -> blobs.put(id, Head.created(c.size()));
          case BlobEvent.Clone c -> {
            Head src = blobs.get(c.source());
            Head.Version v = src == null ? null : src.version(c.version());
            if (v == null) {
              throw new CorruptRecordException(
                  "record " + h.sequence() + ": clone of missing version " + c.source() + "/" + c.version());
            }
            blobs.put(id, Head.cloned(v));
          }
          case BlobEvent.Resize r -> blobs.put(id, existing(blobs, h).resize(r.size()));
          case BlobEvent.Snapshot s -> blobs.put(id, existing(blobs, h).snapshot(s.version()));
          case BlobEvent.Delete d -> {
            existing(blobs, h);
            blobs.remove(id);
          }
          case BlobEvent.DeleteVersion d -> blobs.put(id, existing(blobs, h).deleteVersion(d.version()));
          case BlobEvent.Link l -> blobs.put(id, existing(blobs, h).link(l.offset(), l.length(), l.entries()));
        }
      }
      case CHECKPOINT -> throw new IllegalStateException("checkpoint records are not replayed");
    }
  }

  private static Head existing(Map<Long, Head> blobs, RecordHeader h) throws CorruptRecordException {
    Head head = blobs.get(h.owner());
    if (head == null) {
      throw new CorruptRecordException(
          "record " + h.sequence() + " (" + h.kind() + ") for unknown blob " + h.owner());
    }
    return head;
  }
}
