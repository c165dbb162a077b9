package io.cairn.log;

import java.io.IOException;

/**
 * The owner's side of compaction: the log asks which records still matter, copies those forward,
 * and tells the owner where they went. Implemented by the blob store.
 *
 * <p>Order of calls for one segment: {@link #isLive} for every record; the live ones are appended
 * to the head of the log and synced; {@link #relocate} for each of them; {@link
 * #persistRelocations()}; only then is the old segment deleted. A crash at any point leaves either
 * the old copy or a durably recorded new one reachable.
 */
public interface LiveRecords {

  /** True if some retained state still reads this record at this locator. */
  boolean isLive(RecordHeader header, Locator at) throws IOException;

  /** The record at {@code from} now also lives, byte for byte, at {@code to}; repoint to it. */
  void relocate(RecordHeader header, Locator from, Locator to) throws IOException;

  /** Makes every relocation so far survive a crash (for example by writing checkpoints). */
  void persistRelocations() throws IOException;
}
