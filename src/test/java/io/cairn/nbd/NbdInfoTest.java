package io.cairn.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handshake as libnbd's nbdinfo sees it: size, flags, block sizes, listing, allocation map. */
class NbdInfoTest {

  private static final long SIZE = 64L << 20;
  private final ObjectMapper json = new ObjectMapper();
  private MemoryBlockExport volume;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    volume = new MemoryBlockExport(SIZE, false);
    MapExportResolver resolver =
        new MapExportResolver()
            .add("vol-1", volume)
            .add("vol-ro", new MemoryBlockExport(SIZE, true))
            .forbid("vol-detached");
    server = new TestServer(resolver);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode info(String export) throws Exception {
    ExternalTool.Result r = ExternalTool.NBDINFO.run("--json", server.uri(export));
    assertThat(r.exit()).as(r.all()).isZero();
    return json.readTree(r.out()).get("exports").get(0);
  }

  @Test
  void nbdinfo_readWriteExport_reportsSizeFlagsAndBlockSizes() throws Exception {
    JsonNode e = info("vol-1");
    assertThat(e.get("export-size").asLong()).isEqualTo(SIZE);
    assertThat(e.get("is_read_only").asBoolean()).isFalse();
    assertThat(e.get("can_flush").asBoolean()).isTrue();
    assertThat(e.get("can_fua").asBoolean()).isTrue();
    assertThat(e.get("can_trim").asBoolean()).isTrue();
    assertThat(e.get("can_zero").asBoolean()).isTrue();
    assertThat(e.get("can_fast_zero").asBoolean()).isTrue();
    assertThat(e.get("can_multi_conn").asBoolean()).isTrue();
    assertThat(e.get("block_size_minimum").asInt()).isEqualTo(1);
    assertThat(e.get("block_size_preferred").asInt()).isEqualTo(4096);
    assertThat(e.get("block_size_maximum").asInt()).isEqualTo(32 << 20);
    assertThat(e.get("export-name").asText()).isEqualTo("vol-1");
    assertThat(e.get("description").asText()).contains("memory export");
  }

  @Test
  void nbdinfo_readOnlyExport_reportsReadOnlyAndNoWriteFeatures() throws Exception {
    JsonNode e = info("vol-ro");
    assertThat(e.get("is_read_only").asBoolean()).isTrue();
    assertThat(e.get("can_trim").asBoolean()).isFalse();
    assertThat(e.get("can_zero").asBoolean()).isFalse();
  }

  @Test
  void nbdinfo_unknownExport_isRefused() throws Exception {
    ExternalTool.Result r = ExternalTool.NBDINFO.run(server.uri("no-such-volume"));
    assertThat(r.exit()).isNotZero();
    // libnbd renders NBD_REP_ERR_UNKNOWN as ENOENT.
    assertThat(r.err()).contains("No such file or directory");
  }

  @Test
  void nbdinfo_detachedVolume_isRefusedByPolicy() throws Exception {
    ExternalTool.Result r = ExternalTool.NBDINFO.run(server.uri("vol-detached"));
    assertThat(r.exit()).isNotZero();
    // NBD_REP_ERR_POLICY, not "unknown": the volume exists but is not attached here.
    assertThat(r.err()).contains("opt_go").doesNotContain("No such file");
  }

  @Test
  void nbdinfoList_showsEveryExport() throws Exception {
    ExternalTool.Result r =
        ExternalTool.NBDINFO.run("--list", "--json", "nbd://127.0.0.1:" + server.port());
    assertThat(r.exit()).as(r.all()).isZero();
    JsonNode exports = json.readTree(r.out()).get("exports");
    assertThat(exports).extracting(n -> n.get("export-name").asText()).containsExactly("vol-1", "vol-ro");
  }

  @Test
  void nbdinfoMap_afterWritesTrimsAndZeroesOverNbd_showsHolesAndData() throws Exception {
    ExternalTool.Result w =
        ExternalTool.QEMU_IO.run(
            "-f", "raw",
            "-c", "write -P 1 0 1M",
            "-c", "write -P 1 4M 1M",
            "-c", "discard 4M 512k",
            "-c", "write -z -u 4864k 64k",
            server.uri("vol-1"));
    assertThat(w.exit()).as(w.all()).isZero();
    ExternalTool.Result r = ExternalTool.NBDINFO.run("--map", "--json", server.uri("vol-1"));
    assertThat(r.exit()).as(r.all()).isZero();
    JsonNode map = json.readTree(r.out());
    List<String> extents = new ArrayList<>();
    map.forEach(n -> extents.add(extent(n)));
    // The trimmed half-MiB joins the never-written hole before it; the unmapped zeroes are a hole.
    assertThat(extents)
        .containsExactly(
            "0+1048576 data",
            "1048576+3670016 hole",
            "4718592+262144 data",
            "4980736+65536 hole",
            "5046272+196608 data",
            "5242880+" + (SIZE - 5242880) + " hole");
  }

  private static String extent(JsonNode n) {
    return n.get("offset").asLong()
        + "+"
        + n.get("length").asLong()
        + " "
        + (n.get("type").asInt() == 3 ? "hole" : n.get("type").asInt() == 0 ? "data" : "t" + n.get("type"));
  }
}
