package io.cairn.volumes.host;

import java.io.IOException;
import java.util.List;

/** Runs one program on the host and fails with its output when it does not exit 0. */
@FunctionalInterface
public interface CommandRunner {

  /** Returns the program's standard output; throws {@link HostCommandException} on a non-zero exit or timeout. */
  String run(List<String> argv) throws IOException;
}
