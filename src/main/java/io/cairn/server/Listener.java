package io.cairn.server;

import java.io.IOException;
import java.time.Duration;

/**
 * A network listener the server runs besides its two HTTP ports (the NBD server is one). The
 * server calls {@link #start()} once, after the HTTP connectors are up; reports ready only when
 * every listener's start has returned; and calls {@link #stop(Duration)} once on shutdown, before
 * closing the services the listener uses.
 */
public interface Listener {

    /** A short name for logs and metrics, e.g. "nbd". */
    String name();

    /** Binds and starts accepting; when it returns the listener is serving and {@link #port()} is final. */
    void start() throws IOException;

    /** The bound port (the real one when configured as 0). Valid after {@link #start()}. */
    int port();

    /**
     * Stops accepting new connections, lets in-flight requests finish for up to {@code grace},
     * then closes what remains. Replies already sent stay durable; nothing acknowledged is lost.
     */
    void stop(Duration grace) throws IOException;
}
