package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Volumes and snapshots. */
interface VolumesContract extends CatalogFixture {

  @Test
  default void create_givesRandomEc2StyleIdsInStateCreating() throws Exception {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Volume volume =
          catalog().volumes().create(new VolumeDraft("o", 1024, "d", "zone-a", null, Map.of("n", "" + i)));
      assertThat(volume.id()).matches("vol-[0-9a-f]{17}");
      assertThat(volume.state()).isEqualTo(Volume.State.CREATING);
      assertThat(volume.blobId()).isZero();
      ids.add(volume.id());
      assertThat(catalog().volumes().get(volume.id())).isEqualTo(volume);
    }
    assertThat(ids).hasSize(50);
    assertThat(catalog().volumes().list()).hasSize(50);
    assertThat(catalog().volumes().listByOwner("o")).hasSize(50);
    assertThat(catalog().volumes().listByOwner("other")).isEmpty();
  }

  @Test
  default void create_withNonPositiveSize_isRejected() {
    assertThatThrownBy(() -> catalog().volumes().create(VolumeDraft.of("o", 0, "z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void transition_fromExpectedState_movesAndRecordsReason() throws Exception {
    Volume volume = catalog().volumes().create(VolumeDraft.of("o", 1024, "z"));
    Volume failed =
        catalog().volumes().transition(volume.id(), Set.of(Volume.State.CREATING), Volume.State.ERROR, "disk full");
    assertThat(failed.state()).isEqualTo(Volume.State.ERROR);
    assertThat(failed.stateReason()).isEqualTo("disk full");
    assertThat(failed.state().apiName()).isEqualTo("error");
    assertThat(Volume.State.IN_USE.apiName()).isEqualTo("in-use");
  }

  @Test
  default void transition_fromUnexpectedState_isConflictAndChangesNothing() throws Exception {
    Volume volume = catalog().volumes().create(VolumeDraft.of("o", 1024, "z"));
    assertThatThrownBy(
            () -> catalog().volumes().transition(volume.id(), Set.of(Volume.State.AVAILABLE), Volume.State.DELETING, null))
        .isInstanceOf(ConflictException.class);
    assertThat(catalog().volumes().get(volume.id()).state()).isEqualTo(Volume.State.CREATING);
    assertThatThrownBy(
            () -> catalog().volumes().transition(volume.id(), Set.of(Volume.State.CREATING), Volume.State.IN_USE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> catalog().volumes().transition("vol-00000000000000000", Set.of(Volume.State.CREATING), Volume.State.ERROR, null))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void setBlobSizeAndTags_areStored() throws Exception {
    Volume volume = catalog().volumes().create(VolumeDraft.of("o", 1024, "z"));
    catalog().volumes().setBlob(volume.id(), 77);
    catalog().volumes().setSize(volume.id(), 4096);
    Volume updated = catalog().volumes().setTags(volume.id(), Map.of("Name", "db"));
    assertThat(updated.blobId()).isEqualTo(77);
    assertThat(updated.size()).isEqualTo(4096);
    assertThat(updated.tags()).isEqualTo(Map.of("Name", "db"));
    assertThatThrownBy(() -> catalog().volumes().setBlob("vol-nope", 1)).isInstanceOf(NotFoundException.class);
  }

  @Test
  default void delete_ofAvailableVolume_removesAndReturnsIt() throws Exception {
    Volume volume = availableVolume();
    Volume deleting =
        catalog().volumes().transition(volume.id(), Set.of(Volume.State.AVAILABLE), Volume.State.DELETING, null);
    assertThat(catalog().volumes().delete(volume.id())).isEqualTo(deleting);
    assertThat(catalog().volumes().find(volume.id())).isEmpty();
    assertThatThrownBy(() -> catalog().volumes().delete(volume.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  default void delete_ofVolumeInUse_isConflict() throws Exception {
    host("h1");
    Volume volume = availableVolume();
    catalog().attachments().attach(volume.id(), "h1", "vm1", "vdb", Attachment.Mode.RO);
    assertThatThrownBy(() -> catalog().volumes().delete(volume.id())).isInstanceOf(ConflictException.class);
    assertThatThrownBy(
            () -> catalog().volumes().transition(volume.id(), Set.of(Volume.State.values()), Volume.State.DELETING, null))
        .isInstanceOf(ConflictException.class);
    assertThat(catalog().volumes().get(volume.id()).state()).isEqualTo(Volume.State.IN_USE);
  }

  @Test
  default void snapshot_lifecycle_pendingProgressCompleted() throws Exception {
    Volume volume = availableVolume();
    Snapshot snapshot = catalog().snapshots().create(volume.id(), "o", "nightly", Map.of("k", "v"));
    assertThat(snapshot.id()).matches("snap-[0-9a-f]{17}");
    assertThat(snapshot.state()).isEqualTo(Snapshot.State.PENDING);
    assertThat(snapshot.size()).isEqualTo(volume.size());
    assertThat(snapshot.blobId()).isEqualTo(volume.blobId());

    assertThat(catalog().snapshots().setProgress(snapshot.id(), 40).progress()).isEqualTo(40);
    Snapshot done = catalog().snapshots().complete(snapshot.id(), volume.blobId(), 3);

    assertThat(done.state()).isEqualTo(Snapshot.State.COMPLETED);
    assertThat(done.progress()).isEqualTo(100);
    assertThat(done.blobVersion()).isEqualTo(3);
    assertThat(catalog().snapshots().get(snapshot.id())).isEqualTo(done);
    assertThatThrownBy(() -> catalog().snapshots().complete(snapshot.id(), 1, 4))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> catalog().snapshots().fail(snapshot.id(), "late"))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  default void snapshot_ofMissingVolume_isNotFound_andFailRecordsReason() throws Exception {
    assertThatThrownBy(() -> catalog().snapshots().create("vol-missing", "o", null, null))
        .isInstanceOf(NotFoundException.class);
    Volume volume = availableVolume();
    Snapshot snapshot = catalog().snapshots().create(volume.id(), "o", null, null);
    Snapshot failed = catalog().snapshots().fail(snapshot.id(), "blob error");
    assertThat(failed.state()).isEqualTo(Snapshot.State.ERROR);
    assertThat(failed.stateReason()).isEqualTo("blob error");
  }

  @Test
  default void snapshot_outlivesItsVolume_andListsByVolumeAndOwner() throws Exception {
    Volume volume = availableVolume();
    Snapshot s1 = catalog().snapshots().create(volume.id(), "o", null, null);
    Snapshot s2 = catalog().snapshots().create(volume.id(), "p", null, null);
    catalog().volumes().transition(volume.id(), Set.of(Volume.State.AVAILABLE), Volume.State.DELETING, null);
    catalog().volumes().delete(volume.id());

    assertThat(catalog().snapshots().listByVolume(volume.id())).extracting(Snapshot::id)
        .containsExactlyInAnyOrder(s1.id(), s2.id());
    assertThat(catalog().snapshots().listByOwner("p")).extracting(Snapshot::id).containsExactly(s2.id());
    assertThat(catalog().snapshots().list()).hasSize(2);
    assertThat(catalog().snapshots().setTags(s1.id(), Map.of("a", "b")).tags()).isEqualTo(Map.of("a", "b"));
    assertThat(catalog().snapshots().delete(s1.id()).id()).isEqualTo(s1.id());
    assertThatThrownBy(() -> catalog().snapshots().get(s1.id())).isInstanceOf(NotFoundException.class);
  }
}
