package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
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
          "cairn_log_spare_segments",
          "cairn_log_appends_total", "cairn_log_physical_syncs_total");
      assertThat(metrics).containsPattern("cairn_log_syncs_total [1-9]");
    }
  }

  @Test
  void metrics_countInlinePutsAndGets() throws Exception {
    try (TestServer t = TestServer.start(Wiring.production(TestServer.config(dir)).env(TestServer.ENV));
        S3Client s3 = t.rootS3Client()) {
      s3.createBucket(b -> b.bucket("metered"));
      s3.putObject(b -> b.bucket("metered").key("small"), RequestBody.fromString("tiny"));
      s3.putObject(b -> b.bucket("metered").key("big"), RequestBody.fromBytes(new byte[64 << 10]));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("metered").key("small")).asUtf8String()).isEqualTo("tiny");
      s3.getObjectAsBytes(b -> b.bucket("metered").key("big"));
      String metrics = t.get(t.api() + "/metrics").body();
      assertThat(metrics).containsPattern("(?m)^cairn_objects_inline_puts_total(\\{[^}]*\\})? 1\\.0$")
          .containsPattern("(?m)^cairn_objects_inline_gets_total(\\{[^}]*\\})? 1\\.0$");
    }
  }
}
