package io.cairn.log;

/**
 * Where one record lives: segment id, byte offset of the record's header inside the segment, and
 * the payload length. Locators are values; a compaction that moves a record hands its owner a new
 * locator (see {@link LiveRecords#relocate}).
 */
public record Locator(long segment, long offset, int payloadLength) {
  public Locator {
    if (segment < 0 || offset < 0 || payloadLength < 0) {
      throw new IllegalArgumentException("bad locator " + segment + "/" + offset + "/" + payloadLength);
    }
  }

  @Override
  public String toString() {
    return segment + "@" + offset + "+" + payloadLength;
  }
}
