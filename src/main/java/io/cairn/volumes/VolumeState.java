package io.cairn.volumes;

/** EBS volume states as EC2 names them. */
public enum VolumeState {
  CREATING("creating"),
  AVAILABLE("available"),
  IN_USE("in-use"),
  DELETING("deleting"),
  DELETED("deleted"),
  ERROR("error");

  private final String code;

  VolumeState(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static VolumeState of(String code) {
    for (VolumeState s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown volume state " + code);
  }
}
