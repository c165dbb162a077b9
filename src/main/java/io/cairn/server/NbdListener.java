package io.cairn.server;

import io.cairn.nbd.MicrometerNbdMetrics;
import io.cairn.nbd.NbdServer;
import io.cairn.volumes.VolumeExports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The NBD block-device listener on {@code bind}:{@code nbd-port}, serving attached volumes
 * (export name = volume id) through {@link VolumeExports}.
 */
final class NbdListener implements Listener {
    private final ServerContext context;
    private NbdServer server;

    NbdListener(ServerContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "nbd";
    }

    @Override
    public void start() throws IOException {
        Config c = context.config();
        NbdServer.Config nbd = NbdServer.Config.defaults()
                .withBind(new InetSocketAddress(c.get(Settings.BIND), c.get(Settings.NBD_PORT)));
        nbd = new NbdServer.Config(nbd.bind(), nbd.maxInFlightRequests(), nbd.maxInFlightBytes(),
                c.get(Settings.SHUTDOWN_TIMEOUT), nbd.idleBufferBytes());
        server = new NbdServer(nbd, new VolumeExports(context.catalog(), context.blobs()),
                new MicrometerNbdMetrics(context.metrics())).start();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void stop(Duration grace) {
        // NbdServer.close() is the graceful stop: no new connections, in-flight commands finish
        // within the shutdown grace (FLUSH replies only after data is synced), then connections close.
        server.close();
    }
}
