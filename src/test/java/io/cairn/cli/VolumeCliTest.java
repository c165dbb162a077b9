package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn volume ...} and {@code cairn snapshot ...} against a real server. */
class VolumeCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(Wiring.production(TestServer.config(dir)).env(TestServer.ENV));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private Run cairn(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", server.api()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), TestServer.ENV, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void volumeAndSnapshotCommands_coverTheLifeCycle() throws Exception {
    Run created = cairn("volume", "create", "--size", "64MiB", "--description", "scratch", "--json");
    assertThat(created.code()).as(created.err()).isZero();
    String vol = created.json().path("id").asText();
    assertThat(created.json().path("size").asLong()).isEqualTo(64L << 20);

    assertThat(cairn("volume", "list").out()).contains(vol).contains("64MiB").contains("available");
    Run attached = cairn("volume", "attach", vol, "--host", "local", "--vm", "vm1", "--device", "vdb", "--mode", "ro");
    assertThat(attached.code()).as(attached.err()).isZero();
    assertThat(attached.out()).contains("nbd://127.0.0.1:" + server.server.listenerPort("nbd") + "/" + vol);
    assertThat(cairn("volume", "show", vol).out()).contains("local/vm1:vdb(ro)");

    Run snap = cairn("snapshot", "create", vol, "--description", "nightly", "--json");
    assertThat(snap.code()).as(snap.err()).isZero();
    String snapId = snap.json().path("id").asText();
    assertThat(cairn("snapshot", "list").out()).contains(snapId).contains("nightly");

    Run clone = cairn("volume", "create", "--snapshot", snapId, "--json");
    assertThat(clone.json().path("snapshotId").asText()).isEqualTo(snapId);
    assertThat(cairn("volume", "resize", clone.json().path("id").asText(), "128MiB").out()).contains("128MiB");

    assertThat(cairn("volume", "delete", vol).code()).as("in use").isEqualTo(ExitCodes.REQUEST_FAILED);
    assertThat(cairn("volume", "detach", vol).code()).isZero();
    assertThat(cairn("volume", "delete", vol).code()).isZero();
    assertThat(cairn("snapshot", "delete", snapId).code()).isZero();
    assertThat(cairn("volume", "delete", clone.json().path("id").asText()).code()).isZero();
    assertThat(cairn("volume", "list", "--json").json().path("volumes")).isEmpty();
  }

  @Test
  void badInput_isAUsageErrorBeforeAnythingIsSent() {
    assertThat(cairn("volume", "show", "not-a-volume").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cairn("volume", "create", "--size", "ten gigs").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cairn("volume", "create").code()).isEqualTo(ExitCodes.USAGE);
    Run missing = cairn("volume", "show", "vol-0123456789abcdef0");
    assertThat(missing.code()).isEqualTo(ExitCodes.REQUEST_FAILED);
    assertThat(missing.err()).contains("InvalidVolume.NotFound");
  }
}
