package io.cairn.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.nbd.ExternalTool;
import io.cairn.volumes.host.AttachMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volume service end to end: catalog, blobs, host adapters and real NBD clients (qemu-io, nbdinfo). */
class VolumeServiceTest {
  private static final long MIB = 1 << 20;
  private static final Caller ALICE = new Caller("alice", false);
  private static final Caller BOB = new Caller("bob", false);
  private static final Caller ROOT = new Caller("root", true);

  @TempDir Path dir;
  private VolumeRig rig;

  @BeforeEach
  void start() throws Exception {
    rig = new VolumeRig(dir);
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  private ExternalTool.Result qemuIo(String volumeId, String... commands) throws Exception {
    String[] args = new String[3 + 2 * commands.length];
    args[0] = "-f";
    args[1] = "raw";
    for (int i = 0; i < commands.length; i++) {
      args[2 + 2 * i] = "-c";
      args[3 + 2 * i] = commands[i];
    }
    args[args.length - 1] = rig.uri(volumeId);
    return ExternalTool.QEMU_IO.run(60, args);
  }

  private VolumeInfo volume(Caller who, long bytes) throws VolumeException {
    return rig.volumes.create(who, bytes, null, null, "test volume", Map.of("team", "blue"));
  }

  @Test
  void create_thenDescribe_showsItToItsOwnerAndRootOnly() throws Exception {
    VolumeInfo v = volume(ALICE, 64 * MIB);

    assertThat(v.state()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(v.zone()).isEqualTo("us-east-1a");
    assertThat(rig.volumes.describe(ALICE, VolumeQuery.all()).items()).extracting(VolumeInfo::id).containsExactly(v.id());
    assertThat(rig.volumes.describe(BOB, VolumeQuery.all()).items()).isEmpty();
    assertThat(rig.volumes.describe(ROOT, VolumeQuery.all()).items()).extracting(VolumeInfo::id).containsExactly(v.id());
    assertThatThrownBy(() -> rig.volumes.get(BOB, v.id()))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.VOLUME_NOT_FOUND));
    assertThatThrownBy(() -> rig.volumes.delete(BOB, v.id())).isInstanceOf(VolumeException.class);
  }

