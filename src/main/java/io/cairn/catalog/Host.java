package io.cairn.catalog;

import java.time.Instant;

/**
 * A hypervisor host that volumes attach to. {@code settings} is a JSON document interpreted by the
 * volumes service (command templates, endpoints); the catalog stores it verbatim.
 */
public record Host(String name, Type type, String settings, Instant created) {
  public enum Type {
    LIBVIRT,
    QEMU_QMP,
    XEN,
    PROXMOX,
    MANUAL
  }
}
