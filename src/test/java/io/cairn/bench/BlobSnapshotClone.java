package io.cairn.bench;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobVersion;
import io.cairn.medium.AppendFile;
import io.cairn.medium.LocalMedium;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Time of {@code Blob.snapshot()} and {@code BlobStore.cloneOf(version)} on the {@link
 * BlobFixture}'s full blob and on a thin blob ({@code --thin-gib}, default 100) holding {@code
 * --thin-extents} (default 100,000) separate 4 KiB extents spread over its size. Both operations
 * append one event and sync the log, so each includes one fdatasync; the baseline is that
 * fdatasync alone (a 64-byte append and sync on a {@link LocalMedium} on the same disk). Median and
 * max over {@code --snapshot-reps} (default 20) repetitions, the blobs taking turns; every clone and
 * version is deleted again outside the clock.
 */
final class BlobSnapshotClone implements Benchmark {
  private static final int EXTENT = 4096;

  @Override
  public String name() {
    return "blob-snapshot";
  }

  @Override
  public void run(BenchContext ctx, ResultTable table) throws Exception {
    long thinGib = ctx.options().longValue("thin-gib", 100);
    int extents = ctx.options().intValue("thin-extents", 100_000);
    int reps = ctx.options().intValue("snapshot-reps", 20);
    BlobFixture fx = BlobFixture.shared(ctx);

    Blob thin = thinBlob(fx, thinGib << 30, extents);
    LocalMedium probe = new LocalMedium(ctx.scratch(name()).resolve("probe"));
    ByteBuffer small = LogLocalAppend.randomDirect(64, 6);

    List<Long> fsync = new ArrayList<>();
    List<Long> fullSnap = new ArrayList<>();
    List<Long> fullClone = new ArrayList<>();
    List<Long> thinSnap = new ArrayList<>();
    List<Long> thinClone = new ArrayList<>();
    try (AppendFile f = probe.create("fsync-probe")) {
      for (int rep = -2; rep < reps; rep++) { // two warm-up repetitions, not recorded
        boolean keep = rep >= 0;
        long t0 = System.nanoTime();
        f.append(small.duplicate());
        f.sync();
        long t = System.nanoTime() - t0;
        if (keep) {
          fsync.add(t);
        }
        snapshotAndClone(fx, fx.full, keep ? fullSnap : new ArrayList<>(), keep ? fullClone : new ArrayList<>());
        snapshotAndClone(fx, thin, keep ? thinSnap : new ArrayList<>(), keep ? thinClone : new ArrayList<>());
      }
    }
    fx.store.delete(thin.blobId());

    String g = "snapshot / clone, " + reps + " reps, ms";
    String fullName = (fx.size >> 20) + " MiB full blob";
    String thinName = thinGib + " GiB thin blob, " + extents + " extents";
    table.baseline(g, "fdatasync of a 64-byte append, median", millis(median(fsync)), "ms",
        String.format(Locale.ROOT, "max %.1f ms; each operation below includes one", millis(max(fsync))));
    row(table, g, "snapshot, " + fullName, fullSnap, 10);
    row(table, g, "clone, " + fullName, fullClone, 10);
    row(table, g, "snapshot, " + thinName, thinSnap, 50);
    row(table, g, "clone, " + thinName, thinClone, 50);
  }

  private static void row(ResultTable table, String group, String name, List<Long> nanos, double targetMs) {
    double med = millis(median(nanos));
    double mx = millis(max(nanos));
    table.row(group, name + ", median", med, "ms", String.format(Locale.ROOT, "max %.1f ms; target < %.0f ms: %s",
        mx, targetMs, mx < targetMs ? "met (max)" : med < targetMs ? "median met, max missed" : "MISSED"));
  }

  private static void snapshotAndClone(BlobFixture fx, Blob blob, List<Long> snaps, List<Long> clones)
      throws Exception {
    long t0 = System.nanoTime();
    BlobVersion v = blob.snapshot();
    long t1 = System.nanoTime();
    Blob clone = fx.store.cloneOf(v);
    long t2 = System.nanoTime();
    snaps.add(t1 - t0);
    clones.add(t2 - t1);
    if (clone.size() != blob.size()) {
      throw new IllegalStateException("clone of " + blob + " has size " + clone.size() + ", not " + blob.size());
    }
    fx.store.delete(clone.blobId());
    fx.store.deleteVersion(v);
  }

  /** A blob of {@code size} bytes with {@code extents} separate 4 KiB extents, evenly spread. */
  private static Blob thinBlob(BlobFixture fx, long size, int extents) throws Exception {
    long stride = size / extents / EXTENT * EXTENT;
    if (stride <= EXTENT) {
      throw new IllegalArgumentException(extents + " separate 4 KiB extents do not fit in " + size + " bytes");
    }
    Bench.progress(String.format("writing a %d GiB thin blob with %d extents", size >> 30, extents));
    long t0 = System.nanoTime();
    ByteBuffer data = LogLocalAppend.randomDirect(EXTENT, 7);
    Blob thin = fx.store.create(size);
    for (int i = 0; i < extents; i++) {
      thin.write(i * stride, data.duplicate());
    }
    thin.sync();
    int mapped = thin.extents(0, size).size();
    if (mapped != extents) {
      throw new IllegalStateException("thin blob has " + mapped + " extents, expected " + extents);
    }
    Bench.progress(String.format("thin blob written in %.1f s", (System.nanoTime() - t0) / 1e9));
    return thin;
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static long max(List<Long> xs) {
    return Collections.max(xs);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
