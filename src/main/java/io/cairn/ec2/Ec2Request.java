package io.cairn.ec2;

import io.cairn.volumes.VolumeError;
import io.cairn.volumes.VolumeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one EC2 Query API request ({@code Action=...&Version=...&...}), with EC2's
 * conventions for lists ({@code VolumeId.1}, {@code VolumeId.2}), filters ({@code
 * Filter.1.Name}, {@code Filter.1.Value.1}) and tag specifications.
 */
public final class Ec2Request {
  private final Map<String, String> params;

  public Ec2Request(Map<String, String> params) {
    this.params = Map.copyOf(params);
  }

  public String action() {
    return params.getOrDefault("Action", "");
  }

  public String optional(String name) {
    String v = params.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  public String required(String name) throws VolumeException {
    String v = optional(name);
    if (v == null) {
      throw new VolumeException(VolumeError.MISSING_PARAMETER, "The request must contain the parameter " + name);
    }
    return v;
  }

  public long requiredLong(String name) throws VolumeException {
    return parseLong(name, required(name));
  }

  public int optionalInt(String name, int fallback) throws VolumeException {
    String v = optional(name);
    return v == null ? fallback : Math.toIntExact(parseLong(name, v));
  }

  public boolean optionalBoolean(String name) throws VolumeException {
    String v = optional(name);
    if (v == null) {
      return false;
    }
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new VolumeException(VolumeError.INVALID_PARAMETER, "Value (" + v + ") for parameter " + name + " is invalid. Expected true or false.");
    }
    return Boolean.parseBoolean(v);
  }

  private static long parseLong(String name, String v) throws VolumeException {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new VolumeException(VolumeError.INVALID_PARAMETER, "Value (" + v + ") for parameter " + name + " is invalid. Expected an integer.");
    }
  }

  /** {@code prefix.1}, {@code prefix.2}, ... until the first gap. */
  public List<String> list(String prefix) {
    List<String> out = new ArrayList<>();
    for (int i = 1; params.containsKey(prefix + "." + i); i++) {
      out.add(params.get(prefix + "." + i));
    }
    return out;
  }

  /** {@code Filter.N.Name} → its {@code Filter.N.Value.M} values. */
  public Map<String, List<String>> filters() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 1; params.containsKey("Filter." + i + ".Name"); i++) {
      out.computeIfAbsent(params.get("Filter." + i + ".Name"), k -> new ArrayList<>()).addAll(list("Filter." + i + ".Value"));
    }
    return out;
  }

  /** Tags of {@code TagSpecification.N} entries whose ResourceType is {@code resourceType}. */
  public Map<String, String> tags(String resourceType) throws VolumeException {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1; params.containsKey("TagSpecification." + i + ".ResourceType"); i++) {
      String type = params.get("TagSpecification." + i + ".ResourceType");
      if (!type.equals(resourceType)) {
        throw new VolumeException(VolumeError.INVALID_PARAMETER, "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      String base = "TagSpecification." + i + ".Tag.";
      for (int j = 1; params.containsKey(base + j + ".Key"); j++) {
        out.put(params.get(base + j + ".Key"), params.getOrDefault(base + j + ".Value", ""));
      }
    }
    return out;
  }
}
