package io.cairn.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One compaction of one sealed segment, in the order {@link LiveRecords} prescribes: ask, copy
 * forward, sync, repoint, persist, and only then delete. Until the delete both copies of every
 * live record exist with the same sequence number, so a crash at any step loses nothing; the
 * worst it leaves is duplicates, which readers of the log tolerate (see {@link RecordLog#scan}).
 */
final class Compaction {
  private record Move(RecordHeader header, Locator from, Locator to) {}

  private final SegmentLog log;
  private final Segment segment;
  private final LiveRecords owner;

  Compaction(SegmentLog log, Segment segment, LiveRecords owner) {
    this.log = log;
    this.segment = segment;
    this.owner = owner;
  }

  /** Returns the bytes reclaimed: the segment file's size minus the bytes of the live copies. */
  long run() throws IOException {
    List<Move> live = new ArrayList<>();
    log.scanner().scan(segment, segment.end(), false, (header, at) -> {
      if (owner.isLive(header, at)) {
        live.add(new Move(header, at, null));
      }
    });
    List<Move> moves = new ArrayList<>(live.size());
    long copied = 0;
    ByteBuffer payload = ByteBuffer.allocate(0);
    for (Move m : live) {
      int length = m.from().payloadLength();
      if (payload.capacity() < length) {
        payload = ByteBuffer.allocate(length);
      }
      payload.clear().limit(length);
      log.read(m.from(), 0, payload);
      payload.flip();
      moves.add(new Move(m.header(), m.from(), log.appendCopy(m.header(), payload)));
      copied += RecordFormat.recordSize(length);
    }
    // The owner may repoint only to copies that survive a crash.
    log.sync();
    for (Move m : moves) {
      owner.relocate(m.header(), m.from(), m.to());
    }
    owner.persistRelocations();
    long fileBytes = log.medium().length(Segment.logName(segment.id));
    // A file kept as a spare still holds its disk space, for the next segment: what the log got
    // back is its records' bytes (the file may be longer, from an earlier life).
    long reclaimed = Math.max(0, (log.delete(segment, fileBytes) ? segment.end() : fileBytes) - copied);
    log.compacted(moves.size(), reclaimed);
    return reclaimed;
  }
}
