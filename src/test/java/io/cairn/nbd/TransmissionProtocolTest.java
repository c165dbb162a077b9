package io.cairn.nbd;

import static io.cairn.nbd.NbdProtocol.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transmission at the byte level: errors, malformed requests, pipelining, structured replies. */
class TransmissionProtocolTest {

  private static final int SIZE = 1 << 20;
  private MemoryBlockExport volume;
  private MemoryBlockExport readOnly;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    volume = new MemoryBlockExport(SIZE, false);
    readOnly = new MemoryBlockExport(SIZE, true);
    server = new TestServer(new MapExportResolver().add("vol", volume).add("ro", readOnly));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawNbdClient connect(String export) throws IOException {
    RawNbdClient c = new RawNbdClient(server.port()).greet();
    c.go(export);
    return c;
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private byte[] contents(long offset, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    volume.read(offset, b);
    return b.array();
  }

  @Test
  void writeThenRead_simpleReplies_roundTrip() throws Exception {
    try (RawNbdClient c = connect("vol")) {
      c.request(0, CMD_WRITE, 1, 4096, 8192, filled(8192, 0x5a));
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(0, 1));
      c.request(0, CMD_READ, 2, 4096, 8192, null);
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(0, 2));
      byte[] data = new byte[8192];
      c.readFully(data);
      assertThat(data).isEqualTo(filled(8192, 0x5a));
    }
  }

  @Test
  void read_withStructuredReplies_isOneFinalOffsetDataChunk() throws Exception {
    volume.write(100, ByteBuffer.wrap(filled(50, 7)), false);
    RawNbdClient c = new RawNbdClient(server.port()).greet();
    try (c) {
      c.structuredReplies();
      c.go("vol");
      c.request(0, CMD_READ, 9, 100, 50, null);
      RawNbdClient.Chunk chunk = c.chunk();
      assertThat(chunk.type()).isEqualTo(REPLY_TYPE_OFFSET_DATA);
      assertThat(chunk.flags()).isEqualTo(REPLY_FLAG_DONE);
      assertThat(chunk.cookie()).isEqualTo(9);
      ByteBuffer p = ByteBuffer.wrap(chunk.payload());
      assertThat(p.getLong()).isEqualTo(100);
      assertThat(Arrays.copyOfRange(chunk.payload(), 8, 58)).isEqualTo(filled(50, 7));
      c.request(0, CMD_READ, 10, SIZE, 1, null);
      RawNbdClient.Chunk error = c.chunk();
      assertThat(error.type()).isEqualTo(REPLY_TYPE_ERROR);
      assertThat(error.errno()).isEqualTo(EINVAL);
    }
  }

  @Test
  void outOfRangeRequests_getEinvalOrEnospc_andChangeNothing() throws Exception {
    try (RawNbdClient c = connect("vol")) {
      c.request(0, CMD_WRITE, 1, SIZE - 10, 20, filled(20, 1));
      assertThat(c.simple().error()).isEqualTo(ENOSPC);
      c.request(0, CMD_WRITE_ZEROES, 2, SIZE, 1, null);
      assertThat(c.simple().error()).isEqualTo(ENOSPC);
      c.request(0, CMD_READ, 3, SIZE - 10, 20, null);
      assertThat(c.simple().error()).isEqualTo(EINVAL);
      c.request(0, CMD_TRIM, 4, -1L, 20, null);
      assertThat(c.simple().error()).isEqualTo(EINVAL);
      c.request(0, CMD_READ, 5, 0, (64L << 20), null);
      assertThat(c.simple().error()).isEqualTo(EINVAL);
      // The refused write's payload was consumed: the stream is still in sync.
      c.request(0, CMD_FLUSH, 6, 0, 0, null);
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(0, 6));
    }
    assertThat(volume.writes.get()).isZero();
  }

  @Test
  void unknownCommandOrFlag_getsEinval() throws Exception {
    try (RawNbdClient c = connect("vol")) {
      c.request(0, 42, 1, 0, 0, null);
      assertThat(c.simple().error()).isEqualTo(EINVAL);
      c.request(CMD_FLAG_NO_HOLE, CMD_READ, 2, 0, 16, null);
      assertThat(c.simple().error()).isEqualTo(EINVAL);
      c.request(0, CMD_BLOCK_STATUS, 3, 0, 16, null);
      assertThat(c.simple().error()).as("base:allocation not negotiated").isEqualTo(EINVAL);
      c.request(0, CMD_FLUSH, 4, 0, 0, null);
      assertThat(c.simple().error()).isZero();
    }
  }

  @Test
  void writeTrimZeroes_onReadOnlyExport_getEperm() throws Exception {
    try (RawNbdClient c = connect("ro")) {
      c.request(0, CMD_WRITE, 1, 0, 512, filled(512, 9));
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(EPERM, 1));
      c.request(0, CMD_TRIM, 2, 0, 512, null);
      assertThat(c.simple().error()).isEqualTo(EPERM);
      c.request(0, CMD_WRITE_ZEROES, 3, 0, 512, null);
      assertThat(c.simple().error()).isEqualTo(EPERM);
      c.request(0, CMD_READ, 4, 0, 512, null);
      assertThat(c.simple().error()).isZero();
      byte[] data = new byte[512];
      c.readFully(data);
      assertThat(data).isEqualTo(new byte[512]);
    }
    assertThat(readOnly.writes.get()).isZero();
  }

  @Test
  void exportIoError_isEio_andTheConnectionStaysUsable() throws Exception {
    try (RawNbdClient c = connect("vol")) {
      volume.nextFailure.set(new IOException("injected"));
      c.request(0, CMD_WRITE, 1, 0, 4, filled(4, 3));
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(EIO, 1));
      volume.nextFailure.set(new NoSpaceException("full"));
      c.request(0, CMD_WRITE, 2, 0, 4, filled(4, 3));
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(ENOSPC, 2));
      volume.nextFailure.set(new IOException("injected"));
      c.request(0, CMD_READ, 3, 0, 4, null);
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(EIO, 3));
      c.request(0, CMD_WRITE, 4, 0, 4, filled(4, 3));
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(0, 4));
    }
    assertThat(contents(0, 5)).containsExactly(3, 3, 3, 3, 0);
  }

  @Test
  void badRequestMagic_closesWithoutReplyAndWritesNothing() throws Exception {
    try (RawNbdClient c = connect("vol")) {
      c.out.writeInt(0x12345678);
      c.out.writeShort(0);
      c.out.writeShort(CMD_WRITE);
      c.out.writeLong(1);
      c.out.writeLong(0);
      c.out.writeInt(16);
      c.out.write(filled(16, 0x77));
      c.out.flush();
      assertThat(c.closedWithoutReply()).isTrue();
    }
    assertThat(volume.writes.get()).isZero();
    assertThat(contents(0, 16)).isEqualTo(new byte[16]);
  }

  @Test
  void garbageAfterHandshake_closesWithoutReplyAndWritesNothing() throws Exception {
    try (RawNbdClient c = connect("vol")) {
      byte[] garbage = new byte[4096];
      new java.util.Random(42).nextBytes(garbage);
      c.out.write(garbage);
      c.out.flush();
      assertThat(c.closedWithoutReply()).isTrue();
    }
    assertThat(volume.writes.get()).isZero();
  }

  @Test
  void oversizedWrite_closesWithoutReplyAndWritesNothing() throws Exception {
    try (RawNbdClient c = connect("vol")) {
      c.request(0, CMD_WRITE, 1, 0, 0xffff_fff0L, filled(65536, 0x66));
      assertThat(c.closedWithoutReply()).isTrue();
    }
    assertThat(volume.writes.get()).isZero();
    assertThat(contents(0, 16)).isEqualTo(new byte[16]);
  }

  @Test
  void truncatedWritePayload_isNotApplied() throws Exception {
    try (RawNbdClient c = connect("vol")) {
      c.request(0, CMD_WRITE, 1, 0, 8192, filled(100, 0x66));
    }
    server.close();
    assertThat(volume.writes.get()).isZero();
  }

  @Test
  void pipelinedRequests_areAllAnsweredByCookie() throws Exception {
    int n = 200;
    try (RawNbdClient c = connect("vol")) {
      for (int i = 0; i < n; i++) {
        c.out.writeInt(REQUEST_MAGIC);
        c.out.writeShort(0);
        c.out.writeShort(CMD_WRITE);
        c.out.writeLong(1000 + i);
        c.out.writeLong(i * 4096L);
        c.out.writeInt(4096);
        c.out.write(filled(4096, i));
      }
      c.out.flush();
      Set<Long> cookies = new HashSet<>();
      for (int i = 0; i < n; i++) {
        RawNbdClient.SimpleReply r = c.simple();
        assertThat(r.error()).isZero();
        cookies.add(r.cookie());
      }
      assertThat(cookies).hasSize(n).contains(1000L, 1000L + n - 1);
    }
    for (int i = 0; i < n; i++) {
      assertThat(contents(i * 4096L, 4096)).isEqualTo(filled(4096, i));
    }
  }

  @Test
  void blockStatus_reqOne_returnsOneDescriptorWithinTheRequest() throws Exception {
    volume.write(0, ByteBuffer.wrap(filled(4096, 1)), false);
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.structuredReplies();
      c.option(OPT_SET_META_CONTEXT, RawNbdClient.metaData("vol", BASE_ALLOCATION));
      assertThat(c.reply().type()).isEqualTo(REP_META_CONTEXT);
      assertThat(c.reply().type()).isEqualTo(REP_ACK);
      c.go("vol");
      c.request(CMD_FLAG_REQ_ONE, CMD_BLOCK_STATUS, 5, 1000, 1000, null);
      RawNbdClient.Chunk one = c.chunk();
      assertThat(one.type()).isEqualTo(REPLY_TYPE_BLOCK_STATUS);
      ByteBuffer p = ByteBuffer.wrap(one.payload());
      assertThat(p.getInt()).isEqualTo(BASE_ALLOCATION_ID);
      assertThat(new int[] {p.getInt(), p.getInt()}).containsExactly(1000, 0);
      assertThat(p.hasRemaining()).isFalse();
      c.request(0, CMD_BLOCK_STATUS, 6, 0, SIZE, null);
      p = ByteBuffer.wrap(c.chunk().payload());
      p.getInt();
      assertThat(new int[] {p.getInt(), p.getInt(), p.getInt(), p.getInt()})
          .containsExactly(MemoryBlockExport.CHUNK, 0, SIZE - MemoryBlockExport.CHUNK, 3);
    }
  }

  @Test
  void fastZero_whenExportCannotZeroFast_isEnotsupAndChangesNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("disk.raw");
    java.nio.file.Files.write(file, filled(SIZE, 0x21));
    try (TestServer files =
            new TestServer(new MapExportResolver().add("f", "file", () -> new FileBlockExport(file, false)));
        RawNbdClient c = new RawNbdClient(files.port()).greet()) {
      c.go("f");
      c.request(CMD_FLAG_FAST_ZERO, CMD_WRITE_ZEROES, 1, 0, 4096, null);
      assertThat(c.simple().error()).isEqualTo(ENOTSUP);
      c.request(0, CMD_WRITE_ZEROES, 2, 0, 4096, null);
      assertThat(c.simple().error()).isZero();
    }
    byte[] after = java.nio.file.Files.readAllBytes(file);
    assertThat(Arrays.copyOfRange(after, 0, 4096)).isEqualTo(new byte[4096]);
    assertThat(after[4096]).isEqualTo((byte) 0x21);
  }

  @Test
  void unalignedRequests_onExportWith512ByteBlocks_getEinval() throws Exception {
    MemoryBlockExport sectors = new MemoryBlockExport(SIZE, false).withMinimumBlockSize(512);
    try (TestServer s = new TestServer(new MapExportResolver().add("s", sectors));
        RawNbdClient c = new RawNbdClient(s.port()).greet()) {
      c.option(OPT_GO, RawNbdClient.goData("s", INFO_BLOCK_SIZE));
      RawNbdClient.OptionReply r;
      int minimum = -1;
      while ((r = c.reply()).type() == REP_INFO) {
        ByteBuffer b = ByteBuffer.wrap(r.data());
        if (b.getShort() == INFO_BLOCK_SIZE) {
          minimum = b.getInt();
        }
      }
      assertThat(minimum).isEqualTo(512);
      c.request(0, CMD_WRITE, 1, 100, 512, filled(512, 1));
      assertThat(c.simple().error()).isEqualTo(EINVAL);
      c.request(0, CMD_READ, 2, 0, 100, null);
      assertThat(c.simple().error()).isEqualTo(EINVAL);
      c.request(0, CMD_WRITE, 3, 512, 512, filled(512, 1));
      assertThat(c.simple().error()).isZero();
    }
    assertThat(sectors.writes.get()).isEqualTo(1);
  }

  @Test
  void pipelinedWrites_beyondTheInFlightLimit_areThrottledNotDropped() throws Exception {
    NbdServer.Config tight =
        new NbdServer.Config(
            new java.net.InetSocketAddress("127.0.0.1", 0), 2, 1, java.time.Duration.ofSeconds(5), 0);
    int n = 300;
    try (TestServer s = new TestServer(tight, new MapExportResolver().add("vol", volume), NbdMetrics.NONE);
        RawNbdClient c = new RawNbdClient(s.port()).greet()) {
      c.go("vol");
      // Written from another thread: the server stops reading while two are in flight, so a
      // single-threaded client that only writes would deadlock on full socket buffers.
      java.util.concurrent.CompletableFuture<Void> sender =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  for (int i = 0; i < n; i++) {
                    c.request(0, CMD_WRITE, i, (i % 256) * 4096L, 4096, filled(4096, i));
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Set<Long> cookies = new HashSet<>();
      for (int i = 0; i < n; i++) {
        RawNbdClient.SimpleReply r = c.simple();
        assertThat(r.error()).isZero();
        cookies.add(r.cookie());
      }
      sender.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(cookies).hasSize(n);
    }
    assertThat(volume.writes.get()).isEqualTo(n);
  }

  @Test
  void disconnect_afterPipelinedWrite_answersTheWriteThenClosesAndReleasesTheExport()
      throws Exception {
    try (RawNbdClient c = connect("vol")) {
      c.request(0, CMD_WRITE, 1, 0, 4096, filled(4096, 0x31));
      c.request(0, CMD_DISC, 2, 0, 0, null);
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(0, 1));
      assertThat(c.closedWithoutReply()).isTrue();
    }
    assertThat(contents(0, 4096)).isEqualTo(filled(4096, 0x31));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (volume.closes.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(volume.closes.get()).isEqualTo(1);
  }
}
