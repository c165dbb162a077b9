package io.cairn.nbd;

/**
 * What the NBD server reports. Called on the request path from many threads at once, so
 * implementations must be thread-safe and cheap (no allocation per call).
 */
public interface NbdMetrics {

  /** A command finished; {@code errno} is 0 on success, else the NBD error sent to the client. */
  void commandCompleted(NbdCommand command, long nanos, long bytes, int errno);

  void connectionOpened();

  void connectionClosed();

  /** A connection was hard-disconnected for a protocol violation (bad magic, absurd length). */
  void protocolViolation();

  NbdMetrics NONE =
      new NbdMetrics() {
        @Override
        public void commandCompleted(NbdCommand command, long nanos, long bytes, int errno) {}

        @Override
        public void connectionOpened() {}

        @Override
        public void connectionClosed() {}

        @Override
        public void protocolViolation() {}
      };
}
