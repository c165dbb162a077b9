package io.cairn.blob;

import io.cairn.log.RecordLog;
import java.time.Duration;

/**
 * Settings of a {@link LogBlobStore}.
 *
 * @param recordPayload largest payload of one data, link or checkpoint record; larger writes are
 *     split (default 1 MiB, at most {@link RecordLog#MAX_PAYLOAD})
 * @param compactThreshold a sealed segment is compacted when its live bytes are below this
 *     fraction of its size (default 0.5)
 * @param checkpointBytes a checkpoint is started after this many bytes were appended since the
 *     last one (default 256 MiB); bounds the replay after a crash
 * @param checkpointInterval a checkpoint is started this long after the last one if anything
 *     changed (default 5 minutes)
 */
public record BlobStoreConfig(int recordPayload, double compactThreshold, long checkpointBytes, Duration checkpointInterval) {

  public BlobStoreConfig {
    if (recordPayload < 4096 || recordPayload > RecordLog.MAX_PAYLOAD) {
      throw new IllegalArgumentException("recordPayload must be in [4096, " + RecordLog.MAX_PAYLOAD + "]: " + recordPayload);
    }
    if (!(compactThreshold > 0 && compactThreshold <= 1)) {
      throw new IllegalArgumentException("compactThreshold must be in (0, 1]: " + compactThreshold);
    }
    if (checkpointBytes <= 0) {
      throw new IllegalArgumentException("checkpointBytes must be positive: " + checkpointBytes);
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException("checkpointInterval must be positive: " + checkpointInterval);
    }
  }

  public static BlobStoreConfig defaults() {
    return new BlobStoreConfig(1 << 20, 0.5, 256L << 20, Duration.ofMinutes(5));
  }

  public BlobStoreConfig withRecordPayload(int bytes) {
    return new BlobStoreConfig(bytes, compactThreshold, checkpointBytes, checkpointInterval);
  }

  public BlobStoreConfig withCompactThreshold(double fraction) {
    return new BlobStoreConfig(recordPayload, fraction, checkpointBytes, checkpointInterval);
  }

  public BlobStoreConfig withCheckpointBytes(long bytes) {
    return new BlobStoreConfig(recordPayload, compactThreshold, bytes, checkpointInterval);
  }

  public BlobStoreConfig withCheckpointInterval(Duration interval) {
    return new BlobStoreConfig(recordPayload, compactThreshold, checkpointBytes, interval);
  }
}
