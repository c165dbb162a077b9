package io.cairn.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes transmission-phase replies. Replies of concurrent requests may go out in any order
 * (proto.md "Transmission") but each must be contiguous on the wire, so every reply is one gathering
 * write of header and payload under a lock.
 */
final class ReplyWriter {

  private final SocketChannel channel;
  private final boolean structured;
  private final ReentrantLock lock = new ReentrantLock();
  private final ByteBuffer header = ByteBuffer.allocateDirect(64);
  private final ByteBuffer[] pair = new ByteBuffer[2];

  ReplyWriter(SocketChannel channel, boolean structured) {
    this.channel = channel;
    this.structured = structured;
  }

  boolean structured() {
    return structured;
  }

  /** Success without payload (allowed for every command but READ even when structured). */
  void ok(long cookie) throws IOException {
    lock.lock();
    try {
      header.clear();
      header.putInt(NbdProtocol.SIMPLE_REPLY_MAGIC).putInt(0).putLong(cookie).flip();
      writeAll(header, null);
    } finally {
      lock.unlock();
    }
  }

  /** The reply to a successful READ; {@code data} is the whole requested range. */
  void data(long cookie, long offset, ByteBuffer data) throws IOException {
    lock.lock();
    try {
      header.clear();
      if (!structured) {
        header.putInt(NbdProtocol.SIMPLE_REPLY_MAGIC).putInt(0).putLong(cookie);
      } else if (!data.hasRemaining()) {
        // proto.md: a content chunk MUST describe at least one byte.
        putChunkHeader(NbdProtocol.REPLY_TYPE_NONE, cookie, 0);
      } else {
        // The data is all in memory already, so no error can follow: this chunk may be the last.
        putChunkHeader(NbdProtocol.REPLY_TYPE_OFFSET_DATA, cookie, 8 + data.remaining());
        header.putLong(offset);
      }
      header.flip();
      writeAll(header, data);
    } finally {
      lock.unlock();
    }
  }

  /** A failed command: a simple reply with the errno, or an NBD_REPLY_TYPE_ERROR chunk. */
  void error(long cookie, int errno, String message) throws IOException {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    int textLength = Math.min(text.length, NbdProtocol.MAX_STRING);
    lock.lock();
    try {
      header.clear();
      ByteBuffer payload = null;
      if (structured) {
        putChunkHeader(NbdProtocol.REPLY_TYPE_ERROR, cookie, 6 + textLength);
        header.putInt(errno).putShort((short) textLength);
        payload = ByteBuffer.wrap(text, 0, textLength);
      } else {
        header.putInt(NbdProtocol.SIMPLE_REPLY_MAGIC).putInt(errno).putLong(cookie);
      }
      header.flip();
      writeAll(header, payload);
    } finally {
      lock.unlock();
    }
  }

  /** One NBD_REPLY_TYPE_BLOCK_STATUS chunk, final, for the base:allocation context. */
  void blockStatus(long cookie, int contextId, List<long[]> runs) throws IOException {
    ByteBuffer payload = ByteBuffer.allocate(4 + 8 * runs.size());
    payload.putInt(contextId);
    for (long[] run : runs) {
      payload.putInt((int) run[0]).putInt((int) run[1]);
    }
    payload.flip();
    lock.lock();
    try {
      header.clear();
      putChunkHeader(NbdProtocol.REPLY_TYPE_BLOCK_STATUS, cookie, payload.remaining());
      header.flip();
      writeAll(header, payload);
    } finally {
      lock.unlock();
    }
  }

  private void putChunkHeader(int type, long cookie, int length) {
    header
        .putInt(NbdProtocol.STRUCTURED_REPLY_MAGIC)
        .putShort((short) NbdProtocol.REPLY_FLAG_DONE)
        .putShort((short) type)
        .putLong(cookie)
        .putInt(length);
  }

  private void writeAll(ByteBuffer head, ByteBuffer payload) throws IOException {
    if (payload == null || !payload.hasRemaining()) {
      while (head.hasRemaining()) {
        channel.write(head);
      }
      return;
    }
    pair[0] = head;
    pair[1] = payload;
    try {
      while (payload.hasRemaining()) {
        channel.write(pair);
      }
    } finally {
      pair[1] = null;
    }
  }
}
