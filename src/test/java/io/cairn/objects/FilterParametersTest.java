package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FilterParametersTest {
  @Test
  void count_wholeNumberOrAbsent_isParsedElseRejectedNamingTheParameter() {
    assertThat(FilterParameters.count("minSize", " 42 ")).isEqualTo(42L);
    assertThat(FilterParameters.count("minSize", null)).isNull();
    assertThatThrownBy(() -> FilterParameters.count("x-cairn-min-size", "-1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x-cairn-min-size: -1");
    assertThatThrownBy(() -> FilterParameters.count("maxSize", "ten"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSize: ten");
  }

  @Test
  void time_isoWithOffset_isParsedElseRejected() {
    assertThat(FilterParameters.time("t", "2026-11-21T06:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-11-21T05:00:00Z"));
    assertThat(FilterParameters.time("t", null)).isNull();
    assertThatThrownBy(() -> FilterParameters.time("modifiedBefore", "yesterday"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modifiedBefore");
  }

  @Test
  void after_exclusiveTime_isTheNextWholeMillisecond() {
    assertThat(FilterParameters.after("t", "2026-11-21T05:00:00.0009Z"))
        .isEqualTo(Instant.parse("2026-11-21T05:00:00.001Z"));
    assertThat(FilterParameters.after("t", null)).isNull();
  }

  @Test
  void names_commaSeparated_skipsBlanksAndStrips() {
    assertThat(FilterParameters.names(" a, ,b,a")).containsExactly("a", "b");
    assertThat(FilterParameters.names(null)).isEmpty();
  }
}
