package io.cairn.volumes.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs programs with {@link ProcessBuilder}: no shell, a timeout, output captured for errors. */
final class ProcessCommandRunner implements CommandRunner {
  private static final int MAX_OUTPUT = 64 * 1024;

  private final Duration timeout;

  ProcessCommandRunner(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public String run(List<String> argv) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    } catch (IOException e) {
      throw new HostCommandException("cannot run '" + argv.get(0) + "': " + e.getMessage(), e);
    }
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), Thread::startVirtualThread);
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), Thread::startVirtualThread);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new HostCommandException("'" + String.join(" ", argv) + "' did not finish within " + timeout.toSeconds() + " s");
      }
      String stdout = out.get();
      if (p.exitValue() != 0) {
        throw new HostCommandException(
            "'" + String.join(" ", argv) + "' exited with " + p.exitValue() + ": " + (err.get() + stdout).strip());
      }
      return stdout;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HostCommandException("interrupted while running " + argv.get(0), e);
    } catch (ExecutionException e) {
      throw new HostCommandException("reading output of " + argv.get(0) + " failed", e.getCause());
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      byte[] all = in.readAllBytes();
      int n = Math.min(all.length, MAX_OUTPUT);
      return new String(all, 0, n, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
