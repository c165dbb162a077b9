package io.cairn.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.nbd.ExternalTool;
import io.cairn.volumes.host.AttachMode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nbdcopy, fio and qemu-img against a real volume (blob store, catalog, NBD listener). */
class VolumeClientsTest {
  private static final Caller ALICE = new Caller("alice", false);
  private static final long GIB = 1L << 30;

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

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @Test
  void nbdcopy_oneGibInAndOut_hashesMatch() throws Exception {
    Path source = dir.resolve("in.raw");
    Random random = new Random(42);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(source)) {
      for (int i = 0; i < 1024; i++) {
        // Every eighth MiB stays zero, so the copy also meets holes and zero runs.
        if (i % 8 == 0) {
          java.util.Arrays.fill(chunk, (byte) 0);
        } else {
          random.nextBytes(chunk);
        }
        out.write(chunk);
      }
    }
    VolumeInfo v = rig.volumes.create(ALICE, GIB, null, null, null, Map.of());
    rig.volumes.attach(ALICE, v.id(), "local", "copier", "vdb", AttachMode.RW);

    ExternalTool.Result in = ExternalTool.NBDCOPY.run(300, "--flush", source.toString(), rig.uri(v.id()));
    assertThat(in.exit()).as(in.all()).isZero();
    Path back = dir.resolve("out.raw");
    ExternalTool.Result out = ExternalTool.NBDCOPY.run(300, rig.uri(v.id()), back.toString());
    assertThat(out.exit()).as(out.all()).isZero();

    assertThat(Files.size(back)).isEqualTo(GIB);
    assertThat(sha256(back)).isEqualTo(sha256(source));
    assertThat(ExternalTool.QEMU_IMG.run(120, "compare", "-f", "raw", "-F", "raw", source.toString(), rig.uri(v.id())).exit()).isZero();
  }

  @Test
  void fio_randomWritesWithVerifyAtQueueDepth32_allVerify() throws Exception {
    VolumeInfo v = rig.volumes.create(ALICE, 256L << 20, null, null, null, Map.of());
    rig.volumes.attach(ALICE, v.id(), "local", "fio", "vdb", AttachMode.RW);

    ExternalTool.Result fio = ExternalTool.FIO.run(300, "--name=verify", "--ioengine=nbd", "--uri=" + rig.uri(v.id()),
        "--rw=randwrite", "--bs=4k", "--iodepth=32", "--size=64m", "--verify=crc32c", "--verify_fatal=1",
        "--verify_state_save=0", "--fsync=256", "--output-format=terse");
    assertThat(fio.exit()).as(fio.all()).isZero();
    assertThat(fio.all()).doesNotContain("verify: bad");
  }

  @Test
  void qemuIoDiscardAndWriteZeroes_showAsHolesInQemuImgMapAndNbdinfoMap() throws Exception {
    VolumeInfo v = rig.volumes.create(ALICE, 64L << 20, null, null, null, Map.of());
    rig.volumes.attach(ALICE, v.id(), "local", "vm1", "vdb", AttachMode.RW);
    String uri = rig.uri(v.id());

    ExternalTool.Result io = ExternalTool.QEMU_IO.run(120, "-f", "raw",
        "-c", "write -P 0x11 0 16M", "-c", "write -P 0x22 16M 16M",
        "-c", "discard 4M 4M", "-c", "write -z 20M 4M", "-c", "flush", uri);
    assertThat(io.exit()).as(io.all()).isZero();
    ExternalTool.Result read = ExternalTool.QEMU_IO.run(120, "-r", "-f", "raw",
        "-c", "read -P 0x11 0 4M", "-c", "read -P 0 4M 4M", "-c", "read -P 0x11 8M 8M",
        "-c", "read -P 0x22 16M 4M", "-c", "read -P 0 20M 4M", "-c", "read -P 0x22 24M 8M", "-c", "read -P 0 32M 32M", uri);
    assertThat(read.exit()).isZero();
    assertThat(read.all()).doesNotContain("Pattern verification failed");

    // base:allocation: the discarded and zeroed ranges and the never-written tail are holes.
    ExternalTool.Result map = ExternalTool.QEMU_IMG.run(120, "map", "--output=json", "-f", "raw", uri);
    assertThat(map.exit()).as(map.all()).isZero();
    com.fasterxml.jackson.databind.JsonNode extents = new com.fasterxml.jackson.databind.ObjectMapper().readTree(map.out());
    java.util.List<String> data = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode e : extents) {
      if (e.path("data").asBoolean()) {
        data.add(e.path("start").asLong() / (1 << 20) + "+" + e.path("length").asLong() / (1 << 20));
      }
    }
    assertThat(data).containsExactly("0+4", "8+12", "24+8");

    ExternalTool.Result nbdMap = ExternalTool.NBDINFO.run(60, "--map", uri);
    assertThat(nbdMap.exit()).as(nbdMap.all()).isZero();
    assertThat(nbdMap.out()).contains("hole,zero").contains("data");
  }
}
