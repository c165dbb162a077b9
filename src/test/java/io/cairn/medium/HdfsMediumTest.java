package io.cairn.medium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The Medium contract on a 3-DataNode in-process HDFS, plus what is particular to HDFS. */
class HdfsMediumTest extends MediumContractTest {
  private static MiniHdfs hdfs;
  private static final AtomicInteger DIRS = new AtomicInteger();
  private String dir;

  @BeforeAll
  static void startCluster() throws IOException {
    hdfs = MiniHdfs.start(Path.of("target", "minihdfs-" + HdfsMediumTest.class.getSimpleName()), 3);
  }

  @AfterAll
  static void stopCluster() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Override
  protected Medium newMedium() throws IOException {
    dir = "/contract-" + DIRS.incrementAndGet();
    return HdfsMedium.open(hdfs.uri(dir), hdfs.configuration());
  }

  @Override
  protected boolean writesInPlace() {
    return false;
  }

  @Override
  protected Medium reopen() throws IOException {
    return HdfsMedium.open(hdfs.uri(dir), hdfs.configuration());
  }

  @Test
  void uri_isTheQualifiedHdfsDirectory() {
    assertThat(medium.uri()).startsWith("hdfs://").endsWith(dir);
  }

  @Test
  void sync_isReplicatedToEveryDataNode() throws IOException {
    try (AppendFile f = medium.create("a")) {
      f.append(ByteBuffer.wrap(bytes(3 << 20, 1)));
      f.sync();
      try (var fs = hdfs.newFileSystem()) {
        var p = new org.apache.hadoop.fs.Path(dir, "a");
        var blocks = fs.getFileBlockLocations(p, 0, 3 << 20);
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        for (var b : blocks) {
          assertThat(b.getHosts()).hasSize(3);
        }
      }
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "cairn.long", matches = "true", disabledReason = "restarts 3 DataNodes: ~10 s")
  void syncedBytes_surviveRestartOfEveryDataNode() throws IOException {
    byte[] data = bytes(2_500_000, 2);
    try (AppendFile f = medium.create("a")) {
      f.append(ByteBuffer.wrap(data));
    }
    hdfs.cluster().restartDataNodes(true);
    hdfs.cluster().waitActive();
    try (Medium other = reopen()) {
      assertThat(readAll(other, "a")).isEqualTo(data);
    }
  }

  @Test
  void mediaOpen_hdfsUri_isHdfsMediumOnThatDirectory() throws IOException {
    try (Medium m = Media.open(hdfs.uri(dir + "-media"), java.util.Map.of())) {
      assertThat(m).isInstanceOf(HdfsMedium.class);
      assertThat(m.uri()).startsWith("hdfs://").endsWith(dir + "-media");
      try (AppendFile f = m.create("x")) {
        f.append(ByteBuffer.wrap(bytes(10, 3)));
      }
      assertThat(readAll(m, "x")).isEqualTo(bytes(10, 3));
    }
  }

  @Test
  void faultyMedium_crashOnHdfs_keepsSyncedBytesAndDropsTheRest() throws IOException {
    FaultyMedium faulty = new FaultyMedium(medium, 1);
    byte[] data = bytes(3000, 4);
    AppendFile f = faulty.create("a");
    f.append(ByteBuffer.wrap(data, 0, 1000));
    f.sync();
    f.append(ByteBuffer.wrap(data, 1000, 2000));
    f.flush();
    faulty.create("never-synced");
    faulty.crash(CrashMode.DROP_UNSYNCED);
    try (Medium other = reopen()) {
      assertThat(other.list()).containsExactly("a");
      assertThat(readAll(other, "a")).isEqualTo(java.util.Arrays.copyOf(data, 1000));
    }
  }

  @Test
  void writerCrash_leavesSyncedBytesReadableToAnotherClient() throws IOException {
    byte[] data = bytes(3 << 20, 5);
    try (var fs = hdfs.newFileSystem()) {
      HdfsMedium writerSide = new HdfsMedium(fs, new org.apache.hadoop.fs.Path(dir));
      AppendFile f = writerSide.create("a");
      f.append(ByteBuffer.wrap(data, 0, 2 << 20));
      f.sync();
      f.append(ByteBuffer.wrap(data, 2 << 20, 1 << 20));
      // The writer process dies: its streams are aborted, never completed, lease left behind.
      ((org.apache.hadoop.hdfs.DistributedFileSystem) fs).getClient().closeAllFilesBeingWritten(true);
    }
    try (Medium other = reopen()) {
      long visible = other.length("a");
      assertThat(visible).isBetween(2L << 20, 3L << 20);
      assertThat(readAll(other, "a")).isEqualTo(java.util.Arrays.copyOf(data, (int) visible));
      other.delete("a");
      assertThat(other.list()).isEmpty();
    }
  }
}
