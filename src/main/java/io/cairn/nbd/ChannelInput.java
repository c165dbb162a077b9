package io.cairn.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Buffered big-endian reads from a blocking socket channel: one read system call fetches many
 * pipelined request headers, and large payloads bypass the buffer straight into their destination.
 */
final class ChannelInput {

  private final SocketChannel channel;
  private final ByteBuffer buf;

  ChannelInput(SocketChannel channel, int capacity) {
    this.channel = channel;
    this.buf = ByteBuffer.allocateDirect(capacity);
    buf.limit(0);
  }

  /**
   * Makes at least {@code n} bytes available. Returns false on a clean end of stream (nothing
   * buffered); throws {@link EOFException} if the stream ends inside the {@code n} bytes.
   */
  boolean fill(int n) throws IOException {
    if (buf.remaining() >= n) {
      return true;
    }
    buf.compact();
    try {
      while (buf.position() < n) {
        if (channel.read(buf) < 0) {
          if (buf.position() == 0) {
            return false;
          }
          throw new EOFException("connection closed inside a message");
        }
      }
    } finally {
      buf.flip();
    }
    return true;
  }

  private void require(int n) throws IOException {
    if (!fill(n)) {
      throw new EOFException("connection closed");
    }
  }

  int readInt() throws IOException {
    require(4);
    return buf.getInt();
  }

  int readShort() throws IOException {
    require(2);
    return buf.getShort() & 0xffff;
  }

  long readLong() throws IOException {
    require(8);
    return buf.getLong();
  }

  /** The buffered bytes; valid after {@link #fill} until the next call on this object. */
  ByteBuffer buffered() {
    return buf;
  }

  void readFully(ByteBuffer dst) throws IOException {
    if (buf.hasRemaining()) {
      int n = Math.min(buf.remaining(), dst.remaining());
      int lim = buf.limit();
      buf.limit(buf.position() + n);
      dst.put(buf);
      buf.limit(lim);
    }
    while (dst.hasRemaining()) {
      if (channel.read(dst) < 0) {
        throw new EOFException("connection closed inside a payload");
      }
    }
  }

  byte[] readBytes(int n) throws IOException {
    byte[] b = new byte[n];
    readFully(ByteBuffer.wrap(b));
    return b;
  }
}
