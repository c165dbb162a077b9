package io.cairn.catalog;

import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The bytes of a small object stored in its catalog row ({@code objects.inline_body}) with the
 * CRC32C they were stored with. Every stored byte carries a checksum: {@link #bytes()} checks it
 * on each read, so a row damaged at rest is refused rather than served. Immutable and thread safe:
 * the array given to {@link #of} and the one {@link #bytes()} returns are never modified by anyone
 * (callers promise not to).
 */
public final class InlineBody {
  private final byte[] bytes;
  private final int crc;

  private InlineBody(byte[] bytes, int crc) {
    this.bytes = bytes;
    this.crc = crc;
  }

  /** A body to store; takes {@code bytes} over without copying (the caller gives it up). */
  public static InlineBody of(byte[] bytes) {
    return new InlineBody(bytes, crc32c(bytes));
  }

  /** A body as read from a row, with the checksum the row holds (not checked yet). */
  static InlineBody stored(byte[] bytes, int crc) {
    return new InlineBody(bytes, crc);
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** The CRC32C stored with the bytes (as a signed 32-bit value). */
  public int crc() {
    return crc;
  }

  /**
   * The bytes, after checking them against the stored CRC32C. The array is shared: never modify
   * it.
   *
   * @throws CorruptRowException if they do not match (damaged at rest)
   */
  public byte[] bytes() throws CorruptRowException {
    if (crc32c(bytes) != crc) {
      throw new CorruptRowException("an inline object body fails its CRC32C");
    }
    return bytes;
  }

  /** The bytes as stored, unchecked: for writing them back to a row. */
  byte[] raw() {
    return bytes;
  }

  static int crc32c(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b, 0, b.length);
    return (int) c.getValue();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InlineBody other && other.crc == crc && Arrays.equals(other.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return crc;
  }

  /** Says how long, never what: object bytes do not belong in logs. */
  @Override
  public String toString() {
    return "InlineBody[" + bytes.length + " bytes]";
  }
}
