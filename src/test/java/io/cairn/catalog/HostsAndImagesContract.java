package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

interface HostsAndImagesContract extends CatalogFixture {

  @Test
  default void hosts_createUpdateListDelete() throws Exception {
    Host h = catalog().hosts().create("kvm-1", Host.Type.QEMU_QMP, "{\"socket\":\"/run/q.sock\"}");
    catalog().hosts().create("an-xen", Host.Type.XEN, null);
    assertThat(catalog().hosts().get("kvm-1")).isEqualTo(h);
    assertThat(catalog().hosts().list()).extracting(Host::name).containsExactly("an-xen", "kvm-1");
    assertThat(catalog().hosts().get("an-xen").settings()).isEqualTo("{}");
    assertThatThrownBy(() -> catalog().hosts().create("kvm-1", Host.Type.MANUAL, "{}"))
        .isInstanceOf(AlreadyExistsException.class);

    Host updated = catalog().hosts().update("kvm-1", Host.Type.PROXMOX, "{\"node\":\"pve\"}");
    assertThat(updated.type()).isEqualTo(Host.Type.PROXMOX);
    assertThat(updated.settings()).isEqualTo("{\"node\":\"pve\"}");

    catalog().hosts().delete("kvm-1");
    assertThat(catalog().hosts().find("kvm-1")).isEmpty();
    assertThatThrownBy(() -> catalog().hosts().delete("kvm-1")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> catalog().hosts().update("kvm-1", Host.Type.XEN, "{}"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void hosts_deleteWithAttachments_isConflict() throws Exception {
    host("h1");
    Volume volume = availableVolume();
    catalog().attachments().attach(volume.id(), "h1", "vm", "vdb", Attachment.Mode.RW);
    assertThatThrownBy(() -> catalog().hosts().delete("h1")).isInstanceOf(ConflictException.class);
  }

  @Test
  default void images_createFindAndUniqueNamePerOwner() throws Exception {
    Image image = catalog().images().create("debian-13", "o1", "qcow2", "Debian", Map.of("os", "linux"));
    assertThat(image.id()).matches("img-[0-9a-f]{17}");
    assertThat(catalog().images().get(image.id())).isEqualTo(image);
    assertThat(catalog().images().findByName("o1", "debian-13")).contains(image);
    assertThatThrownBy(() -> catalog().images().create("debian-13", "o1", "raw", null, null))
        .isInstanceOf(AlreadyExistsException.class);
    Image other = catalog().images().create("debian-13", "o2", "raw", null, null);
    assertThat(catalog().images().list()).containsExactly(image, other);
    assertThat(catalog().images().listByOwner("o2")).containsExactly(other);
  }

  @Test
  default void images_versionsNumberUpAndAreNeverReused() throws Exception {
    Image image = catalog().images().create("img", "o", "raw", null, null);
    assertThat(catalog().images().latestVersion(image.id())).isEmpty();
    catalog().images().addVersion(image.id(), 5, 1, 100);
    ImageVersion v2 = catalog().images().addVersion(image.id(), 5, 2, 200);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(catalog().images().latestVersion(image.id())).contains(v2);

    assertThat(catalog().images().deleteVersion(image.id(), 2)).isEqualTo(v2);
    ImageVersion v3 = catalog().images().addVersion(image.id(), 5, 3, 300);

    assertThat(v3.version()).isEqualTo(3);
    assertThat(catalog().images().versions(image.id())).extracting(ImageVersion::version).containsExactly(1, 3);
    assertThat(catalog().images().version(image.id(), 2)).isEmpty();
    assertThatThrownBy(() -> catalog().images().deleteVersion(image.id(), 2))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void images_deleteReturnsEveryVersion() throws Exception {
    Image image = catalog().images().create("img", "o", "raw", null, null);
    catalog().images().addVersion(image.id(), 5, 1, 100);
    catalog().images().addVersion(image.id(), 5, 2, 100);
    assertThat(catalog().images().delete(image.id())).extracting(ImageVersion::blobVersion).containsExactly(1L, 2L);
    assertThat(catalog().images().find(image.id())).isEmpty();
    assertThatThrownBy(() -> catalog().images().versions(image.id())).isInstanceOf(NotFoundException.class);
  }
}
