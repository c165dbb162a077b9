package io.cairn.volumes.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.testing.Programs;
import io.cairn.testing.QemuVm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code qemu-qmp} host type against a real QEMU and a real NBD server (qemu-nbd
 * serving a raw file): the adapter hot-plugs the export, the VM writes through it, detach removes
 * it, a read-only attachment refuses writes, and a failing step rolls back.
 */
class QemuQmpAdapterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private QemuVm vm;
  private final List<Process> nbdServers = new ArrayList<>();
  private final QmpClient qmp = new QmpClient(Duration.ofSeconds(20));

  @BeforeEach
  void startVm() throws Exception {
    vm = QemuVm.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    vm.close();
    for (Process p : nbdServers) {
      p.destroyForcibly().waitFor();
    }
  }

  private int serveFile(Path image, boolean readOnly) throws Exception {
    Path qemuNbd = Programs.require("qemu-nbd", "qemu-utils");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of(qemuNbd.toString(), "-f", "raw", "-t", "-x", "vol-1", "-b", "127.0.0.1", "-p", Integer.toString(port)));
    if (readOnly) {
      cmd.add("-r");
    }
    cmd.add(image.toString());
    nbdServers.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("qemu-nbd.log").toFile()).start());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return port;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("qemu-nbd did not listen: " + Files.readString(dir.resolve("qemu-nbd.log")));
        }
        Thread.sleep(50);
      }
    }
  }

  private HostAdapter adapter(String extraSettings) throws IOException {
    Path conf = dir.resolve("hosts.json");
    Files.writeString(conf, """
        {"hosts": {"kvm1": {"type": "qemu-qmp", "settings": {"socket": "%s"%s}}}}
        """.formatted(vm.qmpSocket(), extraSettings));
    return HostDirectory.load(conf, dir.resolve("state"), HostTools.system()).adapter("kvm1");
  }

  private JsonNode qmp(String json) throws IOException {
    return qmp.execute(vm.qmpSocket(), JSON.readTree(json));
  }

  private String hmp(String commandLine) throws IOException {
    return qmp.execute(vm.qmpSocket(), JSON.createObjectNode().put("execute", "human-monitor-command")
        .set("arguments", JSON.createObjectNode().put("command-line", commandLine))).asText();
  }

  private List<String> nodeNames() throws IOException {
    List<String> names = new ArrayList<>();
    qmp("{\"execute\": \"query-named-block-nodes\"}").forEach(n -> names.add(n.path("node-name").asText()));
    return names;
  }

  @Test
  void attach_rw_exposesTheExportToTheVm_andWritesReachTheVolume() throws Exception {
    Path image = dir.resolve("vol.raw");
    Files.write(image, new byte[4 << 20]);
    int port = serveFile(image, false);
    HostAdapter kvm = adapter("");
    AttachParameters p = new AttachParameters("vol-1", "vm1", "vdb", AttachMode.RW, "127.0.0.1", port, "vol-1");

    assertThat(kvm.attach(p)).hasSize(2);
    assertThat(qmp("{\"execute\": \"query-block\"}").toString()).contains("cairn-vdb").contains("nbd");
    // QEMU 7.2 prints qemu-io's report on its own stdout, not into the monitor's answer: what
    // counts is the data that arrives in the volume.
    hmp("qemu-io -d vdb \"write -P 0x5a 65536 65536\"");
    hmp("qemu-io -d vdb \"flush\"");

    assertThat(kvm.detach(p, false)).hasSize(2);
    assertThat(nodeNames()).doesNotContain("cairn-vdb");
    byte[] data = Files.readAllBytes(image);
    for (int i = 65536; i < 131072; i++) {
      assertThat(data[i]).as("byte %d", i).isEqualTo((byte) 0x5a);
    }
    assertThat(data[65535]).isZero();
  }

  @Test
  void attach_ro_refusesWritesFromTheVm() throws Exception {
    Path image = dir.resolve("vol.raw");
    Files.write(image, new byte[1 << 20]);
    int port = serveFile(image, true);
    HostAdapter kvm = adapter("");
    AttachParameters p = new AttachParameters("vol-1", "vm1", "vdc", AttachMode.RO, "127.0.0.1", port, "vol-1");

    kvm.attach(p);
    JsonNode block = null;
    for (JsonNode b : qmp("{\"execute\": \"query-block\"}")) {
      if (b.path("inserted").path("node-name").asText().equals("cairn-vdc")) {
        block = b;
      }
    }
    assertThat(block).as("query-block lists the attached node").isNotNull();
    assertThat(block.path("inserted").path("ro").asBoolean()).isTrue();
    hmp("qemu-io -d vdc \"write -P 0x11 0 4096\"");
    hmp("qemu-io -d vdc \"flush\"");
    kvm.detach(p, false);
    assertThat(Files.readAllBytes(image)).containsOnly(0);
  }

  @Test
  void attach_whenDeviceAddFails_removesTheBlockNodeItAdded() throws Exception {
    Path image = dir.resolve("vol.raw");
    Files.write(image, new byte[1 << 20]);
    int port = serveFile(image, false);
    HostAdapter kvm = adapter(", \"bus\": \"nosuchbus.0\"");
    AttachParameters p = new AttachParameters("vol-1", "vm1", "vdd", AttachMode.RW, "127.0.0.1", port, "vol-1");

    assertThatThrownBy(() -> kvm.attach(p))
        .isInstanceOfSatisfying(HostStepException.class, e -> {
          assertThat(e.failedStep()).contains("device_add");
          assertThat(e.rolledBack()).singleElement().asString().contains("blockdev-add");
          assertThat(e.undoFailures()).isEmpty();
        });
    assertThat(nodeNames()).doesNotContain("cairn-vdd");
  }

  @Test
  void attach_toAVmWithoutQmpSocket_failsClearly() throws Exception {
    HostAdapter kvm = HostDirectory.load(writeConf("{\"hosts\": {\"k\": {\"type\": \"qemu-qmp\", \"settings\": {\"socket\": \"" + dir.resolve("none.sock") + "\"}}}}"),
        dir, HostTools.system()).adapter("k");
    AttachParameters p = new AttachParameters("vol-1", "vm1", "vdb", AttachMode.RW, "127.0.0.1", 10809, "vol-1");
    assertThatThrownBy(() -> kvm.attach(p)).isInstanceOf(HostStepException.class).hasMessageContaining("cannot connect to QMP socket");
  }

  private Path writeConf(String json) throws IOException {
    Path conf = dir.resolve("other-hosts.json");
    Files.writeString(conf, json);
    return conf;
  }
}
