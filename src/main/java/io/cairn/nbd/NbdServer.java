package io.cairn.nbd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NBD listener: fixed newstyle handshake, then pipelined transmission per connection (see
 * {@link Transmission}). One virtual thread per connection and one per in-flight request.
 *
 * <p>Usage: {@code new NbdServer(config, resolver, metrics).start()}, then {@link #port()} for the
 * bound port (useful with port 0), and {@link #close()} to stop gracefully: the listener closes at
 * once, connections read no further requests, requests in flight finish and are answered (for up
 * to {@link Config#shutdownGrace()}), then sockets close and exports are released.
 */
public final class NbdServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NbdServer.class);

  /**
   * @param bind address and port to listen on (port 0: an ephemeral port, see {@link #port()})
   * @param maxInFlightRequests per connection; the server stops reading requests beyond it
   * @param maxInFlightBytes per connection, payloads of reads and writes in flight (raised to at
   *     least the 32 MiB maximum payload)
   * @param shutdownGrace how long {@link #close()} lets in-flight requests finish
   * @param idleBufferBytes direct buffer memory kept for reuse across requests
   */
  public record Config(
      InetSocketAddress bind,
      int maxInFlightRequests,
      int maxInFlightBytes,
      Duration shutdownGrace,
      long idleBufferBytes) {

    public static final int DEFAULT_PORT = 10809;

    public Config {
      java.util.Objects.requireNonNull(bind, "bind");
      java.util.Objects.requireNonNull(shutdownGrace, "shutdownGrace");
      if (maxInFlightRequests < 1 || maxInFlightBytes < 1 || idleBufferBytes < 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }

    /** 127.0.0.1:10809, 128 requests and 128 MiB in flight per connection, 10 s grace. */
    public static Config defaults() {
      return new Config(
          new InetSocketAddress("127.0.0.1", DEFAULT_PORT), 128, 128 << 20, Duration.ofSeconds(10), 256L << 20);
    }

    public Config withBind(InetSocketAddress address) {
      return new Config(address, maxInFlightRequests, maxInFlightBytes, shutdownGrace, idleBufferBytes);
    }
  }

  private final Config config;
  private final ExportResolver resolver;
  private final NbdMetrics metrics;
  private final BufferPool pool;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers;
  private ServerSocketChannel listener;
  private Thread acceptor;
  private volatile boolean closing;

  public NbdServer(Config config, ExportResolver resolver, NbdMetrics metrics) {
    this(config, resolver, metrics, Executors.newVirtualThreadPerTaskExecutor());
  }

  /**
   * @param workers runs each request; the server shuts it down on {@link #close()}. The default is
   *     a virtual thread per request.
   */
  public NbdServer(
      Config config, ExportResolver resolver, NbdMetrics metrics, ExecutorService workers) {
    this.workers = workers;
    this.config = config;
    this.resolver = resolver;
    this.metrics = metrics;
    this.pool = new BufferPool(config.idleBufferBytes());
  }

  /** Binds and starts accepting. */
  public synchronized NbdServer start() throws IOException {
    if (listener != null) {
      throw new IllegalStateException("already started");
    }
    listener = ServerSocketChannel.open();
    listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    listener.bind(config.bind(), 256);
    acceptor = Thread.ofVirtual().name("nbd-accept-" + port()).start(this::accept);
    log.info("NBD server listening on {}", listener.getLocalAddress());
    return this;
  }

  /** The bound port (the ephemeral one if the configured port was 0). */
  public int port() {
    try {
      return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new IllegalStateException("listener is closed", e);
    }
  }

  private void accept() {
    while (!closing) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.warn("NBD accept failed", e);
        continue;
      }
      try {
        // Small replies (write acks, QD1 reads) must not wait for Nagle; keepalive reaps the
        // connections of hosts that vanished without a FIN.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
      } catch (IOException e) {
        log.debug("socket options not set", e);
      }
      Connection[] self = new Connection[1];
      Connection c =
          new Connection(
              channel, config, resolver, pool, workers, metrics, () -> connections.remove(self[0]));
      self[0] = c;
      connections.add(c);
      if (closing) {
        c.forceClose();
      }
      Thread.ofVirtual().name("nbd-conn").start(c);
    }
  }

  /** Graceful stop; idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closing || listener == null) {
        closing = true;
        return;
      }
      closing = true;
    }
    try {
      listener.close();
      acceptor.join();
    } catch (IOException e) {
      log.warn("closing NBD listener failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection c : connections) {
      c.stop();
    }
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    try {
      for (Connection c : connections) {
        if (!c.awaitClosed(Math.max(0, deadline - System.nanoTime()))) {
          c.forceClose();
        }
      }
      for (Connection c : connections) {
        c.awaitClosed(config.shutdownGrace().toNanos());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdown();
    log.info("NBD server stopped");
  }
}
