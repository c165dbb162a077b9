package io.cairn.log;

import java.io.IOException;

/** A record whose bytes do not match their CRC32C. Never returned as data. */
public final class CorruptRecordException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptRecordException(String message) {
    super(message);
  }
}
