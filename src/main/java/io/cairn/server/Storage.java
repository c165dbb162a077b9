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
import io.cairn.blob.StoreStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage a server runs on, opened from its settings: the catalog ({@code catalog}), and the
 * blob store in a segment log ({@code segment-size}) on a medium ({@code medium}). Opening runs the
 * catalog's migrations and the log's and blob store's crash recovery. {@link #close()} closes in
 * reverse order of opening (blob store, its maintenance thread, log, medium, catalog), each
 * syncing what it holds. The server opens it before anything else and shares it with every front
 * end ({@link #of(ServerContext)}).
 */
public final class Storage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    /** How often sealed segments are checked for dead space (the blob store never compacts by itself). */
    static final Duration COMPACTION_PERIOD = Duration.ofMinutes(1);

    private final Catalog catalog;
    private final BlobStore blobs;
    private final SegmentLog log;
    private final List<AutoCloseable> opened;
    private volatile StoreStats lastStats;

    private Storage(Catalog catalog, BlobStore blobs, SegmentLog log, List<AutoCloseable> opened) throws IOException {
        this.catalog = catalog;
        this.blobs = blobs;
        this.log = log;
        this.opened = opened;
        this.lastStats = blobs.stats();
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
            OrphanSweep.sweep(catalog, blobs);
            Storage storage = new Storage(catalog, blobs, log, opened);
            maintenance.scheduleWithFixedDelay(storage::compactQuietly, COMPACTION_PERIOD.toSeconds(),
                    COMPACTION_PERIOD.toSeconds(), TimeUnit.SECONDS);
            return storage;
        } catch (IOException | RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /**
     * One compaction pass and a fresh look at the space figures. Failures are logged, not thrown,
     * so the schedule keeps running. Live bytes are found by walking every map, too dear for each
     * metrics scrape, so the gauges show the figures of the last pass.
     */
    private void compactQuietly() {
        try {
            long freed = blobs.compact();
            lastStats = blobs.stats();
            if (freed > 0) {
                LOG.info("Compaction freed {} bytes", freed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Compaction failed; trying again in {}", COMPACTION_PERIOD, e);
        }
    }

    /** Engine figures as metrics: space (all and live), blobs, versions, segments, appends, syncs. */
    void exportMetrics(MeterRegistry registry) {
        Gauge.builder("cairn.blob.count", this, st -> st.lastStats.blobs()).description("live blobs").register(registry);
        Gauge.builder("cairn.blob.versions", this, st -> st.lastStats.versions()).description("retained versions")
                .register(registry);
        Gauge.builder("cairn.log.bytes", this, st -> st.lastStats.logBytes()).description("bytes in all segments")
                .register(registry);
        Gauge.builder("cairn.log.live.bytes", this, st -> st.lastStats.liveBytes())
                .description("bytes some retained state still reads").register(registry);
        Gauge.builder("cairn.log.segments", this, st -> st.lastStats.segments()).description("segment files")
                .register(registry);
        Gauge.builder("cairn.log.spare.segments", this, st -> st.log.spareSegments())
                .description("files of compacted segments kept for new segments to be written over")
                .register(registry);
        FunctionCounter.builder("cairn.log.appends", this, st -> st.log.stats().appends())
                .description("records appended").register(registry);
        FunctionCounter.builder("cairn.log.payload.bytes", this, st -> st.log.stats().payloadBytes())
                .description("payload bytes appended (data and blob events, compaction copies excluded)")
                .register(registry);
        FunctionCounter.builder("cairn.log.syncs", this, st -> st.log.stats().syncCalls())
                .description("sync calls (group commit)").register(registry);
        FunctionCounter.builder("cairn.log.physical.syncs", this, st -> st.log.stats().physicalSyncs())
                .description("fsyncs actually issued").register(registry);
        if (catalog.groupCommitCounts() != null) {
            FunctionCounter.builder("cairn.catalog.commits", this, st -> st.catalog.groupCommitCounts()[0])
                    .description("catalog commits issued").register(registry);
            FunctionCounter.builder("cairn.catalog.wal.fsyncs", this, st -> st.catalog.groupCommitCounts()[2])
                    .description("fsyncs of the catalog's write-ahead log (one covers every commit before it)")
                    .register(registry);
            FunctionCounter.builder("cairn.catalog.write.transactions", this,
                    st -> st.catalog.groupCommitCounts()[1])
                    .description("catalog write transactions (sharing commits)").register(registry);
        }
        FunctionCounter.builder("cairn.log.reclaimed.bytes", this, st -> st.log.stats().reclaimedBytes())
                .description("bytes freed by compaction").register(registry);
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
