package io.cairn.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

  @Test
  void take_afterGive_reusesTheBufferWithTheRequestedLimit() {
    BufferPool pool = new BufferPool(1 << 20);
    ByteBuffer a = pool.take(5000);
    assertThat(a.isDirect()).isTrue();
    assertThat(a.capacity()).isEqualTo(8192);
    assertThat(a.position()).isZero();
    assertThat(a.limit()).isEqualTo(5000);
    a.put(new byte[100]);
    pool.give(a);
    ByteBuffer b = pool.take(6000);
    assertThat(b).isSameAs(a);
    assertThat(b.position()).isZero();
    assertThat(b.limit()).isEqualTo(6000);
  }

  @Test
  void give_beyondRetainLimit_dropsTheBuffer() {
    BufferPool pool = new BufferPool(4096);
    ByteBuffer a = pool.take(4096);
    ByteBuffer b = pool.take(4096);
    pool.give(a);
    pool.give(b);
    assertThat(pool.take(4096)).isSameAs(a);
    assertThat(pool.take(4096)).isNotSameAs(b);
  }

  @Test
  void take_smallAndMaximum_useTheSmallestFittingClass() {
    BufferPool pool = new BufferPool(0);
    assertThat(pool.take(0).capacity()).isEqualTo(4096);
    assertThat(pool.take(4097).capacity()).isEqualTo(8192);
    assertThat(pool.take(32 << 20).capacity()).isEqualTo(32 << 20);
    assertThatThrownBy(() -> pool.take((32 << 20) + 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
