package io.cairn.medium;

import java.io.IOException;

/**
 * An I/O error thrown on purpose by {@link FaultyMedium}, so a test can tell injected faults from
 * real ones. Disk-full errors carry the message {@code "No space left on device"}.
 */
public final class InjectedFaultException extends IOException {
  InjectedFaultException(String message) {
    super(message);
  }
}
