package io.cairn.medium;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The fault injector, with no faults configured, must itself keep the whole contract. */
class FaultyMediumContractTest extends MediumContractTest {
  @TempDir Path dir;

  @Override
  protected Medium newMedium() throws IOException {
    return new FaultyMedium(new LocalMedium(dir.resolve("medium")), 1);
  }

  @Override
  protected boolean writesInPlace() {
    return true;
  }

  @Override
  protected Medium reopen() throws IOException {
    return new LocalMedium(dir.resolve("medium"));
  }
}
