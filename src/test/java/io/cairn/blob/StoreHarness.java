package io.cairn.blob;

import io.cairn.log.RecordLog;
import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.CrashMode;
import io.cairn.medium.FaultyMedium;
import io.cairn.medium.LocalMedium;
import io.cairn.medium.Medium;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** A store on a log that can crash: what the randomized test drives. */
interface StoreHarness {

  BlobStoreConfig CONFIG = BlobStoreConfig.defaults().withRecordPayload(64 * 1024);

  LogBlobStore open() throws IOException;

  RecordLog log();

  /** Arms or disarms random I/O faults (a no-op where the medium cannot fail). */
  void faults(boolean on);

  /** Power loss: unsynced bytes may vanish or tear. */
  void crash(LogBlobStore store) throws IOException;

  void shutdown(LogBlobStore store) throws IOException;

  void close(LogBlobStore store) throws IOException;

  /** Segments small enough that a test run rolls and compacts many of them. */
  SegmentLogConfig LOG_CONFIG = SegmentLogConfig.defaults().withSegmentSize(192 * 1024).withWriteBufferSize(64 * 1024);

  /** The real thing: {@link SegmentLog} on a {@link FaultyMedium} over a local directory. */
  static StoreHarness create(Path dir, long seed) throws IOException {
    return new SegmentHarness(dir, seed);
  }

  final class SegmentHarness implements StoreHarness {
    private final FaultyMedium medium;
    private final Random rnd;
    private SegmentLog log;

    SegmentHarness(Path dir, long seed) throws IOException {
      this.medium = new FaultyMedium(new LocalMedium(dir), seed);
      this.rnd = new Random(seed ^ 0x2545F4914F6CDD1DL);
    }

    @Override
    public LogBlobStore open() throws IOException {
      log = SegmentLog.open(medium, LOG_CONFIG);
      return LogBlobStore.open(log, medium, CONFIG, null);
    }

    @Override
    public RecordLog log() {
      return log;
    }

    @Override
    public void faults(boolean on) {
      double p = on ? 0.25 : 0;
      medium.failureProbability(FaultyMedium.Op.APPEND, p);
      medium.failureProbability(FaultyMedium.Op.FLUSH, p);
      medium.failureProbability(FaultyMedium.Op.SYNC, p);
      // Renames: a segment kept as a spare, a spare taken for a new segment (SpareSegments).
      medium.failureProbability(FaultyMedium.Op.RENAME, p);
      medium.partialAppendFailures(on);
    }

    @Override
    public void crash(LogBlobStore store) throws IOException {
      faults(false);
      medium.crash(CrashMode.values()[rnd.nextInt(3)]);
    }

    @Override
    public void shutdown(LogBlobStore store) throws IOException {
      store.close();
      log.close();
    }

    @Override
    public void close(LogBlobStore store) throws IOException {
      store.close();
      log.close();
      medium.close();
    }

    long injectedFaults() {
      return medium.injectedFaults();
    }
  }

  /** The in-memory log fixture, index on a local directory. */
  final class MemoryHarness implements StoreHarness {
    private final Medium medium;
    private final Random rnd;
    private MemoryRecordLog log = new MemoryRecordLog(200 * 1024);

    MemoryHarness(Path dir, long seed) throws IOException {
      this.medium = new LocalMedium(dir);
      this.rnd = new Random(seed ^ 0x5DEECE66DL);
    }

    @Override
    public LogBlobStore open() throws IOException {
      return LogBlobStore.open(log, medium, CONFIG, null);
    }

    @Override
    public RecordLog log() {
      return log;
    }

    @Override
    public void faults(boolean on) {}

    @Override
    public void crash(LogBlobStore store) {
      log = log.crash(rnd);
    }

    @Override
    public void shutdown(LogBlobStore store) throws IOException {
      store.close();
      log = log.crash(rnd);
    }

    @Override
    public void close(LogBlobStore store) throws IOException {
      store.close();
      medium.close();
    }
  }
}
