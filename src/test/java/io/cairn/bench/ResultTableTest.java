package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultTableTest {
  @Test
  void row_afterBaseline_carriesRatioToItsOwnGroupsBaseline() {
    ResultTable t = new ResultTable();
    t.baseline("g1", "raw", 200, "MiB/s", "limit");
    t.baseline("g2", "raw", 50, "MiB/s", "");
    assertThat(t.row("g1", "medium", 150, "MiB/s").ratio()).isEqualTo(0.75);
    assertThat(t.row("g2", "medium", 100, "MiB/s").ratio()).isEqualTo(2.0);
    assertThat(t.row("g3", "alone", 1, "MiB/s").ratio()).isNull();
    assertThat(t.anyFailed()).isFalse();
  }

  @Test
  void render_printsOneLinePerRowWithGroupOnlyOnce() {
    ResultTable t = new ResultTable();
    t.baseline("local write", "raw", 200, "MiB/s", "limit");
    t.row("local write", "medium", 150, "MiB/s");
    t.failed("hdfs", "(aborted)", new java.io.IOException("boom"));
    String[] lines = t.render().split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[1]).startsWith("local write").contains("200.0", "1.00", "baseline; limit");
    assertThat(lines[2]).startsWith(" ").contains("150.0", "0.75");
    assertThat(lines[3]).contains("FAILED: java.io.IOException: boom");
    assertThat(t.anyFailed()).isTrue();
  }

  @Test
  void options_parseFlagsAndReportUnreadOnes() {
    Options o = Options.parse("--size-mib=64", "--quick", "--typo=1");
    assertThat(o.longValue("size-mib", 1024)).isEqualTo(64);
    assertThat(o.intValue("runs", 1)).isEqualTo(1);
    assertThat(o.flag("quick")).isTrue();
    assertThat(o.unread()).containsExactly("typo");
    assertThatThrownBy(() -> Options.parse("size=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Options.parse("--runs=x").intValue("runs", 1))
        .hasMessageContaining("--runs");
  }
}
