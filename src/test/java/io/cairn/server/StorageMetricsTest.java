package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageMetricsTest {
  @TempDir Path dir;

  @Test
  void metrics_ofAProductionServer_showTheStorageEngine() throws Exception {
    try (TestServer t = TestServer.start(Wiring.production(TestServer.config(dir)).env(TestServer.ENV))) {
      assertThat(t.asRoot("POST", "/api/v1/volumes", "{\"size\": 1048576}").statusCode()).isEqualTo(201);
      String metrics = t.get(t.api() + "/metrics").body();
      assertThat(metrics).contains("cairn_blob_count", "cairn_log_live_bytes", "cairn_log_segments",
          "cairn_log_appends_total", "cairn_log_physical_syncs_total");
      assertThat(metrics).containsPattern("cairn_log_syncs_total [1-9]");
    }
  }
}
