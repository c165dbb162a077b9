package io.cairn.blob;

import java.io.IOException;

/** An unknown or deleted blob or version. */
public final class NoSuchBlobException extends IOException {
  private static final long serialVersionUID = 1L;

  public NoSuchBlobException(String message) {
    super(message);
  }
}
