package io.cairn.catalog;

import java.util.Map;

/** What CreateVolume stores; the catalog adds the id, state {@code CREATING} and time. */
public record VolumeDraft(
    String owner,
    long size,
    String description,
    String availabilityZone,
    String sourceSnapshotId,
    Map<String, String> tags) {

  public static VolumeDraft of(String owner, long size, String availabilityZone) {
    return new VolumeDraft(owner, size, null, availabilityZone, null, Map.of());
  }
}
