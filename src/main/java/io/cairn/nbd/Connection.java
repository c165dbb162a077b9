package io.cairn.nbd;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client connection: handshake, then transmission, then close. Runs on its own thread. */
final class Connection implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  private static final int INPUT_BUFFER = 256 << 10;

  private final SocketChannel channel;
  private final NbdServer.Config config;
  private final ExportResolver resolver;
  private final BufferPool pool;
  private final Executor workers;
  private final NbdMetrics metrics;
  private final Runnable onClose;
  private final CountDownLatch done = new CountDownLatch(1);
  private Transmission transmission;
  private boolean stopping;

  Connection(
      SocketChannel channel,
      NbdServer.Config config,
      ExportResolver resolver,
      BufferPool pool,
      Executor workers,
      NbdMetrics metrics,
      Runnable onClose) {
    this.channel = channel;
    this.config = config;
    this.resolver = resolver;
    this.pool = pool;
    this.workers = workers;
    this.metrics = metrics;
    this.onClose = onClose;
  }

  @Override
  public void run() {
    metrics.connectionOpened();
    try {
      ChannelInput in = new ChannelInput(channel, INPUT_BUFFER);
      Session session = new Handshake(channel, in, resolver, this::isStopping).negotiate();
      if (session == null) {
        return;
      }
      Transmission t =
          new Transmission(
              channel,
              in,
              session,
              pool,
              workers,
              metrics,
              config.maxInFlightRequests(),
              config.maxInFlightBytes());
      synchronized (this) {
        if (stopping) {
          Handshake.closeQuietly(session.export());
          return;
        }
        transmission = t;
      }
      t.run();
    } catch (ProtocolViolationException e) {
      metrics.protocolViolation();
      log.info("NBD client {} violated the protocol: {}", remote(), e.getMessage());
    } catch (IOException e) {
      log.debug("NBD connection {} ended: {}", remote(), e.toString());
    } finally {
      forceClose();
      metrics.connectionClosed();
      onClose.run();
      done.countDown();
    }
  }

  private synchronized boolean isStopping() {
    return stopping;
  }

  /** Graceful: no new requests; in-flight ones finish and are answered, then the socket closes. */
  void stop() {
    Transmission t;
    synchronized (this) {
      stopping = true;
      t = transmission;
    }
    if (t != null) {
      t.stop();
    } else {
      forceClose();
    }
  }

  void forceClose() {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing NBD connection failed", e);
    }
  }

  boolean awaitClosed(long nanos) throws InterruptedException {
    return done.await(nanos, TimeUnit.NANOSECONDS);
  }

  private String remote() {
    try {
      return String.valueOf(channel.getRemoteAddress());
    } catch (IOException e) {
      return "?";
    }
  }
}
