package io.cairn.blob;

import io.cairn.medium.LocalMedium;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** The contract on the in-memory log fixture, with the checkpoint index on a local directory. */
class MemoryLogBlobStoreTest extends BlobStoreContractTest {

  @Override
  protected Env newEnv(Path dir) throws IOException {
    Medium medium = new LocalMedium(dir);
    return new Env() {
      MemoryRecordLog log = new MemoryRecordLog(256 * 1024);
      final Random rnd = new Random(3);

      @Override
      public LogBlobStore open(BlobStoreConfig config, java.util.concurrent.ScheduledExecutorService scheduler)
          throws IOException {
        return LogBlobStore.open(log, medium, config, scheduler);
      }

      @Override
      public void shutdown(LogBlobStore store) throws IOException {
        store.close();
        log = log.crash(rnd); // everything was synced by close, so this only reseals segments
      }

      @Override
      public void crash(LogBlobStore store) {
        log = log.crash(rnd);
      }

      @Override
      public void close() throws IOException {
        medium.close();
      }
    };
  }
}
