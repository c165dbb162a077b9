package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The attachment rule: rw is exclusive; ro is shared; never both. */
interface AttachmentsContract extends CatalogFixture {

  @Test
  default void attach_rw_makesVolumeInUse_andDetachMakesItAvailable() throws Exception {
    host("h1");
    Volume volume = availableVolume();

    Attachment attachment = catalog().attachments().attach(volume.id(), "h1", "vm1", "vdb", Attachment.Mode.RW);

    assertThat(attachment.id()).matches("att-[0-9a-f]{17}");
    assertThat(attachment.state()).isEqualTo(Attachment.State.ATTACHING);
    assertThat(attachment.steps()).isEmpty();
    assertThat(catalog().volumes().get(volume.id()).state()).isEqualTo(Volume.State.IN_USE);

    assertThat(catalog().attachments().detach(attachment.id())).isEqualTo(attachment);
    assertThat(catalog().volumes().get(volume.id()).state()).isEqualTo(Volume.State.AVAILABLE);
    assertThatThrownBy(() -> catalog().attachments().detach(attachment.id()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void attach_rwIsExclusive_againstRwAndRo() throws Exception {
    host("h1");
    Volume volume = availableVolume();
    catalog().attachments().attach(volume.id(), "h1", "vm1", "vdb", Attachment.Mode.RW);

    assertThatThrownBy(() -> catalog().attachments().attach(volume.id(), "h1", "vm2", "vdb", Attachment.Mode.RW))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> catalog().attachments().attach(volume.id(), "h1", "vm2", "vdb", Attachment.Mode.RO))
        .isInstanceOf(ConflictException.class);
    assertThat(catalog().attachments().listByVolume(volume.id())).hasSize(1);
  }

  @Test
  default void attach_roIsShared_butBlocksRw() throws Exception {
    host("h1");
    host("h2");
    Volume volume = availableVolume();
    catalog().attachments().attach(volume.id(), "h1", "vm1", "vdb", Attachment.Mode.RO);
    catalog().attachments().attach(volume.id(), "h1", "vm2", "vdb", Attachment.Mode.RO);
    Attachment third = catalog().attachments().attach(volume.id(), "h2", "vm1", "vdc", Attachment.Mode.RO);

    assertThatThrownBy(() -> catalog().attachments().attach(volume.id(), "h2", "vm9", "vdb", Attachment.Mode.RW))
        .isInstanceOf(ConflictException.class);
    assertThat(catalog().attachments().listByVolume(volume.id()))
        .extracting(Attachment::vm).containsExactly("vm1", "vm2", "vm1");

    catalog().attachments().detach(third.id());
    assertThat(catalog().volumes().get(volume.id()).state()).isEqualTo(Volume.State.IN_USE);
  }

  @Test
  default void attach_sameVmTwiceOrTakenDevice_isConflict() throws Exception {
    host("h1");
    Volume a = availableVolume();
    Volume b = availableVolume();
    catalog().attachments().attach(a.id(), "h1", "vm1", "vdb", Attachment.Mode.RO);
    assertThatThrownBy(() -> catalog().attachments().attach(a.id(), "h1", "vm1", "vdc", Attachment.Mode.RO))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> catalog().attachments().attach(b.id(), "h1", "vm1", "vdb", Attachment.Mode.RW))
        .isInstanceOf(ConflictException.class);
    assertThat(catalog().volumes().get(b.id()).state()).isEqualTo(Volume.State.AVAILABLE);
  }

  @Test
  default void attach_toVolumeNotAvailableOrMissingThings_isRefused() throws Exception {
    host("h1");
    Volume creating = catalog().volumes().create(VolumeDraft.of("o", 1024, "z"));
    assertThatThrownBy(() -> catalog().attachments().attach(creating.id(), "h1", "vm1", "vdb", Attachment.Mode.RW))
        .isInstanceOf(ConflictException.class);
    Volume volume = availableVolume();
    assertThatThrownBy(() -> catalog().attachments().attach(volume.id(), "nohost", "vm1", "vdb", Attachment.Mode.RW))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> catalog().attachments().attach("vol-missing", "h1", "vm1", "vdb", Attachment.Mode.RW))
        .isInstanceOf(NotFoundException.class);
    assertThat(catalog().attachments().list()).isEmpty();
  }

  @Test
  default void recordStepAndSetState_keepStepsInOrder() throws Exception {
    host("h1");
    Volume volume = availableVolume();
    Attachment attachment = catalog().attachments().attach(volume.id(), "h1", "vm1", "vdb", Attachment.Mode.RW);
    catalog().attachments().recordStep(attachment.id(), "nbd-export");
    catalog().attachments().recordStep(attachment.id(), "virsh attach-disk vm1 vdb");
    Attachment attached = catalog().attachments().setState(attachment.id(), Attachment.State.ATTACHED);

    assertThat(attached.steps()).containsExactly("nbd-export", "virsh attach-disk vm1 vdb");
    assertThat(attached.state()).isEqualTo(Attachment.State.ATTACHED);
    assertThat(catalog().attachments().get(attachment.id())).isEqualTo(attached);
    assertThat(catalog().attachments().listByHost("h1")).containsExactly(attached);
  }

  @Test
  default void concurrentRwAttaches_exactlyOneWins() throws Exception {
    host("h1");
    Volume volume = availableVolume();
    AtomicInteger wins = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    ((TransactionsContract) this)
        .runConcurrently(
            8,
            t -> {
              try {
                catalog().attachments().attach(volume.id(), "h1", "vm" + t, "vdb", Attachment.Mode.RW);
                wins.incrementAndGet();
              } catch (ConflictException expected) {
                conflicts.incrementAndGet();
              }
            });
    assertThat(wins.get()).isEqualTo(1);
    assertThat(conflicts.get()).isEqualTo(7);
    assertThat(catalog().attachments().listByVolume(volume.id())).hasSize(1);
  }

  @Test
  default void concurrentMixedAttaches_neverMixRwWithRo() throws Exception {
    host("h1");
    for (int round = 0; round < 5; round++) {
      Volume volume = availableVolume();
      ConcurrentLinkedQueue<Attachment.Mode> won = new ConcurrentLinkedQueue<>();
      ((TransactionsContract) this)
          .runConcurrently(
              6,
              t -> {
                Attachment.Mode mode = t % 2 == 0 ? Attachment.Mode.RW : Attachment.Mode.RO;
                try {
                  catalog().attachments().attach(volume.id(), "h1", "vm" + t, "vd" + round(t), mode);
                  won.add(mode);
                } catch (ConflictException expected) {
                  // lost the race
                }
              });
      Set<Attachment.Mode> modes = Set.copyOf(catalog().attachments().listByVolume(volume.id())
          .stream().map(Attachment::mode).toList());
      assertThat(won).hasSize(catalog().attachments().listByVolume(volume.id()).size());
      if (modes.contains(Attachment.Mode.RW)) {
        assertThat(won).containsExactly(Attachment.Mode.RW);
      } else {
        assertThat(won).isNotEmpty().allMatch(m -> m == Attachment.Mode.RO);
      }
      for (Attachment a : catalog().attachments().listByVolume(volume.id())) {
        catalog().attachments().detach(a.id());
      }
    }
  }

  private static String round(int t) {
    return Character.toString('b' + t);
  }
}
