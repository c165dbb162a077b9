package io.cairn.bench;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobStoreConfig;
import io.cairn.blob.LogBlobStore;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the blob benchmarks share in one run (built once, it writes {@code 2 x --blob-mib}): a
 * {@link LogBlobStore} on a {@link LocalMedium} (default settings but the data record size, {@code
 * --blob-record-kib}, default the engine's 1024), holding one fully written
 * blob of {@code --blob-mib} (default 1024), and a raw file of the same size on the same disk,
 * written and forced, as the baseline's preallocated file.
 */
final class BlobFixture implements AutoCloseable {
  private static final int CHUNK = 1 << 20;

  final BlobStoreConfig config;
  final LocalMedium medium;
  final SegmentLog log;
  final LogBlobStore store;
  final Blob full;
  final Path rawFile;
  final long size;

  private BlobFixture(BlobStoreConfig config, LocalMedium medium, SegmentLog log, LogBlobStore store, Blob full, Path rawFile, long size) {
    this.config = config;
    this.medium = medium;
    this.log = log;
    this.store = store;
    this.full = full;
    this.rawFile = rawFile;
    this.size = size;
  }

  static BlobFixture shared(BenchContext ctx) throws Exception {
    long mib = ctx.options().longValue("blob-mib", 1024);
    BlobStoreConfig defaults = BlobStoreConfig.defaults();
    long recordKib = ctx.options().longValue("blob-record-kib", defaults.recordPayload() >> 10);
    BlobStoreConfig config = defaults.withRecordPayload(Math.toIntExact(recordKib << 10));
    return ctx.shared("blob-fixture", () -> build(ctx.scratch("blob-store"), mib << 20, config));
  }

  private static BlobFixture build(Path dir, long size, BlobStoreConfig config) throws IOException {
    Bench.progress(String.format("writing a %d MiB blob and a raw file of the same size", size >> 20));
    long t0 = System.nanoTime();
    ByteBuffer chunk = LogLocalAppend.randomDirect(CHUNK, 4);
    Path raw = dir.resolve("raw.img");
    try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long at = 0; at < size; at += CHUNK) {
        ByteBuffer b = chunk.duplicate().limit((int) Math.min(CHUNK, size - at));
        while (b.hasRemaining()) {
          ch.write(b, at + b.position());
        }
      }
      ch.force(false);
    }
    LocalMedium medium = new LocalMedium(dir.resolve("medium"));
    SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults());
    LogBlobStore store = LogBlobStore.open(log, medium, config, null);
    Blob full = store.create(size);
    for (long at = 0; at < size; at += CHUNK) {
      full.write(at, chunk.duplicate().limit((int) Math.min(CHUNK, size - at)));
    }
    full.sync();
    Bench.progress(String.format("blob and raw file written in %.1f s", (System.nanoTime() - t0) / 1e9));
    return new BlobFixture(config, medium, log, store, full, raw, size);
  }

  @Override
  public void close() throws IOException {
    try {
      store.close();
    } finally {
      log.close();
    }
  }
}
