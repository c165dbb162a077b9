package io.cairn.medium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaTest {
  @TempDir Path dir;

  @Test
  void open_fileUri_isLocalMediumOnThatDirectory() throws IOException {
    try (Medium m = Media.open(dir.resolve("data").toUri())) {
      assertThat(m).isInstanceOf(LocalMedium.class);
      assertThat(((LocalMedium) m).directory()).isEqualTo(dir.resolve("data"));
      assertThat(Files.isDirectory(dir.resolve("data"))).isTrue();
    }
  }

  @Test
  void open_plainPath_isLocalMedium() throws IOException {
    try (Medium m = Media.open(dir.resolve("plain").toString())) {
      assertThat(m).isInstanceOf(LocalMedium.class);
      assertThat(m.uri()).isEqualTo(dir.resolve("plain").toUri().toString());
    }
  }

  @Test
  void open_unknownScheme_isRejectedWithTheSupportedForms() {
    assertThatThrownBy(() -> Media.open(URI.create("s3://bucket/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hdfs://");
    assertThatThrownBy(() -> Media.open("ftp://host/x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hadoopConfiguration_readsConfDirThenSettings() throws IOException {
    Files.writeString(dir.resolve("hdfs-site.xml"), """
        <configuration>
          <property><name>dfs.replication</name><value>2</value></property>
          <property><name>dfs.blocksize</name><value>1048576</value></property>
        </configuration>
        """);
    Configuration conf = Media.hadoopConfiguration(dir.toString(), Map.of("dfs.blocksize", "2097152"));
    assertThat(conf.get("dfs.replication")).isEqualTo("2");
    assertThat(conf.get("dfs.blocksize")).isEqualTo("2097152");
  }
}
