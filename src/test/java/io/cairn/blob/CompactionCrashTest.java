package io.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** A crash in the middle of a compaction leaves both copies of records; recovery must cope. */
class CompactionCrashTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = MemoryRecordLog.CompactionStop.class, names = {"BEFORE_PERSIST", "BEFORE_DELETE"})
  void compact_crashMidway_recoversFromDuplicateRecords(MemoryRecordLog.CompactionStop stop) throws IOException {
    BlobStoreConfig config = BlobStoreConfig.defaults().withRecordPayload(16 * 1024);
    MemoryRecordLog log = new MemoryRecordLog(64 * 1024);
    try (LocalMedium medium = new LocalMedium(dir)) {
      LogBlobStore store = LogBlobStore.open(log, medium, config, null);
      Blob a = store.create(0);
      Blob b = store.create(0);
      for (int i = 0; i < 40; i++) {
        a.write(i * 1000L, ByteBuffer.wrap(BlobStoreContractTest.bytes(i, 1000)));
        b.write(0, ByteBuffer.wrap(BlobStoreContractTest.bytes(100 + i, 8000)));
      }
      BlobVersion v = a.snapshot();
      store.checkpoint();
      // Records after the checkpoint, in the segments being compacted too: replay must see
      // them once even when two copies exist.
      a.write(5, ByteBuffer.wrap(BlobStoreContractTest.bytes(999, 10)));
      Blob c = store.cloneOf(v);
      store.sync();
      byte[] headA = BlobStoreContractTest.readAll(a);
      byte[] headB = BlobStoreContractTest.readAll(b);
      byte[] version = BlobStoreContractTest.readAll(v);
      log.rollNow();
      log.stop = stop;
      assertThatThrownBy(store::compact).hasMessageContaining("injected");
      log = log.crash(new Random(2));
      assertThat(log.segments().size()).isGreaterThan(2);
      store = LogBlobStore.open(log, medium, config, null);
      assertThat(BlobStoreContractTest.readAll(store.open(a.blobId()))).isEqualTo(headA);
      assertThat(BlobStoreContractTest.readAll(store.open(b.blobId()))).isEqualTo(headB);
      assertThat(BlobStoreContractTest.readAll(store.version(a.blobId(), v.number()))).isEqualTo(version);
      assertThat(BlobStoreContractTest.readAll(store.open(c.blobId()))).isEqualTo(version);
      // And the store compacts fine afterwards, dropping the duplicates.
      log.rollNow();
      assertThat(store.compact()).isPositive();
      assertThat(BlobStoreContractTest.readAll(store.open(a.blobId()))).isEqualTo(headA);
      store.close();
      log = log.crash(new Random(3));
      store = LogBlobStore.open(log, medium, config, null);
      assertThat(BlobStoreContractTest.readAll(store.open(c.blobId()))).isEqualTo(version);
      store.close();
    }
  }
}
