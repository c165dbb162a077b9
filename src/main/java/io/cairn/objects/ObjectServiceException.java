package io.cairn.objects;

import java.io.IOException;

/** A refused object-service operation; nothing was changed. */
public final class ObjectServiceException extends IOException {
  private static final long serialVersionUID = 1L;

  private final ObjectError error;

  public ObjectServiceException(ObjectError error, String message) {
    super(message);
    this.error = error;
  }

  public ObjectError error() {
    return error;
  }
}
