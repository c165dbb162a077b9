package io.cairn.blob;

import io.cairn.log.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A life-cycle change of one blob, stored as a {@link io.cairn.log.RecordKind#BLOB_EVENT} record
 * owned by that blob. Each event carries everything its replay needs, so recovery reads no other
 * state than the blob's (and, for a clone, its source version's) earlier records.
 */
sealed interface BlobEvent {

  record Create(long size) implements BlobEvent {}

  /** The owner is a new blob whose content is version {@code version} of {@code source}. */
  record Clone(long source, long version) implements BlobEvent {}

  record Resize(long size) implements BlobEvent {}

  record Snapshot(long version) implements BlobEvent {}

  record Delete() implements BlobEvent {}

  record DeleteVersion(long version) implements BlobEvent {}

  /**
   * [offset, offset+length) now maps to {@code entries} (absolute offsets in the owner, sorted,
   * inside the range); the rest of the range is a hole.
   */
  record Link(long offset, long length, List<ExtentMap.Entry> entries) implements BlobEvent {}

  static BlobEvent decode(ByteBuffer payload) throws CorruptRecordException {
    Payload.Reader r = new Payload.Reader(payload, "blob event");
    int type = r.u8();
    BlobEvent e =
        switch (type) {
          case 1 -> new Create(r.varLong());
          case 2 -> new Clone(r.varLong(), r.varLong());
          case 3 -> new Resize(r.varLong());
          case 4 -> new Snapshot(r.varLong());
          case 5 -> new Delete();
          case 6 -> new DeleteVersion(r.varLong());
          case 7 -> {
            long off = r.varLong();
            long len = r.varLong();
            int n = r.varInt();
            List<ExtentMap.Entry> entries = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
              entries.add(r.entry());
            }
            yield new Link(off, len, entries);
          }
          default -> throw new CorruptRecordException("unknown blob event type " + type);
        };
    r.expectEnd();
    return e;
  }

  private static Payload.Writer start(int type) {
    return new Payload.Writer().u8(type);
  }

  static ByteBuffer encode(BlobEvent e) {
    return switch (e) {
      case Create c -> start(1).varLong(c.size()).toBuffer();
      case Clone c -> start(2).varLong(c.source()).varLong(c.version()).toBuffer();
      case Resize r -> start(3).varLong(r.size()).toBuffer();
      case Snapshot s -> start(4).varLong(s.version()).toBuffer();
      case Delete d -> start(5).toBuffer();
      case DeleteVersion d -> start(6).varLong(d.version()).toBuffer();
      case Link l -> {
        Payload.Writer w = start(7).varLong(l.offset()).varLong(l.length()).varLong(l.entries().size());
        for (ExtentMap.Entry en : l.entries()) {
          w.entry(en);
        }
        yield w.toBuffer();
      }
    };
  }
}
