package io.cairn.volumes.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values a host command pattern may name: {@code {vm}}, {@code {device}}, {@code {export}},
 * {@code {host}}, {@code {port}}, {@code {mode}}, {@code {readonly}}, {@code {volume}}, plus the
 * host's own settings (for example {@code {socket}} or {@code {uri}}).
 *
 * <p>Values that come from users (vm, device) are restricted to a safe alphabet: commands run
 * without a shell, but a VM name still ends up inside XML and JSON documents and device paths.
 */
public record AttachParameters(
    String volume, String vm, String device, AttachMode mode, String exportHost, int exportPort, String exportName) {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

  public AttachParameters {
    requireSafe("volume", volume);
    requireSafe("vm", vm);
    requireSafe("device", device);
    requireSafe("export", exportName);
    requireSafe("export host", exportHost);
    if (mode == null) {
      throw new IllegalArgumentException("mode is required (rw or ro)");
    }
    if (exportPort <= 0 || exportPort > 65535) {
      throw new IllegalArgumentException("bad export port " + exportPort);
    }
  }

  private static void requireSafe(String what, String value) {
    if (value == null || !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be 1-128 characters of letters, digits and . _ : @ - (got '" + value + "')");
    }
  }

  /** Every placeholder value, host settings first so the fixed names cannot be overridden. */
  public Map<String, String> values(Map<String, String> hostSettings) {
    Map<String, String> v = new LinkedHashMap<>(hostSettings);
    v.put("volume", volume);
    v.put("vm", vm);
    v.put("device", device);
    v.put("mode", mode.code());
    v.put("readonly", Boolean.toString(mode == AttachMode.RO));
    v.put("host", exportHost);
    v.put("port", Integer.toString(exportPort));
    v.put("export", exportName);
    return v;
  }
}
