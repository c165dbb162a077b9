package io.cairn.blob;

import io.cairn.log.CorruptRecordException;
import io.cairn.log.Locator;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The byte encoding of the blob layer's own record payloads (events, checkpoints): unsigned
 * LEB128 varints, so small numbers take one byte. Every payload starts with {@link #FORMAT}, so a
 * later layout can be told apart from this one.
 */
final class Payload {

  /** Layout version of every payload this class writes. */
  static final int FORMAT = 1;

  private Payload() {}

  /** Upper bound of one encoded extent-map entry. */
  static final int MAX_ENTRY_BYTES = 6 * 10;

  static final class Writer {
    private byte[] buf = new byte[64];
    private int pos;

    Writer() {
      u8(FORMAT);
    }

    int size() {
      return pos;
    }

    Writer u8(int v) {
      ensure(1);
      buf[pos++] = (byte) v;
      return this;
    }

    Writer varLong(long v) {
      if (v < 0) {
        throw new IllegalArgumentException("negative " + v);
      }
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
      return this;
    }

    Writer locator(Locator l) {
      return varLong(l.segment()).varLong(l.offset()).varLong(l.payloadLength());
    }

    Writer entry(ExtentMap.Entry e) {
      return varLong(e.offset()).varLong(e.length()).locator(e.locator()).varLong(e.payloadOffset());
    }

    ByteBuffer toBuffer() {
      return ByteBuffer.wrap(Arrays.copyOf(buf, pos));
    }

    private void ensure(int n) {
      if (pos + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
      }
    }
  }

  static final class Reader {
    private final ByteBuffer b;
    private final String what;

    /** Checks the format byte; {@code what} names the record in error messages. */
    Reader(ByteBuffer b, String what) throws CorruptRecordException {
      this.b = b;
      this.what = what;
      int format = u8();
      if (format != FORMAT) {
        throw new CorruptRecordException(what + ": unknown payload format " + format);
      }
    }

    boolean hasRemaining() {
      return b.hasRemaining();
    }

    int u8() throws CorruptRecordException {
      try {
        return b.get() & 0xFF;
      } catch (BufferUnderflowException e) {
        throw new CorruptRecordException(what + ": truncated payload");
      }
    }

    long varLong() throws CorruptRecordException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = u8();
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw new CorruptRecordException(what + ": bad varint");
    }

    int varInt() throws CorruptRecordException {
      long v = varLong();
      if (v > Integer.MAX_VALUE) {
        throw new CorruptRecordException(what + ": value too large " + v);
      }
      return (int) v;
    }

    Locator locator() throws CorruptRecordException {
      long seg = varLong();
      long off = varLong();
      int len = varInt();
      return new Locator(seg, off, len);
    }

    ExtentMap.Entry entry() throws CorruptRecordException {
      long off = varLong();
      long len = varLong();
      Locator l = locator();
      return new ExtentMap.Entry(off, len, l, varLong());
    }

    void expectEnd() throws CorruptRecordException {
      if (b.hasRemaining()) {
        throw new CorruptRecordException(what + ": " + b.remaining() + " trailing bytes");
      }
    }
  }
}
