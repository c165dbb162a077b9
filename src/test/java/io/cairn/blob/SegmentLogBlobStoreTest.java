package io.cairn.blob;

import io.cairn.log.SegmentLog;
import io.cairn.medium.CrashMode;
import io.cairn.medium.FaultyMedium;
import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.file.Path;

/** The contract on the real log: {@link SegmentLog} over a (fault-free) {@link FaultyMedium}. */
class SegmentLogBlobStoreTest extends BlobStoreContractTest {

  @Override
  protected Env newEnv(Path dir) throws IOException {
    FaultyMedium medium = new FaultyMedium(new LocalMedium(dir), 11);
    return new Env() {
      SegmentLog log;

      @Override
      public LogBlobStore open(BlobStoreConfig config, java.util.concurrent.ScheduledExecutorService scheduler)
          throws IOException {
        log = SegmentLog.open(medium, StoreHarness.LOG_CONFIG);
        return LogBlobStore.open(log, medium, config, scheduler);
      }

      @Override
      public void shutdown(LogBlobStore store) throws IOException {
        store.close();
        log.close();
      }

      @Override
      public void crash(LogBlobStore store) throws IOException {
        medium.crash(CrashMode.TEAR);
      }

      @Override
      public void close() throws IOException {
        medium.close();
      }
    };
  }
}
