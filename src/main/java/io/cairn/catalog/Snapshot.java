package io.cairn.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * A point-in-time snapshot of a volume: version {@code blobVersion} of blob {@code blobId} (0 until
 * the version is taken). Outlives its volume. {@code progress} is a percentage.
 */
public record Snapshot(
    String id,
    String volumeId,
    String owner,
    long blobId,
    long blobVersion,
    long size,
    String description,
    State state,
    String stateReason,
    int progress,
    Instant created,
    Map<String, String> tags) {

  public enum State {
    PENDING,
    COMPLETED,
    ERROR;

    /** The EC2 API spelling: {@code pending}, {@code completed}, {@code error}. */
    public String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
