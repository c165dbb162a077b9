package io.cairn.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExternalToolTest {

  @Test
  void locate_missingBinary_failsNamingTheDebianPackage() {
    assertThatThrownBy(() -> ExternalTool.locate("no-such-nbd-tool", "some-package"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no-such-nbd-tool")
        .hasMessageContaining("apt-get install -y some-package");
  }

  @Test
  void locate_installedBinary_returnsItsPath() {
    assertThat(ExternalTool.locate("sh", "dash")).isExecutable();
  }
}
