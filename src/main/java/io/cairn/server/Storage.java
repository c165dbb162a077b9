package io.cairn.server;

import io.cairn.blob.BlobStore;
import io.cairn.blob.BlobStoreConfig;
import io.cairn.blob.LogBlobStore;
import io.cairn.catalog.Catalog;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.Media;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The storage a server runs on, opened from its settings: the catalog ({@code catalog}), and the
 * blob store in a segment log ({@code segment-size}) on a medium ({@code medium}). Opening runs the
 * catalog's migrations and the log's and blob store's crash recovery. {@link #close()} closes in
 * reverse order of opening (blob store, its maintenance thread, log, medium, catalog), each
 * syncing what it holds. The server opens it before anything else and shares it with every front
 * end ({@link #of(ServerContext)}).
 */
public final class Storage implements AutoCloseable {
    private final Catalog catalog;
    private final BlobStore blobs;
    private final List<AutoCloseable> opened;

    private Storage(Catalog catalog, BlobStore blobs, List<AutoCloseable> opened) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.opened = opened;
    }

    static Storage open(Config config, Clock clock, SecureRandom random) throws IOException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Catalog catalog = Catalog.open(config.get(Settings.CATALOG), clock, random);
            opened.add(catalog);
            Medium medium = Media.open(config.get(Settings.MEDIUM));
            opened.add(medium);
            SegmentLog log = SegmentLog.open(medium,
                    SegmentLogConfig.defaults().withSegmentSize(config.get(Settings.SEGMENT_SIZE)));
            opened.add(log);
            ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("blob-maintenance").daemon(true).factory());
            opened.add(() -> {
                maintenance.shutdown();
                if (!maintenance.awaitTermination(30, TimeUnit.SECONDS)) {
                    maintenance.shutdownNow();
                }
            });
            BlobStore blobs = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), maintenance);
            opened.add(blobs);
            return new Storage(catalog, blobs, opened);
        } catch (IOException | RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /** The server's storage (opened at start, closed at shutdown after every listener stopped). */
    public static Storage of(ServerContext context) {
        return context.storage();
    }

    public Catalog catalog() {
        return catalog;
    }

    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public void close() throws IOException {
        IOException failure = closeAll(opened, null);
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException closeAll(List<AutoCloseable> opened, Exception primary) {
        IOException failure = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    @Override
    public String toString() {
        return "storage";
    }
}
