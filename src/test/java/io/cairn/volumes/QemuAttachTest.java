package io.cairn.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.nbd.ExternalTool;
import io.cairn.testing.QemuVm;
import io.cairn.volumes.host.AttachMode;
import io.cairn.volumes.host.QmpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real QEMU (TCG, no guest OS) on a host of type {@code qemu-qmp}: Cairn's adapter hot-plugs a
 * volume served by Cairn's own NBD listener, the VM writes through it, and the data is in the
 * volume afterwards.
 */
class QemuAttachTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Caller ALICE = new Caller("alice", false);

  @TempDir Path dir;
  private QemuVm vm;
  private VolumeRig rig;
  private final QmpClient qmp = new QmpClient(Duration.ofSeconds(20));

  @BeforeEach
  void start() throws Exception {
    vm = QemuVm.start(Files.createDirectories(dir.resolve("vm")));
    Path hosts = dir.resolve("hosts.json");
    Files.writeString(hosts, """
        {"hosts": {
           "kvm1": {"type": "qemu-qmp", "settings": {"socket": "%1$s"}},
           "broken": {"type": "qemu-qmp", "settings": {"socket": "%1$s", "bus": "nosuchbus.0"}}}}
        """.formatted(vm.qmpSocket()));
    rig = new VolumeRig(Files.createDirectories(dir.resolve("cairn")), hosts, Capacity.of(dir));
  }

  @AfterEach
  void stop() throws Exception {
    vm.close();
    rig.close();
  }

  private JsonNode qmp(String command) throws Exception {
    return qmp.execute(vm.qmpSocket(), JSON.readTree(command));
  }

  private void hmp(String line) throws Exception {
    qmp.execute(vm.qmpSocket(), JSON.createObjectNode().put("execute", "human-monitor-command")
        .set("arguments", JSON.createObjectNode().put("command-line", line)));
  }

  private JsonNode block(String node) throws Exception {
    for (JsonNode b : qmp("{\"execute\": \"query-block\"}")) {
      if (b.path("inserted").path("node-name").asText().equals(node)) {
        return b;
      }
    }
    return null;
  }

  @Test
  void attach_rw_vmWritesReachTheVolume_andDetachRemovesTheDrive() throws Exception {
    VolumeInfo v = rig.volumes.create(ALICE, 16 << 20, null, null, null, Map.of());
    AttachmentInfo a = rig.volumes.attach(ALICE, v.id(), "kvm1", "vm1", "vdb", AttachMode.RW);
    assertThat(a.state()).isEqualTo("attached");

    JsonNode drive = block("cairn-vdb");
    assertThat(drive).as("query-block shows the NBD-backed drive").isNotNull();
    assertThat(drive.toString()).contains("nbd").contains(v.id());
    hmp("qemu-io -d vdb \"write -P 0x3c 1048576 2097152\"");
    hmp("qemu-io -d vdb \"flush\"");

    rig.volumes.detach(ALICE, v.id(), null, false);
    assertThat(block("cairn-vdb")).as("the drive is gone after detach").isNull();

    // Read the volume back over NBD through a local attachment.
    rig.volumes.attach(ALICE, v.id(), "local", "checker", "vdb", AttachMode.RO);
    ExternalTool.Result read = ExternalTool.QEMU_IO.run(60, "-r", "-f", "raw", "-c", "read -P 0x3c 1M 2M", "-c", "read -P 0 0 1M", rig.uri(v.id()));
    assertThat(read.exit()).isZero();
    assertThat(read.all()).doesNotContain("Pattern verification failed");
  }

  @Test
  void attach_ro_theVmCannotWrite() throws Exception {
    VolumeInfo v = rig.volumes.create(ALICE, 8 << 20, null, null, null, Map.of());
    rig.volumes.attach(ALICE, v.id(), "kvm1", "vm1", "vdc", AttachMode.RO);
    JsonNode drive = block("cairn-vdc");
    assertThat(drive).isNotNull();
    assertThat(drive.path("inserted").path("ro").asBoolean()).isTrue();

    hmp("qemu-io -d vdc \"write -P 0x77 0 65536\"");
    hmp("qemu-io -d vdc \"flush\"");
    rig.volumes.detach(ALICE, v.id(), null, false);
    rig.volumes.attach(ALICE, v.id(), "local", "checker", "vdb", AttachMode.RO);
    assertThat(ExternalTool.QEMU_IO.run(60, "-r", "-f", "raw", "-c", "read -P 0 0 64k", rig.uri(v.id())).all())
        .doesNotContain("Pattern verification failed");
  }

  @Test
  void attach_whenAStepFails_rollsBackAndRecordsNothing() throws Exception {
    VolumeInfo v = rig.volumes.create(ALICE, 8 << 20, null, null, null, Map.of());

    assertThatThrownBy(() -> rig.volumes.attach(ALICE, v.id(), "broken", "vm1", "vdd", AttachMode.RW))
        .isInstanceOfSatisfying(VolumeException.class, e -> {
          assertThat(e.error()).isEqualTo(VolumeError.HOST_COMMAND_FAILED);
          assertThat(e.getMessage()).contains("device_add").contains("rolled back 1 step");
        });
    assertThat(block("cairn-vdd")).isNull();
    assertThat(rig.volumes.get(ALICE, v.id()).attachments()).isEmpty();
    assertThat(rig.volumes.get(ALICE, v.id()).state()).isEqualTo(VolumeState.AVAILABLE);
  }
}