  @Test
  void describe_withFiltersAndPages_followsEc2Semantics() throws Exception {
    for (int i = 0; i < 5; i++) {
      volume(ALICE, (i + 1) * VolumeInfo.GIB);
    }
    Page<VolumeInfo> first = rig.volumes.describe(ALICE, new VolumeQuery(List.of(), Map.of(), 2, null));
    Page<VolumeInfo> second = rig.volumes.describe(ALICE, new VolumeQuery(List.of(), Map.of(), 2, first.nextToken()));
    Page<VolumeInfo> third = rig.volumes.describe(ALICE, new VolumeQuery(List.of(), Map.of(), 2, second.nextToken()));
    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(2);
    assertThat(third.items()).hasSize(1);
    assertThat(third.nextToken()).isNull();
    assertThat(rig.volumes.describe(ALICE, new VolumeQuery(List.of(), Map.of("size", List.of("3", "4")), 0, null)).items()).hasSize(2);
    assertThat(rig.volumes.describe(ALICE, new VolumeQuery(List.of(), Map.of("tag:team", List.of("bl*")), 0, null)).items()).hasSize(5);
    assertThatThrownBy(() -> rig.volumes.describe(ALICE, new VolumeQuery(List.of("vol-00000000000000000"), Map.of(), 0, null)))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.VOLUME_NOT_FOUND));
    assertThatThrownBy(() -> rig.volumes.describe(ALICE, new VolumeQuery(List.of(), Map.of("colour", List.of("x")), 0, null)))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.INVALID_PARAMETER));
  }

  @Test
  void volumeNotAttached_isNotServedOverNbd() throws Exception {
    VolumeInfo v = volume(ALICE, 16 * MIB);

    ExternalTool.Result r = ExternalTool.NBDINFO.run(30, rig.uri(v.id()));
    assertThat(r.exit()).isNotZero();
    assertThat(r.all()).doesNotContain("export-size");
  }

  @Test
  void snapshotThenClone_cloneReadsTheSnapshotWhileTheOriginalKeepsChanging() throws Exception {
    VolumeInfo v = volume(ALICE, 32 * MIB);
    rig.volumes.attach(ALICE, v.id(), "local", "vm1", "vdb", AttachMode.RW);
    assertThat(qemuIo(v.id(), "write -P 0xa1 0 4M", "flush").exit()).isZero();

    SnapshotInfo snap = rig.volumes.snapshot(ALICE, v.id(), "before", Map.of());
    assertThat(snap.state()).isEqualTo("completed");
    assertThat(qemuIo(v.id(), "write -P 0xb2 0 2M", "flush").exit()).isZero();

    VolumeInfo clone = rig.volumes.create(ALICE, 0, snap.id(), null, null, Map.of());
    assertThat(clone.sizeBytes()).isEqualTo(32 * MIB);
    rig.volumes.attach(ALICE, clone.id(), "local", "vm2", "vdb", AttachMode.RW);
    assertThat(qemuIo(clone.id(), "read -P 0xa1 0 4M").all()).doesNotContain("Pattern verification failed");
    assertThat(qemuIo(clone.id(), "read -P 0xa1 0 4M").exit()).isZero();
    assertThat(qemuIo(v.id(), "read -P 0xb2 0 2M", "read -P 0xa1 2M 2M").all()).doesNotContain("Pattern verification failed");

    // the clone diverges without touching the snapshot or the original
    assertThat(qemuIo(clone.id(), "write -P 0xc3 1M 1M", "flush").exit()).isZero();
    assertThat(qemuIo(v.id(), "read -P 0xb2 1M 1M").all()).doesNotContain("Pattern verification failed");
  }

  @Test
  void attachModes_rwIsExclusive_roIsShared_andRoRefusesWrites() throws Exception {
    VolumeInfo v = volume(ALICE, 16 * MIB);
    rig.volumes.attach(ALICE, v.id(), "local", "vm1", "vdb", AttachMode.RO);
    rig.volumes.attach(ALICE, v.id(), "local", "vm2", "vdb", AttachMode.RO);
    assertThat(rig.volumes.get(ALICE, v.id()).state()).isEqualTo(VolumeState.IN_USE);

    assertThatThrownBy(() -> rig.volumes.attach(ALICE, v.id(), "local", "vm3", "vdb", AttachMode.RW))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.ATTACHMENT_CONFLICT));
    // The export says NBD_FLAG_READ_ONLY: qemu will not even open it for writing.
    ExternalTool.Result write = qemuIo(v.id(), "write -P 0x11 0 4k");
    assertThat(write.exit()).isNotZero();
    assertThat(write.all()).doesNotContain("wrote 4096/4096").containsIgnoringCase("Permission denied");
    assertThat(ExternalTool.QEMU_IO.run(60, "-r", "-f", "raw", "-c", "read -P 0 0 1M", rig.uri(v.id())).exit()).isZero();

    assertThatThrownBy(() -> rig.volumes.delete(ALICE, v.id()))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.VOLUME_IN_USE));
    assertThatThrownBy(() -> rig.volumes.detach(ALICE, v.id(), null, false))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.INVALID_PARAMETER));
    rig.volumes.detach(ALICE, v.id(), "vm1", false);
    rig.volumes.detach(ALICE, v.id(), "vm2", false);
    assertThat(rig.volumes.get(ALICE, v.id()).state()).isEqualTo(VolumeState.AVAILABLE);

    rig.volumes.attach(ALICE, v.id(), "local", "vm3", "vdb", AttachMode.RW);
    assertThatThrownBy(() -> rig.volumes.attach(ALICE, v.id(), "local", "vm4", "vdb", AttachMode.RO))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.ATTACHMENT_CONFLICT));
  }

  @Test
  void deleteVolume_keepsItsSnapshotsUsable() throws Exception {
    VolumeInfo v = volume(ALICE, 8 * MIB);
    rig.volumes.attach(ALICE, v.id(), "local", "vm1", "vdb", AttachMode.RW);
    assertThat(qemuIo(v.id(), "write -P 0x5e 0 1M", "flush").exit()).isZero();
    SnapshotInfo snap = rig.volumes.snapshot(ALICE, v.id(), null, Map.of());
    rig.volumes.detach(ALICE, v.id(), null, false);
    rig.volumes.delete(ALICE, v.id());

    assertThat(rig.volumes.describe(ALICE, VolumeQuery.all()).items()).isEmpty();
    VolumeInfo restored = rig.volumes.create(ALICE, 16 * MIB, snap.id(), null, null, Map.of());
    rig.volumes.attach(ALICE, restored.id(), "local", "vm1", "vdb", AttachMode.RW);
    assertThat(qemuIo(restored.id(), "read -P 0x5e 0 1M", "read -P 0 8M 8M").all()).doesNotContain("Pattern verification failed");
    rig.volumes.deleteSnapshot(ALICE, snap.id());
    assertThat(rig.volumes.describeSnapshots(ALICE, VolumeQuery.all()).items()).isEmpty();
  }

  @Test
  void resize_growsAndRefusesToShrink() throws Exception {
    VolumeInfo v = volume(ALICE, VolumeInfo.GIB);
    assertThat(rig.volumes.resize(ALICE, v.id(), 2 * VolumeInfo.GIB).sizeGib()).isEqualTo(2);
    assertThatThrownBy(() -> rig.volumes.resize(ALICE, v.id(), VolumeInfo.GIB))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.SIZE_TOO_SMALL));
    rig.volumes.attach(ALICE, v.id(), "local", "vm1", "vdb", AttachMode.RW);
    assertThat(ExternalTool.NBDINFO.run(30, "--size", rig.uri(v.id())).out().strip()).isEqualTo(Long.toString(2 * VolumeInfo.GIB));
  }

  @Test
  void create_beyondCapacity_isRefusedBeforeAnythingIsPromised() throws Exception {
    rig.close();
    rig = new VolumeRig(dir, null, () -> 10 * MIB);
    assertThatThrownBy(() -> volume(ALICE, VolumeInfo.GIB))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.INSUFFICIENT_CAPACITY));
    assertThat(rig.volumes.describe(ROOT, VolumeQuery.all()).items()).isEmpty();
  }

  @Test
  void attach_toUnknownHost_isRefusedAndRecordsNothing() throws Exception {
    VolumeInfo v = volume(ALICE, 8 * MIB);
    assertThatThrownBy(() -> rig.volumes.attach(ALICE, v.id(), "nowhere", "vm1", "vdb", AttachMode.RW))
        .isInstanceOfSatisfying(VolumeException.class, e -> assertThat(e.error()).isEqualTo(VolumeError.HOST_NOT_FOUND));
    assertThat(rig.volumes.get(ALICE, v.id()).attachments()).isEmpty();
  }
}
