package io.cairn.server;

import io.cairn.api.ControlPlane;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cairn server process: two HTTP ports on Jetty (S3, control plane), any further
 * {@link Listener}s (NBD), and the services behind them. Requests run on virtual threads with
 * plain blocking code.
 *
 * <p>Lifecycle: {@link Builder#start()} binds everything and returns once every listener is
 * serving (health turns 200). {@link #close()} is the graceful stop SIGTERM triggers: health turns
 * 503, the ports stop accepting, in-flight requests get up to {@code shutdown-timeout} to finish,
 * then listeners stop and registered services close (and sync) in reverse order.
 */
public final class CairnServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CairnServer.class);
    /** The largest network buffer Jetty pools: at least every connector's input buffer size. */
    static final int MAX_POOLED_BUFFER = 1 << 20;

    private final Server jetty;
    private final ServerConnector s3Connector;
    private final ServerConnector apiConnector;
    private final List<Listener> listeners;
    private final ServerContext context;
    private final FileChannel lockChannel;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean ready;
    private boolean closed;

    private CairnServer(Server jetty, ServerConnector s3, ServerConnector api, List<Listener> listeners,
                        ServerContext context, FileChannel lockChannel) {
        this.jetty = jetty;
        this.s3Connector = s3;
        this.apiConnector = api;
        this.listeners = listeners;
        this.context = context;
        this.lockChannel = lockChannel;
    }

    public static Builder builder(Config config) {
        return new Builder(config);
    }

    public int s3Port() {
        return s3Connector.getLocalPort();
    }

    public int apiPort() {
        return apiConnector.getLocalPort();
    }

    /** The port of the started listener named {@code name}, e.g. "nbd". */
    public int listenerPort(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no listener named " + name)).port();
    }

    public boolean isReady() {
        return ready;
    }

    public ServerContext context() {
        return context;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        Duration grace = context.config().get(Settings.SHUTDOWN_TIMEOUT);
        log.info("Stopping: no new connections, waiting up to {} ms for requests in flight", grace.toMillis());
        // HTTP and the other listeners drain in parallel, each within the grace; storage closes
        // only after all of them, so nothing acknowledged races the final sync.
        List<Thread> stopping = new ArrayList<>();
        stopping.add(Thread.ofVirtual().name("stop-http").start(() -> {
            try {
                jetty.stop();
            } catch (Exception e) {
                log.warn("HTTP ports did not stop cleanly: {}", e.toString());
            }
        }));
        for (Listener l : listeners.reversed()) {
            stopping.add(Thread.ofVirtual().name("stop-" + l.name()).start(() -> {
                try {
                    l.stop(grace);
                } catch (IOException | RuntimeException e) {
                    log.warn("Listener {} did not stop cleanly: {}", l.name(), e.toString());
                }
            }));
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Interrupted while waiting for {}; closing storage anyway", t.getName());
                break;
            }
        }
        for (AutoCloseable c : context.closeablesInReverse()) {
            try {
                c.close();
            } catch (Exception e) {
                log.error("Closing {} failed: {}", c, e.toString());
            }
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Releasing the data directory lock failed: {}", e.toString());
        }
        context.metrics().close();
        log.info("Stopped");
        stopped.countDown();
    }

    /** Assembles a server; {@link #start()} may be called once. */
    public static final class Builder {
        private final Config config;
        private Map<String, String> env = System.getenv();
        private Clock clock = Clock.systemUTC();
        private PrintStream out = System.out;
        private Mount<Handler> s3 = ctx -> new S3Unavailable();
        private Consumer<HttpConnectionFactory> s3Http = http -> { };
        private final Map<String, Mount<Handler>> routes = new LinkedHashMap<>();
        private final List<Mount<Listener>> listeners = new ArrayList<>();
        private final List<Mount<io.cairn.api.ApiRoute>> apiRoutes = new ArrayList<>();

        private Builder(Config config) {
            this.config = config;
        }

        /** The environment root credentials are read from (default: the process's). */
        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Where generated root credentials are printed, once (default: stdout). */
        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        /** The S3 front end; without one the S3 port answers NotImplemented. */
        public Builder s3(Mount<Handler> s3) {
            this.s3 = s3;
            return this;
        }

        /** The S3 front end, and how the S3 port's HTTP parsing must be set for it (URI and header compliance). */
        public Builder s3(Mount<Handler> s3, Consumer<HttpConnectionFactory> httpSettings) {
            this.s3 = s3;
            this.s3Http = httpSettings;
            return this;
        }

        /** Mounts {@code handler} on the control-plane port for paths under {@code prefix} (e.g. "/ui"). */
        public Builder controlPlaneRoute(String prefix, Mount<Handler> handler) {
            routes.put(prefix, handler);
            return this;
        }

        /** Adds a part of the REST API under {@code /api/v1} (users are always there). */
        public Builder apiRoute(Mount<io.cairn.api.ApiRoute> route) {
            apiRoutes.add(route);
            return this;
        }

        public Builder listener(Mount<Listener> listener) {
            listeners.add(listener);
            return this;
        }

        public CairnServer start() throws IOException, ConfigException {
            Path data = config.dataDir();
            if (!Files.isDirectory(data)) {
                Files.createDirectories(data,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            FileChannel lock = lockDataDir(data);
            CairnServer server = null;
            ServerContext ctx = null;
            Storage storage = null;
            List<Listener> started = new ArrayList<>();
            try {
                PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                new JvmMemoryMetrics().bindTo(metrics);
                new JvmGcMetrics().bindTo(metrics);
                new JvmThreadMetrics().bindTo(metrics);
                new ClassLoaderMetrics().bindTo(metrics);
                new ProcessorMetrics().bindTo(metrics);
                new UptimeMetrics().bindTo(metrics);
                SecureRandom random = new SecureRandom();
                RootCredentials root = RootCredentials.resolve(env, data, random, out);
                storage = Storage.open(config, clock, random);
                storage.exportMetrics(metrics);
                root.installIn(storage.catalog().users());
                ctx = new ServerContext(config, metrics, clock, random, storage);
                ctx.closeOnShutdown(storage);
                storage = null;

                QueuedThreadPool threads = new QueuedThreadPool();
                threads.setName("jetty");
                threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("request-", 0).factory()));
                // Jetty's default pool keeps buffers of at most 64 KiB; larger ones (the S3 port
                // reads bodies in 256 KiB buffers) would be allocated and zeroed on every request.
                Server jetty = new Server(threads, null, new ArrayByteBufferPool(0, 4096, MAX_POOLED_BUFFER));
                ServerConnector s3c = connector(jetty, "s3", config.get(Settings.S3_PORT), s3Http);
                ServerConnector apic = connector(jetty, "api", config.get(Settings.API_PORT), http -> { });
                jetty.addConnector(s3c);
                jetty.addConnector(apic);

                Map<String, Handler> extra = new LinkedHashMap<>();
                for (var e : routes.entrySet()) {
                    extra.put(e.getKey(), e.getValue().create(ctx));
                }
                List<io.cairn.api.ApiRoute> restRoutes = new ArrayList<>();
                for (Mount<io.cairn.api.ApiRoute> m : apiRoutes) {
                    restRoutes.add(m.create(ctx));
                }
                List<Listener> ls = new ArrayList<>();
                for (Mount<Listener> m : listeners) {
                    ls.add(m.create(ctx));
                }
                server = new CairnServer(jetty, s3c, apic, started, ctx, lock);
                CairnServer self = server;
                metrics.gauge("cairn.server.ready", self, s -> s.isReady() ? 1 : 0);
                Handler api = new ControlPlane(ctx, self::isReady, extra, restRoutes);
                Map<org.eclipse.jetty.server.Connector, Handler> byPort = Map.of(
                        s3c, new RequestMetrics("s3", metrics, s3.create(ctx)),
                        apic, new RequestMetrics("api", metrics, api));
                GracefulHandler graceful = new GracefulHandler(new PortRouter(byPort));
                // Idle keep-alive connections hold a stop back until they time out; during shutdown
                // they get this long. Connections with a request in flight are not idle.
                graceful.setShutdownIdleTimeout(250);
                jetty.setHandler(graceful);
                jetty.setStopTimeout(config.get(Settings.SHUTDOWN_TIMEOUT).toMillis());
                jetty.setStopAtShutdown(false);
                try {
                    jetty.start();
                } catch (Exception e) {
                    throw new IOException("cannot start the HTTP ports on " + config.get(Settings.BIND) + ": "
                            + e.getMessage(), e);
                }
                for (Listener l : ls) {
                    l.start();
                    started.add(l);
                    ctx.listenerStarted(l.name(), l.port());
                }
                server.ready = true;
                StringBuilder msg = new StringBuilder("Cairn ready: S3 http://").append(host()).append(':')
                        .append(server.s3Port()).append(", control plane http://").append(host()).append(':')
                        .append(server.apiPort());
                for (Listener l : ls) {
                    msg.append(", ").append(l.name()).append(' ').append(host()).append(':').append(l.port());
                }
                log.info("{} (data {})", msg, data);
                return server;
            } catch (IOException | ConfigException | RuntimeException e) {
                if (server != null) {
                    server.close();
                } else {
                    if (ctx != null) {
                        closeQuietly(ctx.closeablesInReverse(), e);
                    }
                    if (storage != null) {
                        closeQuietly(List.of(storage), e);
                    }
                    lock.close();
                }
                throw e;
            }
        }

        private static void closeQuietly(List<AutoCloseable> resources, Exception primary) {
            for (AutoCloseable c : resources) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    primary.addSuppressed(suppressed);
                }
            }
        }

        private String host() {
            return config.get(Settings.BIND);
        }

        private ServerConnector connector(Server jetty, String name, int port, Consumer<HttpConnectionFactory> settings) {
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            HttpConnectionFactory factory = new HttpConnectionFactory(http);
            settings.accept(factory);
            ServerConnector c = new ServerConnector(jetty, factory);
            c.setName(name);
            c.setHost(config.get(Settings.BIND));
            c.setPort(port);
            return c;
        }

        private static FileChannel lockDataDir(Path data) throws IOException, ConfigException {
            FileChannel ch = FileChannel.open(data.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new ConfigException("another Cairn server is already using " + data);
            }
            return ch;
        }
    }
}
