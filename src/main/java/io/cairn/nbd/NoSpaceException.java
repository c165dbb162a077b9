package io.cairn.nbd;

import java.io.IOException;

/** Thrown by a {@link BlockExport} when a write cannot be stored for lack of space or quota. */
public class NoSpaceException extends IOException {
  public NoSpaceException(String message) {
    super(message);
  }
}
