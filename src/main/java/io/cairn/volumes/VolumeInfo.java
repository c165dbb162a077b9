package io.cairn.volumes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A volume as users see it (EC2 DescribeVolumes, REST, CLI). Sizes are in bytes. */
public record VolumeInfo(
    String id,
    String owner,
    long sizeBytes,
    VolumeState state,
    String stateReason,
    String description,
    String zone,
    String snapshotId,
    Instant created,
    Map<String, String> tags,
    List<AttachmentInfo> attachments) {

  public static final long GIB = 1L << 30;

  /** Size in whole GiB as EC2 reports it (rounded up). */
  public long sizeGib() {
    return (sizeBytes + GIB - 1) / GIB;
  }
}
