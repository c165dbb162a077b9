package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.log.SegmentLog;
import io.cairn.log.SegmentLogConfig;
import io.cairn.medium.LocalMedium;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendLoadTest {
  @TempDir Path dir;

  @Test
  void run_threeAppenders_appendsAndSyncsAsAsked() throws Exception {
    AppendLoad load = new AppendLoad(3, 12, 2, LogLocalAppend.randomDirect(4096, 1));
    LocalMedium medium = new LocalMedium(dir);

    AppendLoad.Result r = load.run(medium, SegmentLogConfig.defaults());

    assertThat(r.bytes()).isEqualTo(12 * 4096);
    assertThat(r.stats().appends()).isEqualTo(12);
    assertThat(r.stats().syncCalls()).isEqualTo(3 * (2 + 1)); // every 2 of 4 records, then once more
    assertThat(r.stats().physicalSyncs()).isBetween(1L, 9L);
    assertThat(r.nanos()).isPositive();
    assertThat(r.syncNote("fsyncs")).contains("9 sync calls").containsPattern("medium: \\d+ writes");
    try (SegmentLog reopened = SegmentLog.open(medium, SegmentLogConfig.defaults())) {
      assertThat(reopened.lastSequence()).isEqualTo(12);
    }
  }

  @Test
  void new_fewerRecordsThanAppenders_isRejected() {
    assertThatThrownBy(() -> new AppendLoad(8, 4, 1, LogLocalAppend.randomDirect(4096, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
