package io.cairn.log;

/**
 * An owner none of whose records is live: compacting a segment with it copies nothing and frees
 * the segment whole (tests and benchmarks that need spare segments or empty ones gone).
 */
public enum NothingLive implements LiveRecords {
  OWNER;

  @Override
  public boolean isLive(RecordHeader header, Locator at) {
    return false;
  }

  @Override
  public void relocate(RecordHeader header, Locator from, Locator to) {
    throw new IllegalStateException("nothing is live, so nothing moves");
  }

  @Override
  public void persistRelocations() {}
}
