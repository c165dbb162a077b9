package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.blob.BlobStoreConfig;
import io.cairn.blob.LogBlobStore;
import io.cairn.catalog.Catalog;
import io.cairn.catalog.VolumeDraft;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanSweepTest {
  @TempDir Path dir;

  @Test
  void sweep_deletesBlobsNoRowNames_andKeepsTheOthers() throws Exception {
    LocalMedium medium = new LocalMedium(dir.resolve("segments"));
    try (SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults());
        LogBlobStore blobs = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), null);
        Catalog catalog = Catalog.open(dir.resolve("catalog.db"), Clock.systemUTC(), new SecureRandom())) {
      long kept = blobs.create(4096).blobId();
      long orphanA = blobs.create(4096).blobId();
      long orphanB = blobs.create(4096).blobId();
      String vol = catalog.volumes().create(VolumeDraft.of("alice", 4096, "us-east-1a")).id();
      catalog.volumes().setBlob(vol, kept);

      assertThat(OrphanSweep.sweep(catalog, blobs)).isEqualTo(2);
      assertThat(blobs.blobIds()).containsExactly(kept).doesNotContain(orphanA, orphanB);
      assertThat(OrphanSweep.sweep(catalog, blobs)).isZero();
    }
  }

  @Test
  void sweep_whenMostBlobsLookOrphaned_deletesNothing() throws Exception {
    LocalMedium medium = new LocalMedium(dir.resolve("segments"));
    try (SegmentLog log = SegmentLog.open(medium, SegmentLogConfig.defaults());
        LogBlobStore blobs = LogBlobStore.open(log, medium, BlobStoreConfig.defaults(), null);
        Catalog emptyCatalog = Catalog.open(dir.resolve("other.db"), Clock.systemUTC(), new SecureRandom())) {
      for (int i = 0; i <= OrphanSweep.GUARD_MIN; i++) {
        blobs.create(512);
      }
      assertThat(OrphanSweep.sweep(emptyCatalog, blobs)).isZero();
      assertThat(blobs.blobIds()).hasSize(OrphanSweep.GUARD_MIN + 1);
    }
  }
}
