package io.cairn.volumes.host;

import java.io.IOException;

/** A host command or QMP command that failed; the message carries what the host said. */
public final class HostCommandException extends IOException {
  private static final long serialVersionUID = 1L;

  public HostCommandException(String message) {
    super(message);
  }

  public HostCommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
