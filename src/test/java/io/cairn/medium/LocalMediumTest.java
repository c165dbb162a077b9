package io.cairn.medium;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalMediumTest extends MediumContractTest {
  @TempDir Path dir;

  @Override
  protected Medium newMedium() throws IOException {
    return new LocalMedium(dir.resolve("medium"));
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
