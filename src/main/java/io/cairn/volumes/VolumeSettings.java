package io.cairn.volumes;

import java.util.List;

/**
 * How the volume service is set up.
 *
 * @param region the region zones belong to
 * @param zones availability zones volumes may name; the first is the default
 * @param nbdHost the address hypervisor hosts use to reach Cairn's NBD listener
 * @param nbdPort its port
 * @param overcommit how many times the free disk space thin volumes may promise in total
 */
public record VolumeSettings(String region, List<String> zones, String nbdHost, int nbdPort, double overcommit) {
  public VolumeSettings {
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("at least one availability zone is needed");
    }
    zones = List.copyOf(zones);
    if (overcommit <= 0) {
      throw new IllegalArgumentException("overcommit must be positive");
    }
  }

  public static VolumeSettings defaults(int nbdPort) {
    return new VolumeSettings("us-east-1", List.of("us-east-1a"), "127.0.0.1", nbdPort, 4.0);
  }
}
