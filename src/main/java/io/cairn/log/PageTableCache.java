package io.cairn.log;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Page CRC tables of records whose header a read has verified, so that the next small read of the
 * same record fetches only the pages it touches: one medium read instead of two for a 4 KiB read
 * deep inside a 1 MiB record. Every page is still verified against its CRC; what the cache saves
 * is re-reading and re-verifying the header that vouches for the table.
 *
 * <p>Direct-mapped and lock-free: a slot holds one record's table and a colliding record replaces
 * it. Bounded by {@link #SLOTS} tables (at most 1 KiB each for a 1 MiB record). Segment ids are
 * never reused, so a table of a compacted-away record is just never asked for again.
 */
final class PageTableCache {
  static final int SLOTS = 4096;

  private record Entry(Locator at, int[] crcs) {}

  private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

  /** The verified page CRCs of the record at {@code at}, or null. */
  int[] get(Locator at) {
    Entry e = slots.get(slot(at));
    return e != null && e.at().equals(at) ? e.crcs() : null;
  }

  void put(Locator at, int[] crcs) {
    slots.set(slot(at), new Entry(at, crcs));
  }

  private static int slot(Locator at) {
    long h = at.segment() * 0x9E3779B97F4A7C15L + at.offset();
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (int) (h & (SLOTS - 1));
  }
}
