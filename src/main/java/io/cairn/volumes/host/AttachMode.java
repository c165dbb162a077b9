package io.cairn.volumes.host;

/** How a VM sees a volume: read-write (exclusive) or read-only (shareable by many VMs). */
public enum AttachMode {
  RW("rw"),
  RO("ro");

  private final String code;

  AttachMode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static AttachMode of(String code) {
    for (AttachMode m : values()) {
      if (m.code.equalsIgnoreCase(code)) {
        return m;
      }
    }
    throw new IllegalArgumentException("attach mode must be rw or ro, not '" + code + "'");
  }
}
