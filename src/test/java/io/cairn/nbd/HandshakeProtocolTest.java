package io.cairn.nbd;

import static io.cairn.nbd.NbdProtocol.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Option haggling at the byte level: what real clients never send, and the replies spec'd for it. */
class HandshakeProtocolTest {

  private MemoryBlockExport volume;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    volume = new MemoryBlockExport(1 << 20, false);
    server =
        new TestServer(
            new MapExportResolver()
                .add("vol-a", volume)
                .add("vol-b", new MemoryBlockExport(4096, true))
                .forbid("vol-detached"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void unknownOption_getsErrUnsup_andNegotiationContinues() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(99, new byte[] {1, 2, 3});
      RawNbdClient.OptionReply r = c.reply();
      assertThat(r.option()).isEqualTo(99);
      assertThat(r.type()).isEqualTo(REP_ERR_UNSUP);
      assertThat(c.go("vol-a")).isEqualTo(1 << 20);
    }
  }

  @Test
  void startTls_isUnsupported_notFatal() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_STARTTLS, new byte[0]);
      assertThat(c.reply().type()).isEqualTo(REP_ERR_UNSUP);
      assertThat(c.go("vol-a")).isEqualTo(1 << 20);
    }
  }

  @Test
  void optList_listsEveryExportThenAcks() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_LIST, new byte[0]);
      List<String> names = new ArrayList<>();
      RawNbdClient.OptionReply r;
      while ((r = c.reply()).type() == REP_SERVER) {
        ByteBuffer b = ByteBuffer.wrap(r.data());
        byte[] name = new byte[b.getInt()];
        b.get(name);
        names.add(new String(name, StandardCharsets.UTF_8));
      }
      assertThat(r.type()).isEqualTo(REP_ACK);
      assertThat(names).containsExactly("vol-a", "vol-b");
    }
  }

  @Test
  void optList_withData_isInvalid() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_LIST, new byte[] {0});
      assertThat(c.reply().type()).isEqualTo(REP_ERR_INVALID);
    }
  }

  @Test
  void optGo_unknownAndForbiddenExports_getDistinctErrors() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_GO, RawNbdClient.goData("nope"));
      assertThat(c.reply().type()).isEqualTo(REP_ERR_UNKNOWN);
      c.option(OPT_GO, RawNbdClient.goData("vol-detached"));
      RawNbdClient.OptionReply r = c.reply();
      assertThat(r.type()).isEqualTo(REP_ERR_POLICY);
      assertThat(r.text()).contains("not attached");
      assertThat(c.go("vol-b")).isEqualTo(4096);
    }
  }

  @Test
  void optGo_nameLengthPastOptionData_isInvalid() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_GO, ByteBuffer.allocate(10).putInt(100).array());
      assertThat(c.reply().type()).isEqualTo(REP_ERR_INVALID);
    }
  }

  @Test
  void optInfo_returnsExportNameDescriptionAndBlockSizes_withoutEnteringTransmission()
      throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_INFO, RawNbdClient.goData("vol-a", INFO_NAME, INFO_DESCRIPTION, INFO_BLOCK_SIZE));
      List<Integer> types = new ArrayList<>();
      RawNbdClient.OptionReply r;
      while ((r = c.reply()).type() == REP_INFO) {
        ByteBuffer b = ByteBuffer.wrap(r.data());
        int type = b.getShort();
        types.add(type);
        if (type == INFO_BLOCK_SIZE) {
          assertThat(new int[] {b.getInt(), b.getInt(), b.getInt()}).containsExactly(1, 4096, 32 << 20);
        }
      }
      assertThat(r.type()).isEqualTo(REP_ACK);
      assertThat(types).containsExactlyInAnyOrder(INFO_EXPORT, INFO_NAME, INFO_DESCRIPTION, INFO_BLOCK_SIZE);
      assertThat(volume.closes.get()).isEqualTo(1);
      assertThat(c.go("vol-a")).isEqualTo(1 << 20);
    }
  }

  @Test
  void setMetaContext_beforeStructuredReplies_isInvalid_afterwardsSelectsBaseAllocation()
      throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_SET_META_CONTEXT, RawNbdClient.metaData("vol-a", BASE_ALLOCATION));
      assertThat(c.reply().type()).isEqualTo(REP_ERR_INVALID);
      c.structuredReplies();
      c.option(OPT_SET_META_CONTEXT, RawNbdClient.metaData("vol-a", "x-other:thing", BASE_ALLOCATION));
      RawNbdClient.OptionReply r = c.reply();
      assertThat(r.type()).isEqualTo(REP_META_CONTEXT);
      assertThat(new String(r.data(), 4, r.data().length - 4, StandardCharsets.US_ASCII))
          .isEqualTo(BASE_ALLOCATION);
      assertThat(c.reply().type()).isEqualTo(REP_ACK);
    }
  }

  @Test
  void listMetaContext_withWildcard_listsBaseAllocation() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.structuredReplies();
      c.option(OPT_LIST_META_CONTEXT, RawNbdClient.metaData("vol-a", "base:"));
      assertThat(c.reply().type()).isEqualTo(REP_META_CONTEXT);
      assertThat(c.reply().type()).isEqualTo(REP_ACK);
      c.option(OPT_LIST_META_CONTEXT, RawNbdClient.metaData("vol-a", "qemu:dirty-bitmap:x"));
      assertThat(c.reply().type()).isEqualTo(REP_ACK);
    }
  }

  @Test
  void optAbort_isAcknowledgedThenClosed() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_ABORT, new byte[0]);
      assertThat(c.reply().type()).isEqualTo(REP_ACK);
      assertThat(c.closedWithoutReply()).isTrue();
    }
  }

  @Test
  void exportName_known_sendsSizeAndFlagsWithoutZeroes() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_EXPORT_NAME, "vol-a".getBytes(StandardCharsets.UTF_8));
      assertThat(c.in.readLong()).isEqualTo(1 << 20);
      int flags = c.in.readShort() & 0xffff;
      assertThat(flags & FLAG_HAS_FLAGS).isNotZero();
      assertThat(flags & FLAG_READ_ONLY).isZero();
      // Transmission starts right after the 10 bytes: a FLUSH is answered.
      c.request(0, CMD_FLUSH, 7, 0, 0, null);
      assertThat(c.simple()).isEqualTo(new RawNbdClient.SimpleReply(0, 7));
    }
  }

  @Test
  void exportName_unknown_closesTheConnection() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.option(OPT_EXPORT_NAME, "nope".getBytes(StandardCharsets.UTF_8));
      assertThat(c.closedWithoutReply()).isTrue();
    }
  }

  @Test
  void unknownClientFlags_closeTheConnection() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port())) {
      c.in.readFully(new byte[18]);
      c.out.writeInt(0x80);
      c.out.flush();
      assertThat(c.closedWithoutReply()).isTrue();
    }
  }

  @Test
  void badOptionMagic_closesWithoutReply() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      c.out.flush();
      assertThat(c.closedWithoutReply()).isTrue();
    }
  }

  @Test
  void absurdOptionLength_closesWithoutReply() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.port()).greet()) {
      c.out.writeLong(IHAVEOPT);
      c.out.writeInt(OPT_GO);
      c.out.writeInt(0x7fffffff);
      c.out.flush();
      assertThat(c.closedWithoutReply()).isTrue();
    }
  }
}
