package io.cairn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real {@code qemu-system-x86_64} with no guest OS (TCG), a virtio-scsi controller {@code scsi0}
 * and a QMP socket: enough to hot-plug NBD disks into it and use them through the monitor.
 */
public final class QemuVm implements AutoCloseable {
  private final Process process;
  private final Path qmpSocket;

  private QemuVm(Process process, Path qmpSocket) {
    this.process = process;
    this.qmpSocket = qmpSocket;
  }

  public static QemuVm start(Path dir) throws IOException, InterruptedException {
    Path qemu = Programs.require("qemu-system-x86_64", "qemu-system-x86");
    Path sock = dir.resolve("qmp.sock");
    Path log = dir.resolve("qemu.log");
    Process p = new ProcessBuilder(List.of(
            qemu.toString(), "-machine", "pc,accel=tcg", "-m", "64", "-nodefaults", "-display", "none",
            "-device", "virtio-scsi-pci,id=scsi0", "-qmp", "unix:" + sock + ",server=on,wait=off"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!Files.exists(sock)) {
      if (!p.isAlive()) {
        throw new IOException("qemu exited with " + p.exitValue() + ": " + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("qemu did not open its QMP socket within 30 s");
      }
      Thread.sleep(50);
    }
    return new QemuVm(p, sock);
  }

  public Path qmpSocket() {
    return qmpSocket;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
