package io.cairn.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.medium.LocalMedium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's format marker: a log of a newer format is refused, never recovered as torn. */
class LogFormatTest {
  @TempDir Path dir;

  private void write(int records) throws IOException {
    try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SegmentLogConfig.defaults())) {
      for (long n = 0; n < records; n++) {
        log.append(RecordKind.DATA, n, 0, 100, Payloads.buffer(n, 100));
      }
      log.sync();
    }
  }

  @Test
  void open_marksTheMediumWithTheRecordFormat() throws IOException {
    write(1);
    assertThat(Files.readString(dir.resolve(LogFormat.NAME))).isEqualTo(RecordFormat.VERSION + "\n");
  }

  @Test
  void aNewerFormat_isRefusedAndNothingChanges() throws IOException {
    write(3);
    Files.writeString(dir.resolve(LogFormat.NAME), (RecordFormat.VERSION + 1) + "\n");
    byte[] segment = Files.readAllBytes(dir.resolve(Segment.logName(1)));
    assertThatThrownBy(() -> SegmentLog.open(new LocalMedium(dir), SegmentLogConfig.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("newer Cairn")
        .hasMessageContaining("Nothing was changed");
    assertThat(Files.readAllBytes(dir.resolve(Segment.logName(1)))).isEqualTo(segment);
    assertThat(Files.readString(dir.resolve(LogFormat.NAME))).isEqualTo((RecordFormat.VERSION + 1) + "\n");
  }

  @Test
  void anOlderOrMissingOrUnsyncedMarker_isRewritten_andTheRecordsStayReadable() throws IOException {
    write(2);
    for (String marker : new String[] {"1\n", "", null}) {
      if (marker == null) {
        Files.delete(dir.resolve(LogFormat.NAME));
      } else {
        Files.writeString(dir.resolve(LogFormat.NAME), marker);
      }
      try (SegmentLog log = SegmentLog.open(new LocalMedium(dir), SegmentLogConfig.defaults())) {
        long[] records = {0};
        log.scan((header, at) -> records[0]++);
        assertThat(records[0]).isEqualTo(2);
      }
      assertThat(Files.readString(dir.resolve(LogFormat.NAME))).isEqualTo(RecordFormat.VERSION + "\n");
    }
  }

  @Test
  void anUnreadableMarker_isCorruption() throws IOException {
    write(1);
    Files.writeString(dir.resolve(LogFormat.NAME), "two\n");
    assertThatThrownBy(() -> SegmentLog.open(new LocalMedium(dir), SegmentLogConfig.defaults()))
        .isInstanceOf(CorruptRecordException.class);
  }
}
