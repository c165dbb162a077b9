package io.cairn.objects;

import io.cairn.blob.BlobStoreConfig;
import io.cairn.blob.LogBlobStore;
import io.cairn.catalog.Catalog;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

/**
 * The real storage an {@link ObjectService} runs on, in a directory: a SQLite catalog with seeded
 * ids, and a blob store on a segment log on a local medium. Opening the same directory again
 * reopens what was stored.
 */
final class StorageRig implements AutoCloseable {
  final Catalog catalog;
  final SegmentLog log;
  final LogBlobStore blobs;

  StorageRig(Path dir, SegmentLogConfig logConfig) throws IOException {
    catalog = Catalog.open(dir.resolve("catalog.db"), Clock.systemUTC(), new Random(1));
    LocalMedium medium = new LocalMedium(Files.createDirectories(dir.resolve("segments")));
    log = SegmentLog.open(medium, logConfig);
    blobs = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), null);
  }

  StorageRig(Path dir) throws IOException {
    this(dir, SegmentLogConfig.defaults());
  }

  /** The catalog as the object layer sees it, in region us-east-1. */
  ObjectCatalog objectCatalog() {
    return new CatalogObjectStore(catalog, "us-east-1");
  }

  @Override
  public void close() throws IOException {
    blobs.close();
    log.close();
    catalog.close();
  }
}
