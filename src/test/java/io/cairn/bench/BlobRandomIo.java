package io.cairn.bench;

import io.cairn.blob.Blob;
import io.cairn.log.LogStats;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * 4 KiB random I/O on the {@link BlobFixture}'s full blob against {@code pread}/{@code pwrite} on
 * its raw file of the same size (the peer: what qemu-nbd does on a raw image). One thread, aligned
 * offsets drawn from the same seeded sequence for both. Writes: a sync ({@code fdatasync} on the
 * raw file, {@code Blob.sync} on the blob) after every {@code --sync-every-writes} (default 32).
 * Reads run first, on the blob as written in 1 MiB records; both files are in the page cache
 * unless the machine is short of memory, so reads compare the software path, not the disk.
 */
final class BlobRandomIo implements Benchmark {
  private static final int BLOCK = 4096;

  @Override
  public String name() {
    return "blob-random";
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    int readOps = ctx.options().intValue("read-ops", 65536);
    int writeOps = ctx.options().intValue("write-ops", 8192);
    int syncEvery = ctx.options().intValue("sync-every-writes", 32);
    int runs = ctx.options().intValue("runs", 1);
    BlobFixture fx = BlobFixture.shared(ctx);
    Blob blob = fx.full;
    long blocks = fx.size / BLOCK;
    ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
    ByteBuffer data = LogLocalAppend.randomDirect(BLOCK, 5);

    try (FileChannel raw = FileChannel.open(fx.rawFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      // Warm-up of the JIT on both paths, not recorded.
      // C2 compiles the read path after some 10,000 calls, later on a loaded machine.
      preads(raw, buf, blocks, 30_000, -1);
      blobReads(blob, buf, blocks, 30_000, -1);
      pwrites(raw, data, blocks, 256, syncEvery, -1);
      blobWrites(blob, data, blocks, 256, syncEvery, -1);

      String rawRead = "FileChannel pread";
      String blobRead = "LogBlobStore Blob.read";
      Map<String, Long> reads = new Cases()
          .add(rawRead, round -> preads(raw, buf, blocks, readOps, round))
          .add(blobRead, round -> blobReads(blob, buf, blocks, readOps, round))
          .run(runs);
      String rg = "4 KiB random reads, " + (fx.size >> 20) + " MiB, 1 thread";
      table.baseline(rg, rawRead, opsPerSecond(readOps, reads.get(rawRead)), "ops/s",
          readOps + " reads from the page cache");
      table.row(rg, blobRead, opsPerSecond(readOps, reads.get(blobRead)), "ops/s",
          (fx.config.recordPayload() >> 10) + " KiB records, CRC-checked; NBD target >= 1.0");

      String rawWrite = "FileChannel pwrite, fdatasync every " + syncEvery;
      String blobWrite = "LogBlobStore Blob.write, sync every " + syncEvery;
      LogStats[] blobStats = new LogStats[2];
      Map<String, Long> writes = new Cases()
          .add(rawWrite, round -> pwrites(raw, data, blocks, writeOps, syncEvery, round))
          .add(blobWrite, round -> {
            LogStats before = fx.log.stats();
            long t = blobWrites(blob, data, blocks, writeOps, syncEvery, round);
            blobStats[0] = before;
            blobStats[1] = fx.log.stats();
            return t;
          })
          .run(runs);
      String wg = "4 KiB random writes, sync every " + syncEvery + ", 1 thread";
      table.baseline(wg, rawWrite, opsPerSecond(writeOps, writes.get(rawWrite)), "ops/s",
          writeOps + " writes into a preallocated " + (fx.size >> 20) + " MiB file");
      table.row(wg, blobWrite, opsPerSecond(writeOps, writes.get(blobWrite)), "ops/s", String.format(Locale.ROOT,
          "appends to the log: %d fdatasyncs for %d writes",
          blobStats[1].physicalSyncs() - blobStats[0].physicalSyncs(), writeOps));
    }
  }

  static double opsPerSecond(long ops, long nanos) {
    return ops / (nanos / 1e9);
  }

  /** Aligned random offsets; round -1 (warm-up) gets its own sequence. */
  private static Random offsets(int round) {
    return new Random(1000 + round);
  }

  private static long preads(FileChannel ch, ByteBuffer buf, long blocks, int ops, int round) throws Exception {
    Random r = offsets(round);
    long t0 = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      long at = r.nextLong(blocks) * BLOCK;
      buf.clear();
      while (buf.hasRemaining()) {
        if (ch.read(buf, at + buf.position()) < 0) {
          throw new java.io.EOFException("raw file ends before " + at);
        }
      }
    }
    return System.nanoTime() - t0;
  }

  private static long blobReads(Blob blob, ByteBuffer buf, long blocks, int ops, int round) throws Exception {
    Random r = offsets(round);
    long t0 = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      buf.clear();
      blob.read(r.nextLong(blocks) * BLOCK, buf);
    }
    return System.nanoTime() - t0;
  }

  private static long pwrites(FileChannel ch, ByteBuffer data, long blocks, int ops, int syncEvery, int round)
      throws Exception {
    Random r = offsets(round);
    long t0 = System.nanoTime();
    for (int i = 1; i <= ops; i++) {
      long at = r.nextLong(blocks) * BLOCK;
      ByteBuffer b = data.duplicate();
      while (b.hasRemaining()) {
        ch.write(b, at + b.position());
      }
      if (i % syncEvery == 0) {
        ch.force(false);
      }
    }
    ch.force(false);
    return System.nanoTime() - t0;
  }

  private static long blobWrites(Blob blob, ByteBuffer data, long blocks, int ops, int syncEvery, int round)
      throws Exception {
    Random r = offsets(round);
    long t0 = System.nanoTime();
    for (int i = 1; i <= ops; i++) {
      blob.write(r.nextLong(blocks) * BLOCK, data.duplicate());
      if (i % syncEvery == 0) {
        blob.sync();
      }
    }
    blob.sync();
    return System.nanoTime() - t0;
  }
}
