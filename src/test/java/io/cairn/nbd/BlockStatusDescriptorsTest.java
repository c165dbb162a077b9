package io.cairn.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How an export's allocation runs become base:allocation descriptors (proto.md BLOCK_STATUS). */
class BlockStatusDescriptorsTest {

  private static List<String> render(List<long[]> d) {
    return d.stream().map(x -> x[0] + ":" + x[1]).toList();
  }

  @Test
  void descriptors_adjacentEqualRuns_areMergedAndClippedToTheRequest() {
    List<AllocationRun> runs =
        List.of(
            AllocationRun.data(100),
            AllocationRun.data(50),
            AllocationRun.hole(200),
            AllocationRun.data(1000));
    assertThat(render(CommandRunner.descriptors(runs, 400, false)))
        .containsExactly("150:0", "200:3", "50:0");
  }

  @Test
  void descriptors_reqOne_returnsOnlyTheFirstRunWithinTheLength() {
    List<AllocationRun> runs = List.of(AllocationRun.hole(1 << 20), AllocationRun.data(10));
    assertThat(render(CommandRunner.descriptors(runs, 4096, true))).containsExactly("4096:3");
  }

  @Test
  void descriptors_noRuns_reportOneAllocatedRunOfTheWholeRange() {
    assertThat(render(CommandRunner.descriptors(List.of(), 777, false))).containsExactly("777:0");
  }

  @Test
  void descriptors_zeroButAllocated_hasOnlyTheZeroFlag() {
    List<AllocationRun> runs = List.of(new AllocationRun(512, false, true));
    assertThat(render(CommandRunner.descriptors(runs, 512, false))).containsExactly("512:2");
  }
}
