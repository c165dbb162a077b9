package io.cairn.volumes.host;

import java.io.IOException;
import java.util.Collection;

/** An attach or detach named a host that is not configured. */
public final class NoSuchHostException extends IOException {
  private static final long serialVersionUID = 1L;

  public NoSuchHostException(String host, Collection<String> known) {
    super("no host named '" + host + "' is configured (known hosts: " + String.join(", ", known) + ")");
  }
}
