package io.cairn.nbd;

import java.io.IOException;

/** The peer broke a MUST of proto.md (bad magic, absurd length, unknown client flags). */
final class ProtocolViolationException extends IOException {
  ProtocolViolationException(String message) {
    super(message);
  }
}
