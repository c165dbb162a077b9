package io.cairn.nbd;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: the real NBD clients the tests drive. A missing tool fails the test (never skips
 * it) with the Debian package to install, so CI cannot pass without exercising them.
 */
public enum ExternalTool {
  NBDINFO("nbdinfo", "libnbd-bin"),
  NBDCOPY("nbdcopy", "libnbd-bin"),
  NBDSH("nbdsh", "python3-libnbd"),
  QEMU_IO("qemu-io", "qemu-utils"),
  QEMU_IMG("qemu-img", "qemu-utils"),
  QEMU_NBD("qemu-nbd", "qemu-utils"),
  FIO("fio", "fio");

  private static final List<String> DIRS = List.of("/usr/bin", "/usr/sbin", "/bin", "/usr/local/bin");

  private final String binary;
  private final String debianPackage;

  ExternalTool(String binary, String debianPackage) {
    this.binary = binary;
    this.debianPackage = debianPackage;
  }

  /** The binary's path, or a test failure naming the package that provides it. */
  public Path path() {
    return locate(binary, debianPackage);
  }

  static Path locate(String binary, String debianPackage) {
    for (String dir : DIRS) {
      Path p = Path.of(dir, binary);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return fail(
        binary + " is required by this test but not installed: apt-get install -y " + debianPackage);
  }

  /** What a finished run printed. */
  public record Result(int exit, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  public Result run(String... args) throws IOException, InterruptedException {
    return run(180, args);
  }

  /**
   * Runs the tool with {@code PATH=/usr/bin:/bin} (so nbdsh finds Debian's python3 and its libnbd
   * module) and fails the test if it does not finish in time.
   */
  public Result run(int timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(path().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("PATH", "/usr/bin:/bin");
    env.remove("PYTHONPATH");
    env.remove("PYTHONHOME");
    Path out = Files.createTempFile("nbd-tool", ".out");
    Path err = Files.createTempFile("nbd-tool", ".err");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail(binary + " did not finish in " + timeoutSeconds + " s: " + String.join(" ", cmd));
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
