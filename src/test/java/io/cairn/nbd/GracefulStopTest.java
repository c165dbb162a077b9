package io.cairn.nbd;

import static io.cairn.nbd.NbdProtocol.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the server answers what is in flight, then closes; metrics count what happened. */
class GracefulStopTest {

  /** Delegates to a memory export; writes wait at a gate the test opens. */
  private static final class GatedExport implements BlockExport {
    final MemoryBlockExport inner = new MemoryBlockExport(1 << 20, false);
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public long size() {
      return inner.size();
    }

    @Override
    public boolean readOnly() {
      return false;
    }

    @Override
    public boolean canMultiConn() {
      return false;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
      inner.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src, boolean fua) throws IOException {
      entered.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      inner.write(offset, src, fua);
    }

    @Override
    public void flush() throws IOException {
      inner.flush();
    }

    @Override
    public void trim(long offset, long length, boolean fua) throws IOException {
      inner.trim(offset, length, fua);
    }

    @Override
    public void writeZeroes(long offset, long length, boolean noHole, boolean fua)
        throws IOException {
      inner.writeZeroes(offset, length, noHole, fua);
    }

    @Override
    public boolean zeroesFast(long offset, long length, boolean noHole) {
      return true;
    }

    @Override
    public List<AllocationRun> blockStatus(long offset, long length) throws IOException {
      return inner.blockStatus(offset, length);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void close_withWriteInFlight_repliesToItThenClosesAndReleasesTheExport() throws Exception {
    GatedExport export = new GatedExport();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TestServer server =
        new TestServer(new MapExportResolver().add("vol", export), new MicrometerNbdMetrics(registry));
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.go("vol");
      c.request(0, CMD_WRITE, 1, 0, 4, new byte[] {1, 2, 3, 4});
      assertThat(export.entered.await(10, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      Thread.sleep(200);
      assertThat(closing).as("close waits for the in-flight write").isNotDone();
      assertThat(export.inner.closes.get()).isZero();

      export.gate.countDown();
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(0, 1));
      closing.get(10, TimeUnit.SECONDS);
      assertThat(c.closedWithoutReply()).isTrue();
    }
    assertThat(export.inner.closes.get()).isEqualTo(1);
    ByteBuffer b = ByteBuffer.allocate(4);
    export.inner.read(0, b);
    assertThat(b.array()).containsExactly(1, 2, 3, 4);
    assertThat(registry.get("cairn.nbd.command").tag("command", "write").timer().count()).isEqualTo(1);
    assertThat(registry.get("cairn.nbd.connections").counter().count()).isEqualTo(1);
    assertThat(registry.get("cairn.nbd.connections.open").gauge().value()).isZero();
  }

  @Test
  void close_refusesNewConnections() throws Exception {
    TestServer server = new TestServer(new MapExportResolver().add("vol", new MemoryBlockExport(4096, false)));
    int port = server.port();
    server.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RawNbdClient(port))
        .isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void protocolViolation_isCounted() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TestServer server =
            new TestServer(
                new MapExportResolver().add("vol", new MemoryBlockExport(4096, false)),
                new MicrometerNbdMetrics(registry));
        RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.out.writeLong(0xdeadbeefL);
      c.out.flush();
      assertThat(c.closedWithoutReply()).isTrue();
      Thread.sleep(100);
      assertThat(registry.get("cairn.nbd.protocol.violations").counter().count()).isEqualTo(1);
    }
  }

  @Test
  void close_withClientInHandshake_closesItsConnection() throws Exception {
    TestServer server =
        new TestServer(new MapExportResolver().add("vol", new MemoryBlockExport(4096, false)));
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_LIST, new byte[0]);
      assertThat(c.reply().type()).isEqualTo(REP_SERVER);
      assertThat(c.reply().type()).isEqualTo(REP_ACK);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      closing.get(10, TimeUnit.SECONDS);
      assertThat(c.closedWithoutReply()).isTrue();
    }
  }
}
