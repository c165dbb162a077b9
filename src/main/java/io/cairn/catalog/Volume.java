package io.cairn.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * A block volume. {@code blobId} is 0 until the volumes service has created its blob; {@code
 * stateReason} explains {@link State#ERROR} (null otherwise); {@code sourceSnapshotId} is null for
 * an empty volume.
 */
public record Volume(
    String id,
    String owner,
    long size,
    State state,
    String stateReason,
    String description,
    String availabilityZone,
    long blobId,
    String sourceSnapshotId,
    Instant created,
    Map<String, String> tags) {

  /** EBS volume states; {@link #IN_USE} exactly while the volume has attachments. */
  public enum State {
    CREATING,
    AVAILABLE,
    IN_USE,
    DELETING,
    ERROR;

    /** The EC2 API spelling: {@code creating}, {@code in-use}, ... */
    public String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
