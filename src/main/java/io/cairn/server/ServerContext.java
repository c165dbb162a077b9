package io.cairn.server;

import io.cairn.blob.BlobStore;
import io.cairn.catalog.Catalog;
import io.cairn.server.auth.Identities;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server gives every front end and service it mounts: configuration, data directory,
 * metrics registry, clock, randomness, the catalog (metadata), the blob store (data) and the
 * identities requests are verified against.
 * Components that hold resources register them with {@link #closeOnShutdown}; the server closes
 * them in reverse order after every listener has stopped, so a storage engine syncs only once no
 * request can reach it.
 */
public final class ServerContext {
    private final Config config;
    private final PrometheusMeterRegistry metrics;
    private final Clock clock;
    private final SecureRandom random;
    private final Storage storage;
    private final Identities identities;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, Integer> listenerPorts = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> shared = new java.util.HashMap<>();

    ServerContext(Config config, PrometheusMeterRegistry metrics, Clock clock, SecureRandom random, Storage storage) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        this.storage = storage;
        this.identities = new Identities(storage.catalog().users());
    }

    public Config config() {
        return config;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public Clock clock() {
        return clock;
    }

    public SecureRandom random() {
        return random;
    }

    /** Users, buckets, objects, volumes, snapshots, attachments, images (the {@code catalog} setting). */
    public Catalog catalog() {
        return storage.catalog();
    }

    /** The data: blobs in segments on the {@code medium} setting's medium. */
    public BlobStore blobs() {
        return storage.blobs();
    }

    Storage storage() {
        return storage;
    }

    /** Root and the users: the lookup SigV4 verifiers use. */
    public Identities identities() {
        return identities;
    }

    /**
     * The bound port of the started listener {@code name} (e.g. "nbd"); empty before it has started
     * or when there is none. Every listener has started once the server is ready.
     */
    public OptionalInt listenerPort(String name) {
        Integer p = listenerPorts.get(name);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    void listenerStarted(String name, int port) {
        listenerPorts.put(name, port);
    }

    /**
     * The one instance of {@code type} this server shares among its front ends (the storage
     * engine, the volume service), made by {@code factory} on first use. An instance that is
     * {@link AutoCloseable} is closed at shutdown like those given to {@link #closeOnShutdown}.
     */
    public <T> T shared(Class<T> type, Mount<T> factory) throws java.io.IOException {
        synchronized (shared) {
            Object existing = shared.get(type);
            if (existing != null) {
                return type.cast(existing);
            }
            T made = factory.create(this);
            shared.put(type, made);
            if (made instanceof AutoCloseable c) {
                closeOnShutdown(c);
            }
            return made;
        }
    }

    /** Registers {@code resource} to be closed at shutdown, after the listeners, in reverse registration order. */
    public synchronized void closeOnShutdown(AutoCloseable resource) {
        closeables.add(resource);
    }

    synchronized List<AutoCloseable> closeablesInReverse() {
        List<AutoCloseable> out = new ArrayList<>(closeables);
        java.util.Collections.reverse(out);
        return out;
    }
}
