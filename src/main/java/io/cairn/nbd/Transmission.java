package io.cairn.nbd;

import static io.cairn.nbd.NbdProtocol.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transmission phase of one connection. This thread only reads: requests are read continuously
 * and each runs on its own worker ({@link CommandRunner}), so replies go out in completion order
 * (proto.md allows any order). The number and payload bytes of in-flight requests are bounded; when
 * a bound is reached this thread stops reading and TCP flow control pushes back on the client.
 */
final class Transmission {

  private static final Logger log = LoggerFactory.getLogger(Transmission.class);
  private static final int HEADER = 28;
  private static final int INLINE_MAX = 64 << 10;

  private final SocketChannel channel;
  private final ChannelInput in;
  private final Session session;
  private final BufferPool pool;
  private final Executor workers;
  private final int maxRequests;
  private final int maxBytes;
  private final Semaphore requestPermits;
  private final Semaphore bytePermits;
  private final CommandRunner runner;
  private volatile boolean stopping;

  Transmission(
      SocketChannel channel,
      ChannelInput in,
      Session session,
      BufferPool pool,
      Executor workers,
      NbdMetrics metrics,
      int maxRequests,
      int maxBytes) {
    this.channel = channel;
    this.in = in;
    this.session = session;
    this.pool = pool;
    this.workers = workers;
    this.maxRequests = maxRequests;
    this.maxBytes = Math.max(maxBytes, MAX_PAYLOAD);
    this.requestPermits = new Semaphore(maxRequests);
    this.bytePermits = new Semaphore(this.maxBytes);
    ReplyWriter replies = new ReplyWriter(channel, session.structured());
    this.runner = new CommandRunner(session, replies, metrics, this::replyFailed);
  }

  /**
   * Serves requests until NBD_CMD_DISC, end of stream, a protocol violation or {@link #stop}; then
   * waits for every in-flight request to finish and closes the export. A violation is rethrown
   * after the drain.
   */
  void run() throws IOException {
    try {
      readRequests();
    } catch (IOException e) {
      if (!stopping) {
        throw e;
      }
    } finally {
      // proto.md "Terminating the transmission phase": handle all outstanding requests first.
      requestPermits.acquireUninterruptibly(maxRequests);
      Handshake.closeQuietly(session.export());
    }
  }

  /** Graceful stop: read no more requests; those in flight finish and are replied to. */
  void stop() {
    stopping = true;
    try {
      channel.shutdownInput();
    } catch (IOException e) {
      log.debug("shutting down NBD input failed", e);
    }
  }

  private void readRequests() throws IOException {
    while (!stopping) {
      if (!in.fill(HEADER)) {
        return;
      }
      ByteBuffer h = in.buffered();
      int magic = h.getInt();
      int flags = h.getShort() & 0xffff;
      int type = h.getShort() & 0xffff;
      long cookie = h.getLong();
      long offset = h.getLong();
      long length = h.getInt() & 0xffffffffL;
      if (magic != REQUEST_MAGIC) {
        throw new ProtocolViolationException("bad request magic " + Integer.toHexString(magic));
      }
      if (type == CMD_DISC) {
        return;
      }
      long received = System.nanoTime();
      ByteBuffer payload = null;
      int reserved = 0;
      if (type == CMD_WRITE) {
        if (length > MAX_PAYLOAD) {
          // We cannot skip what we will not read: stay in sync only by disconnecting.
          throw new ProtocolViolationException("write payload of " + length + " bytes");
        }
        reserved = (int) length;
      } else if (type == CMD_READ) {
        reserved = (int) Math.min(length, MAX_PAYLOAD);
      }
      requestPermits.acquireUninterruptibly();
      bytePermits.acquireUninterruptibly(reserved);
      if (type == CMD_WRITE) {
        try {
          payload = pool.take(reserved);
          in.readFully(payload);
        } catch (IOException | RuntimeException | Error e) {
          // A truncated payload is never applied; the permits go back or the drain would hang.
          if (payload != null) {
            pool.give(payload);
          }
          bytePermits.release(reserved);
          requestPermits.release();
          throw e;
        }
        payload.flip();
      }
      Request request =
          new Request(flags, type, cookie, offset, length, payload, reserved, received);
      if (runsInline(request)) {
        execute(request);
      } else {
        dispatch(request);
      }
    }
  }

  /**
   * A small read or write with nothing else in flight and nothing more received is the client
   * waiting on this one request (queue depth 1): running it on this thread saves a thread handoff
   * each way, and there is nothing for this thread to read meanwhile. Anything that may take long
   * (FUA, flush, large payloads) still goes to a worker so later requests are not held up.
   */
  private boolean runsInline(Request r) {
    return (r.type() == CMD_READ || r.type() == CMD_WRITE)
        && r.flags() == 0
        && r.length() <= INLINE_MAX
        && requestPermits.availablePermits() == maxRequests - 1
        && !in.buffered().hasRemaining();
  }

  private void dispatch(Request request) throws IOException {
    try {
      workers.execute(() -> execute(request));
    } catch (RejectedExecutionException e) {
      // Only after a forced server stop: give back what the request held, or the drain would
      // wait for it forever.
      release(request);
      throw new IOException("server stopped", e);
    }
  }

  private void execute(Request request) {
    try {
      runner.run(request, pool);
    } finally {
      release(request);
    }
  }

  private void release(Request request) {
    if (request.payload() != null) {
      pool.give(request.payload());
    }
    bytePermits.release(request.reservedBytes());
    requestPermits.release();
  }

  /** A reply could not be written: the connection is gone, so stop reading from it. */
  private void replyFailed(IOException e) {
    log.debug("NBD reply failed; closing connection", e);
    stopping = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing; nothing more to release
    }
  }
}
