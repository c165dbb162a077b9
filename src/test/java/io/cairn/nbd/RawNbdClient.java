package io.cairn.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Test fixture: a byte-level NBD client, to send what real clients never would. */
final class RawNbdClient implements AutoCloseable {

  record OptionReply(int option, int type, byte[] data) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  record SimpleReply(int error, long cookie) {}

  record Chunk(int flags, int type, long cookie, byte[] payload) {
    int errno() {
      return ByteBuffer.wrap(payload).getInt();
    }
  }

  private final Socket socket;
  final DataInputStream in;
  final DataOutputStream out;

  RawNbdClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
  }

  /** Reads the server greeting and answers with fixed newstyle and no-zeroes. */
  RawNbdClient greet() throws IOException {
    assertThat(in.readLong()).isEqualTo(NbdProtocol.NBDMAGIC);
    assertThat(in.readLong()).isEqualTo(NbdProtocol.IHAVEOPT);
    assertThat(in.readShort()).isEqualTo((short) 3);
    out.writeInt(3);
    out.flush();
    return this;
  }

  void option(int option, byte[] data) throws IOException {
    out.writeLong(NbdProtocol.IHAVEOPT);
    out.writeInt(option);
    out.writeInt(data.length);
    out.write(data);
    out.flush();
  }

  OptionReply reply() throws IOException {
    assertThat(in.readLong()).isEqualTo(NbdProtocol.OPTION_REPLY_MAGIC);
    int option = in.readInt();
    int type = in.readInt();
    byte[] data = new byte[in.readInt()];
    in.readFully(data);
    return new OptionReply(option, type, data);
  }

  static byte[] goData(String name, int... infos) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(4 + n.length + 2 + 2 * infos.length);
    b.putInt(n.length).put(n).putShort((short) infos.length);
    for (int i : infos) {
      b.putShort((short) i);
    }
    return b.array();
  }

  static byte[] metaData(String name, String... queries) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    int size = 4 + n.length + 4;
    for (String q : queries) {
      size += 4 + q.length();
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(n.length).put(n).putInt(queries.length);
    for (String q : queries) {
      b.putInt(q.length()).put(q.getBytes(StandardCharsets.US_ASCII));
    }
    return b.array();
  }

  /** NBD_OPT_GO; returns the export size after the INFO replies and the final ACK. */
  long go(String name) throws IOException {
    option(NbdProtocol.OPT_GO, goData(name));
    long size = -1;
    while (true) {
      OptionReply r = reply();
      if (r.type() == NbdProtocol.REP_ACK) {
        return size;
      }
      assertThat(r.type()).as(r.text()).isEqualTo(NbdProtocol.REP_INFO);
      ByteBuffer b = ByteBuffer.wrap(r.data());
      if (b.getShort() == NbdProtocol.INFO_EXPORT) {
        size = b.getLong();
      }
    }
  }

  void structuredReplies() throws IOException {
    option(NbdProtocol.OPT_STRUCTURED_REPLY, new byte[0]);
    assertThat(reply().type()).isEqualTo(NbdProtocol.REP_ACK);
  }

  void request(int flags, int type, long cookie, long offset, long length, byte[] payload)
      throws IOException {
    out.writeInt(NbdProtocol.REQUEST_MAGIC);
    out.writeShort(flags);
    out.writeShort(type);
    out.writeLong(cookie);
    out.writeLong(offset);
    out.writeInt((int) length);
    if (payload != null) {
      out.write(payload);
    }
    out.flush();
  }

  SimpleReply simple() throws IOException {
    assertThat(in.readInt()).isEqualTo(NbdProtocol.SIMPLE_REPLY_MAGIC);
    return new SimpleReply(in.readInt(), in.readLong());
  }

  Chunk chunk() throws IOException {
    assertThat(in.readInt()).isEqualTo(NbdProtocol.STRUCTURED_REPLY_MAGIC);
    int flags = in.readShort() & 0xffff;
    int type = in.readShort() & 0xffff;
    long cookie = in.readLong();
    byte[] payload = new byte[in.readInt()];
    in.readFully(payload);
    return new Chunk(flags, type, cookie, payload);
  }

  /** True if the server closed the connection without sending anything more. */
  boolean closedWithoutReply() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return e.getMessage() != null && e.getMessage().contains("reset");
    }
  }

  void readFully(byte[] b) throws IOException {
    in.readFully(b);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

}
