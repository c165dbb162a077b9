package io.cairn.volumes;

/** A volume operation refused or failed, with the reason every front end renders its own way. */
public final class VolumeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final VolumeError error;

  public VolumeException(VolumeError error, String message) {
    super(message);
    this.error = error;
  }

  public VolumeException(VolumeError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  public VolumeError error() {
    return error;
  }
}
