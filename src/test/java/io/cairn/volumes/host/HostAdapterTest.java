package io.cairn.volumes.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostAdapterTest {
  @TempDir Path dir;

  private HostDirectory directory(String typesAndHosts) throws IOException {
    Path conf = dir.resolve("hosts.json");
    Files.writeString(conf, typesAndHosts);
    return HostDirectory.load(conf, dir.resolve("state"), new HostTools(new ProcessCommandRunner(Duration.ofSeconds(10)), new QmpClient(Duration.ofSeconds(5))));
  }

  private static AttachParameters params(AttachMode mode) {
    return new AttachParameters("vol-1", "vm1", "vdb", mode, "127.0.0.1", 10809, "vol-1");
  }

  /** Three steps that leave marker files; the third one fails unless {fail} is false. */
  private String markerType(String third) {
    return """
        {"types": {"markers": {
           "attach": [
             {"run": ["touch", "%1$s/{vm}-{device}-one"], "undo": ["rm", "%1$s/{vm}-{device}-one"]},
             {"run": ["touch", "%1$s/{vm}-{device}-two-{mode}"], "undo": ["rm", "%1$s/{vm}-{device}-two-{mode}"]},
             {"run": ["%2$s"]}
           ],
           "detach": [
             {"run": ["rm", "%1$s/{vm}-{device}-one"]},
             {"run": ["rm", "%1$s/{vm}-{device}-missing"]},
             {"run": ["rm", "%1$s/{vm}-{device}-two-{mode}"]}
           ]}},
         "hosts": {"h1": {"type": "markers"}}}
        """.formatted(dir, third);
  }

  @Test
  void attach_whenAllStepsSucceed_leavesEveryStepDone() throws IOException {
    HostAdapter h = directory(markerType("true")).adapter("h1");

    assertThat(h.attach(params(AttachMode.RO))).hasSize(3);
    assertThat(dir.resolve("vm1-vdb-one")).exists();
    assertThat(dir.resolve("vm1-vdb-two-ro")).exists();
  }

  @Test
  void attach_whenAStepFails_undoesTheDoneStepsInReverse() throws IOException {
    HostAdapter h = directory(markerType("false")).adapter("h1");

    assertThatThrownBy(() -> h.attach(params(AttachMode.RW)))
        .isInstanceOfSatisfying(HostStepException.class, e -> {
          assertThat(e.failedStep()).isEqualTo("false");
          assertThat(e.rolledBack()).hasSize(2);
          assertThat(e.undoFailures()).isEmpty();
        });
    assertThat(dir.resolve("vm1-vdb-one")).doesNotExist();
    assertThat(dir.resolve("vm1-vdb-two-rw")).doesNotExist();
  }

  @Test
  void detach_whenForced_runsEveryStepPastFailures() throws IOException {
    HostAdapter h = directory(markerType("true")).adapter("h1");
    h.attach(params(AttachMode.RW));

    assertThatThrownBy(() -> h.detach(params(AttachMode.RW), false)).isInstanceOf(HostStepException.class);
    assertThat(dir.resolve("vm1-vdb-two-rw")).exists();

    h.attach(params(AttachMode.RW));
    assertThat(h.detach(params(AttachMode.RW), true)).hasSize(2);
    assertThat(dir.resolve("vm1-vdb-one")).doesNotExist();
    assertThat(dir.resolve("vm1-vdb-two-rw")).doesNotExist();
  }

  @Test
  void adapter_forUnknownHost_namesTheKnownOnes() throws IOException {
    HostDirectory d = directory("{}");
    assertThatThrownBy(() -> d.adapter("nope")).isInstanceOf(NoSuchHostException.class).hasMessageContaining("local");
  }

  @Test
  void load_withHostOfUnknownType_isRefused() {
    assertThatThrownBy(() -> directory("{\"hosts\": {\"x\": {\"type\": \"vmware\"}}}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown type 'vmware'");
  }

  @Test
  void builtInLocalHost_isManualAndRunsNothing() throws IOException {
    HostDirectory d = directory("{}");
    HostAdapter local = d.adapter("local");
    assertThat(local.typeName()).isEqualTo("manual");
    assertThat(local.attach(params(AttachMode.RW))).isEmpty();
    assertThat(d.typeNames()).contains("libvirt", "qemu-qmp", "xen", "proxmox", "manual");
  }

  @Test
  void libvirtAttach_writesDeviceXmlForTheMode_andRollsBackWhenVirshIsAbsent() throws IOException {
    HostDirectory d = directory("{\"hosts\": {\"kvm\": {\"type\": \"libvirt\", \"settings\": {\"uri\": \"test:///default\"}}}}");
    HostAdapter kvm = d.adapter("kvm");
    // virsh is not installed here: the attach must fail at its step and remove the XML it wrote.
    assertThatThrownBy(() -> kvm.attach(params(AttachMode.RO)))
        .isInstanceOfSatisfying(HostStepException.class, e -> assertThat(e.rolledBack()).hasSize(1));
    assertThat(dir.resolve("state").resolve("libvirt-vol-1-vm1-vdb.xml")).doesNotExist();
  }

  @Test
  void parameters_withUnsafeVmName_areRefused() {
    assertThatThrownBy(() -> new AttachParameters("vol-1", "vm;rm -rf /", "vdb", AttachMode.RW, "127.0.0.1", 10809, "vol-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void placeholders_unknownName_isAnErrorAndWholeBooleansBecomeJsonBooleans() throws IOException {
    Placeholders p = new Placeholders(java.util.Map.of("readonly", "true", "vm", "a"));
    assertThatThrownBy(() -> p.fill("x {nope}")).hasMessageContaining("{nope}");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"ro\": \"{readonly}\", \"s\": \"vm={vm} ro={readonly}\"}");
    assertThat(p.fill(json).toString()).isEqualTo("{\"ro\":true,\"s\":\"vm=a ro=true\"}");
  }
}
