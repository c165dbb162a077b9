package io.cairn.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real programs integration tests drive (qemu, nbd tools, aws cli). A missing program
 * fails the test with the Debian package to install: tests never skip silently.
 */
public final class Programs {
  private Programs() {}

  /** The absolute path of {@code name} from /usr/bin, /usr/sbin, /bin or /usr/local/bin. */
  public static Path require(String name, String debianPackage) {
    for (String dir : new String[] {"/usr/bin", "/usr/sbin", "/bin", "/usr/local/bin"}) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(
        name + " is required by this test but is not installed: apt-get install -y " + debianPackage
            + " (bin/test installs it)");
  }
}
