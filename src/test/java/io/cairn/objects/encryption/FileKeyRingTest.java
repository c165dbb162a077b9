package io.cairn.objects.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyRingTest {
  @TempDir Path dir;

  private FileKeyRing open() throws IOException {
    return FileKeyRing.open(dir.resolve("keys/master.key"), dir.resolve("ring.json"),
        new SecureRandom());
  }

  @Test
  void create_survivesReopen_andWrapsUnwrapWithTheSameKey() throws Exception {
    FileKeyRing ring = open();
    ring.create("testkey-1");
    byte[] dataKey = new byte[32];
    dataKey[3] = 9;
    byte[] wrapped = ring.wrap("testkey-1", dataKey, new byte[] {1});
    FileKeyRing again = open();
    assertThat(again.keyIds()).containsExactly("testkey-1");
    assertThat(again.unwrap("testkey-1", wrapped, new byte[] {1})).isEqualTo(dataKey);
    assertThatThrownBy(() -> again.unwrap("testkey-1", wrapped, new byte[] {2}))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> again.create("testkey-1"))
        .isInstanceOf(KeyRing.KeyExistsException.class);
    assertThatThrownBy(() -> again.wrap("other", dataKey, new byte[0]))
        .isInstanceOf(KeyRing.UnknownKeyException.class);
  }

  @Test
  void s3Key_isMadeOnFirstUse_andIsNotAKmsKey() throws Exception {
    FileKeyRing ring = open();
    byte[] wrapped = ring.wrap(KeyRing.S3_KEY, new byte[32], new byte[0]);
    assertThat(open().unwrap(KeyRing.S3_KEY, wrapped, new byte[0])).isEqualTo(new byte[32]);
    assertThat(ring.contains(KeyRing.S3_KEY)).isFalse();
    assertThat(ring.keyIds()).isEmpty();
  }

  @Test
  void open_withAnotherMasterKey_isRefused() throws Exception {
    open().create("k");
    byte[] other = new byte[32];
    other[0] = 1;
    Files.writeString(dir.resolve("keys/master.key"), Base64.getEncoder().encodeToString(other));
    assertThatThrownBy(this::open).isInstanceOf(IOException.class)
        .hasMessageContaining("does not open");
  }

  @Test
  void masterKeyFile_isPrivate() throws Exception {
    open();
    assertThat(Files.getPosixFilePermissions(dir.resolve("keys/master.key")).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");
  }
}
