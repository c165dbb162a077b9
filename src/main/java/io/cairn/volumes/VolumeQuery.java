package io.cairn.volumes;

import java.util.List;
import java.util.Map;

/**
 * Which volumes or snapshots to describe: explicit ids (all must exist), EC2-style filters (name
 * to accepted values; a resource matches when every filter has a matching value), and a page.
 *
 * @param maxResults page size, or 0 for everything
 * @param nextToken where the previous page stopped, or null
 */
public record VolumeQuery(List<String> ids, Map<String, List<String>> filters, int maxResults, String nextToken) {
  public static VolumeQuery all() {
    return new VolumeQuery(List.of(), Map.of(), 0, null);
  }
}
