package io.cairn.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** fio's libnbd engine: deep random I/O with verification, on one and on several connections. */
class FioTest {

  private static JsonNode fio(TestServer server, String... job) throws Exception {
    String[] args = new String[job.length + 5];
    args[0] = "--name=verify";
    args[1] = "--ioengine=nbd";
    args[2] = "--uri=" + server.uri("vol");
    args[3] = "--output-format=json";
    // Otherwise fio leaves local-verify-N-verify.state files in the working directory.
    args[4] = "--verify_state_save=0";
    System.arraycopy(job, 0, args, 5, job.length);
    ExternalTool.Result r = ExternalTool.FIO.run(300, args);
    assertThat(r.exit()).as(r.all()).isZero();
    // The nbd engine prints a line before the JSON document.
    return new ObjectMapper().readTree(r.out().substring(r.out().indexOf('{')));
  }

  @Test
  void fioRandomWriteWithCrc32cVerify_atQueueDepth32_verifiesEveryBlock() throws Exception {
    MemoryBlockExport volume = new MemoryBlockExport(128L << 20, false);
    try (TestServer server = new TestServer(new MapExportResolver().add("vol", volume))) {
      JsonNode job =
          fio(
                  server,
                  "--rw=randwrite",
                  "--bs=4k",
                  "--iodepth=32",
                  "--size=64M",
                  "--verify=crc32c",
                  "--verify_fatal=1",
                  "--do_verify=1")
              .get("jobs")
              .get(0);
      assertThat(job.get("error").asInt()).isZero();
      assertThat(job.get("write").get("io_bytes").asLong()).isEqualTo(64L << 20);
      // The verify phase read back everything that was written.
      assertThat(job.get("read").get("io_bytes").asLong()).isEqualTo(64L << 20);
    }
  }

  @Test
  void fioMixedBlockSizes_onTwoConnections_verify() throws Exception {
    MemoryBlockExport volume = new MemoryBlockExport(128L << 20, false);
    try (TestServer server = new TestServer(new MapExportResolver().add("vol", volume))) {
      JsonNode result =
          fio(
              server,
              "--rw=randwrite",
              "--bsrange=512-256k",
              "--iodepth=16",
              "--numjobs=2",
              "--offset_increment=64M",
              "--size=32M",
              "--verify=crc32c",
              "--verify_fatal=1");
      for (JsonNode job : result.get("jobs")) {
        assertThat(job.get("error").asInt()).isZero();
        assertThat(job.get("read").get("io_bytes").asLong()).isPositive();
      }
    }
  }
}
