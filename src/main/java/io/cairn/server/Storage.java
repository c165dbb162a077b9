package io.cairn.server;

import io.cairn.blob.BlobStoreConfig;
import io.cairn.blob.LogBlobStore;
import io.cairn.catalog.Catalog;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.Media;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage engine one server runs on, opened from the configuration: the medium (local disk or
 * HDFS), the segment log on it, the blob store over the log, and the catalog. Every front end
 * shares the one instance (see {@link #of(ServerContext)}); it is closed at shutdown after every
 * listener stopped, in the order that keeps acknowledged writes durable: blob store (final
 * checkpoint), log (sync), medium, catalog.
 */
public final class Storage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

  private final Medium medium;
  private final SegmentLog log;
  private final LogBlobStore blobs;
  private final Catalog catalog;
  private final ScheduledExecutorService maintenance;

  private Storage(Medium medium, SegmentLog log, LogBlobStore blobs, Catalog catalog, ScheduledExecutorService maintenance) {
    this.medium = medium;
    this.log = log;
    this.blobs = blobs;
    this.catalog = catalog;
    this.maintenance = maintenance;
  }

  /** The server's storage, opened on first use and closed at shutdown. */
  public static Storage of(ServerContext context) throws IOException {
    return context.shared(Storage.class, Storage::open);
  }

  private static Storage open(ServerContext context) throws IOException {
    Config config = context.config();
    Medium medium = Media.open(config.get(Settings.MEDIUM));
    ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("blob-maintenance").daemon(true).factory());
    try {
      long segmentSize = config.get(Settings.SEGMENT_SIZE);
      SegmentLog log = SegmentLog.open(medium, new SegmentLogConfig(segmentSize, SegmentLogConfig.DEFAULT_WRITE_BUFFER_SIZE));
      LogBlobStore blobs = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), maintenance);
      Catalog catalog = Catalog.open(config.get(Settings.CATALOG), context.clock(), context.random());
      Storage s = new Storage(medium, log, blobs, catalog, maintenance);
      LOG.info("Storage on {} (catalog {}): {} blobs recovered", medium.uri(), catalog.dialect(), blobs.stats().blobs());
      return s;
    } catch (IOException | RuntimeException e) {
      maintenance.shutdownNow();
      medium.close();
      throw e;
    }
  }

  public LogBlobStore blobs() {
    return blobs;
  }

  public Catalog catalog() {
    return catalog;
  }

  public Medium medium() {
    return medium;
  }

  public SegmentLog log() {
    return log;
  }

  @Override
  public void close() throws IOException {
    maintenance.shutdownNow();
    try (medium; log; blobs) {
      // try-with-resources closes in reverse: blobs (checkpoint), log (sync), medium
    } finally {
      catalog.close();
    }
  }
}
