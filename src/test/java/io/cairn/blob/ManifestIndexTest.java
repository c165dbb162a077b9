package io.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.log.Locator;
import io.cairn.medium.AppendFile;
import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestIndexTest {

  @TempDir Path dir;

  @Test
  void publish_manyPointers_rollsFilesAndReopensAtTheNewest() throws IOException {
    try (LocalMedium medium = new LocalMedium(dir)) {
      try (ManifestIndex idx = ManifestIndex.start(medium, null)) {
        for (int i = 1; i <= 2000; i++) {
          idx.publish(new ManifestIndex.Pointer(i * 10L, new Locator(i, i * 100L, i)));
        }
      }
      assertThat(medium.list().stream().filter(n -> n.startsWith(ManifestIndex.PREFIX))).hasSize(1);
      assertThat(ManifestIndex.candidates(medium).get(0))
          .isEqualTo(new ManifestIndex.Pointer(20_000, new Locator(2000, 200_000, 2000)));
    }
  }

  @Test
  void candidates_tornLastEntry_isIgnored() throws IOException {
    try (LocalMedium medium = new LocalMedium(dir)) {
      ManifestIndex.Pointer good = new ManifestIndex.Pointer(7, new Locator(1, 2, 3));
      try (ManifestIndex idx = ManifestIndex.start(medium, null)) {
        idx.publish(good);
      }
      String name = medium.list().get(0);
      byte[] old;
      try (var f = medium.open(name)) {
        old = new byte[(int) f.length()];
        f.readFully(0, ByteBuffer.wrap(old));
      }
      medium.delete(name);
      try (AppendFile f = medium.create(name)) {
        f.append(ByteBuffer.wrap(old));
        f.append(ByteBuffer.wrap(new byte[] {0x43, 0x42, 0x4D, 0x49, 0, 0, 0, 0, 0, 0, 0, 9, 1, 2, 3})); // torn
        f.sync();
      }
      assertThat(ManifestIndex.candidates(medium)).containsExactly(good);
      ManifestIndex idx = ManifestIndex.start(medium, good);
      idx.close();
      assertThat(ManifestIndex.candidates(medium)).containsExactly(good);
      assertThat(medium.list().stream().filter(n -> n.startsWith(ManifestIndex.PREFIX))).hasSize(1);
    }
  }
}
