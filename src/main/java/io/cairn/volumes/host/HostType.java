package io.cairn.volumes.host;

import java.util.List;
import java.util.Map;

/**
 * A kind of hypervisor host (libvirt, QEMU QMP, Xen, Proxmox, manual): the command patterns
 * that attach a volume's NBD export to a VM and detach it again. A new hypervisor is a new entry
 * in the hosts configuration, not new code (VBS's "command line extraction").
 *
 * @param settings default values of the type's own placeholders; a host may override them
 * @param modes extra placeholder values for each attach mode ({@code rw}, {@code ro})
 */
public record HostType(
    String name,
    Map<String, String> settings,
    Map<String, Map<String, String>> modes,
    List<StepTemplate> attach,
    List<StepTemplate> detach) {
  public HostType {
    settings = Map.copyOf(settings);
    modes = Map.copyOf(modes);
    attach = List.copyOf(attach);
    detach = List.copyOf(detach);
  }

  /** Placeholder values for one attachment: type defaults, then host settings, then the mode's. */
  Map<String, String> valuesFor(Map<String, String> hostSettings, AttachMode mode) {
    Map<String, String> v = new java.util.HashMap<>(settings);
    v.putAll(hostSettings);
    v.putAll(modes.getOrDefault(mode.code(), Map.of()));
    return v;
  }
}
