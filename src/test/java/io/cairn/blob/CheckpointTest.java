package io.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  @TempDir Path dir;

  @Test
  void checkpoint_largeUnchangedMap_isWrittenOnceAndReusedThenRecovered() throws IOException {
    BlobStoreConfig config = BlobStoreConfig.defaults().withRecordPayload(16 * 1024);
    MemoryRecordLog log = new MemoryRecordLog(1 << 20);
    try (LocalMedium medium = new LocalMedium(dir)) {
      LogBlobStore store = LogBlobStore.open(log, medium, config, null);
      Blob big = store.create(0);
      Random rnd = new Random(5);
      byte[] one = new byte[1];
      for (int i = 0; i < 20_000; i++) {
        rnd.nextBytes(one);
        big.write(i * 3L, ByteBuffer.wrap(one));
      }
      BlobVersion v = big.snapshot();
      Blob small = store.create(0);
      small.write(0, ByteBuffer.wrap(new byte[] {1, 2, 3}));
      store.checkpoint();
      long afterFirst = bytes(log);
      small.write(1, ByteBuffer.wrap(new byte[] {9}));
      store.checkpoint();
      long secondCost = bytes(log) - afterFirst;
      assertThat(afterFirst).isGreaterThan(20_000 * 10L);
      assertThat(secondCost).as("unchanged big map and its version are not rewritten").isLessThan(2_000);

      byte[] head = BlobStoreContractTest.readAll(big);
      store.close();
      log = log.crash(new Random(1));
      store = LogBlobStore.open(log, medium, config, null);
      assertThat(BlobStoreContractTest.readAll(store.open(big.blobId()))).isEqualTo(head);
      assertThat(BlobStoreContractTest.readAll(store.version(big.blobId(), v.number()))).isEqualTo(head);
      assertThat(BlobStoreContractTest.readAll(store.open(small.blobId()))).containsExactly(1, 9, 3);
      long before = bytes(log);
      store.checkpoint();
      assertThat(bytes(log) - before).as("reuse survives a restart").isLessThan(2_000);
      store.close();
    }
  }

  @Test
  void write_pastCheckpointBytesWithSchedulerShutDown_stillSucceeds() throws Exception {
    java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    MemoryRecordLog log = new MemoryRecordLog(1 << 20);
    try (LocalMedium medium = new LocalMedium(dir)) {
      LogBlobStore store = LogBlobStore.open(log, medium, BlobStoreConfig.defaults().withCheckpointBytes(1000), scheduler);
      scheduler.shutdown();
      Blob b = store.create(0);
      for (int i = 0; i < 5; i++) {
        b.write(i * 4096L, ByteBuffer.wrap(new byte[4096]));
      }
      assertThat(b.size()).isEqualTo(5 * 4096);
      store.close();
    }
  }

  private static long bytes(MemoryRecordLog log) {
    return log.segments().stream().mapToLong(s -> s.bytes()).sum();
  }
}
