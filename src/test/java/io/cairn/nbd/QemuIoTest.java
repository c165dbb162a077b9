package io.cairn.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** QEMU's NBD client (qemu-io, qemu-img) against the server: data, flush, FUA, discard, zeroes. */
class QemuIoTest {

  private static final long SIZE = 64L << 20;
  private MemoryBlockExport volume;
  private MemoryBlockExport readOnly;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    volume = new MemoryBlockExport(SIZE, false);
    readOnly = new MemoryBlockExport(SIZE, true);
    readOnly.write(0, ByteBuffer.wrap(new byte[] {1, 2, 3}), false);
    server = new TestServer(new MapExportResolver().add("vol", volume).add("ro", readOnly));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ExternalTool.Result qemuIo(String export, String... commands) throws Exception {
    // writeback: only explicit "write -f" carries FUA (writethrough would add it to every write).
    List<String> args = new ArrayList<>(List.of("-f", "raw", "-t", "writeback"));
    for (String c : commands) {
      args.add("-c");
      args.add(c);
    }
    args.add(server.uri(export));
    return ExternalTool.QEMU_IO.run(args.toArray(String[]::new));
  }

  @Test
  void qemuIo_writtenPattern_readsBackAndWrongPatternFails() throws Exception {
    ExternalTool.Result w = qemuIo("vol", "write -P 0xab 0 1M", "write -P 0xcd 3M 512k");
    assertThat(w.exit()).as(w.all()).isZero();
    assertThat(w.out()).contains("wrote 1048576/1048576").contains("wrote 524288/524288");

    ExternalTool.Result r = qemuIo("vol", "read -P 0xab 0 1M", "read -P 0xcd 3M 512k", "read -P 0 1M 2M");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.all()).doesNotContain("Pattern verification failed");

    ExternalTool.Result wrong = qemuIo("vol", "read -P 0xac 0 1M");
    assertThat(wrong.all()).contains("Pattern verification failed");
  }

  @Test
  void qemuIo_unalignedWrite_isStoredExactly() throws Exception {
    ExternalTool.Result w = qemuIo("vol", "write -P 0x11 1000 3333");
    assertThat(w.exit()).as(w.all()).isZero();
    ByteBuffer b = ByteBuffer.allocate(5000);
    volume.read(0, b);
    byte[] a = b.array();
    assertThat(a[999]).isZero();
    assertThat(a[1000]).isEqualTo((byte) 0x11);
    assertThat(a[4332]).isEqualTo((byte) 0x11);
    assertThat(a[4333]).isZero();
  }

  @Test
  void qemuIo_flushAndFuaWrite_reachTheExportAsDurabilityRequests() throws Exception {
    ExternalTool.Result r = qemuIo("vol", "write -f -P 0x22 0 64k", "write -P 0x33 64k 64k", "flush");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(volume.fuaWrites.get()).isEqualTo(1);
    assertThat(volume.flushes.get()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void qemuIo_discardAndWriteZeroes_readAsZerosAndShowInMap() throws Exception {
    ExternalTool.Result r =
        qemuIo(
            "vol",
            "write -P 0x44 0 4M",
            "discard 1M 1M",
            "write -z 2M 64k",
            "write -z -u 3M 1M",
            "read -P 0 1M 1M",
            "read -P 0 2M 64k",
            "read -P 0 3M 1M");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.all()).doesNotContain("failed");
    assertThat(r.all()).contains("read 65536/65536");
    // Pattern check above is on the zeroed 64k; the rest of that MiB kept its data.
    ExternalTool.Result again = qemuIo("vol", "read -P 0x44 2162688 983040");
    assertThat(again.all()).doesNotContain("failed");

    ExternalTool.Result map =
        ExternalTool.QEMU_IMG.run("map", "--output=json", "-f", "raw", server.uri("vol"));
    assertThat(map.exit()).as(map.all()).isZero();
    JsonNode extents = new ObjectMapper().readTree(map.out());
    assertThat(describe(extents))
        .containsExactly(
            "0+1048576 data",
            "1048576+1048576 zero",
            "2097152+1048576 data",
            "3145728+" + (SIZE - 3145728) + " zero");
  }

  @Test
  void qemuIo_fastZeroOnMemoryExport_succeeds() throws Exception {
    // qemu-img convert with a sparse source uses NBD_CMD_FLAG_FAST_ZERO when offered.
    ExternalTool.Result r = qemuIo("vol", "write -P 0x55 0 1M", "write -z -u 0 1M", "read -P 0 0 1M");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(volume.allocated(0, 1 << 20)).isFalse();
  }

  @Test
  void qemuIo_writeToReadOnlyExport_isRefused() throws Exception {
    // QEMU honours NBD_FLAG_READ_ONLY itself (EPERM "Block node is read-only"); the server's own
    // EPERM, for clients that write anyway, is checked with nbdsh and raw requests elsewhere.
    ExternalTool.Result r =
        ExternalTool.QEMU_IO.run("-r", "-f", "raw", "-c", "write -P 0x66 0 4k", server.uri("ro"));
    assertThat(r.all()).contains("read-only");
    ExternalTool.Result rw = qemuIo("ro", "write -P 0x66 0 4k");
    assertThat(rw.exit()).isNotZero();
    assertThat(rw.all()).contains("Permission denied");
    ByteBuffer b = ByteBuffer.allocate(4);
    readOnly.read(0, b);
    assertThat(b.array()).containsExactly(1, 2, 3, 0);
    assertThat(readOnly.writes.get()).isEqualTo(1);
  }

  private static List<String> describe(JsonNode extents) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : extents) {
      out.add(
          e.get("start").asLong()
              + "+"
              + e.get("length").asLong()
              + " "
              + (e.get("data").asBoolean() ? "data" : e.get("zero").asBoolean() ? "zero" : "?"));
    }
    return out;
  }

  @Test
  void qemuImgConvert_sparseImageIntoVolume_comparesEqual(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path source = dir.resolve("source.qcow2");
    ExternalTool.Result create =
        ExternalTool.QEMU_IMG.run("create", "-f", "qcow2", source.toString(), Long.toString(SIZE));
    assertThat(create.exit()).as(create.all()).isZero();
    ExternalTool.Result fill =
        ExternalTool.QEMU_IO.run(
            "-f", "qcow2",
            "-c", "write -P 0x5a 0 3M",
            "-c", "write -P 0x6b 20M 1M",
            "-c", "write -P 0x7c 63M 1M",
            source.toString());
    assertThat(fill.exit()).as(fill.all()).isZero();
    // Dirty the volume first: convert must zero what the image leaves as holes.
    assertThat(qemuIo("vol", "write -P 0xff 10M 2M").exit()).isZero();

    ExternalTool.Result convert =
        ExternalTool.QEMU_IMG.run(
            "convert", "-n", "-f", "qcow2", "-O", "raw", "-W", "-m", "8", source.toString(), server.uri("vol"));
    assertThat(convert.exit()).as(convert.all()).isZero();
    ExternalTool.Result compare =
        ExternalTool.QEMU_IMG.run("compare", "-f", "qcow2", "-F", "raw", source.toString(), server.uri("vol"));
    assertThat(compare.exit()).as(compare.all()).isZero();
    assertThat(compare.out()).contains("Images are identical");
  }
}
