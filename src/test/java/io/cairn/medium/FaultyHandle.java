package io.cairn.medium;

import java.io.IOException;

/** An open handle; {@code release} closes its delegate when the machine "loses power". */
abstract class FaultyHandle {
  final FaultyMedium medium;
  final String name;
  final long bornIn;
  volatile boolean closed;

  FaultyHandle(FaultyMedium medium, String name, long bornIn) {
    this.medium = medium;
    this.name = name;
    this.bornIn = bornIn;
  }

  /** Call under the shared lock. */
  void checkAlive() throws IOException {
    if (bornIn != medium.epoch()) {
      throw new IOException("medium crashed; handle of " + name + " is dead");
    }
  }

  abstract void release() throws IOException;
}
