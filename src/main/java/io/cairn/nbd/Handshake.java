package io.cairn.nbd;

import static io.cairn.nbd.NbdProtocol.*;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed newstyle handshake and option haggling of proto.md, up to the transmission phase. Only
 * NBD_OPT_EXPORT_NAME ends in a hard disconnect on refusal; every other failure is an option error
 * reply and the client may go on.
 */
final class Handshake {

  private static final Logger log = LoggerFactory.getLogger(Handshake.class);

  /** Larger option payloads are a denial of service, not a request: hard disconnect. */
  private static final int MAX_OPTION_LENGTH = 64 << 10;

  private final SocketChannel channel;
  private final ChannelInput in;
  private final ExportResolver resolver;
  private final BooleanSupplier shuttingDown;

  private boolean structured;
  private String metaContextExport;

  Handshake(
      SocketChannel channel,
      ChannelInput in,
      ExportResolver resolver,
      BooleanSupplier shuttingDown) {
    this.channel = channel;
    this.in = in;
    this.resolver = resolver;
    this.shuttingDown = shuttingDown;
  }

  /** The negotiated session, or null if the client aborted or was refused an export by name. */
  Session negotiate() throws IOException {
    ByteBuffer hello = ByteBuffer.allocate(18);
    hello.putLong(NBDMAGIC).putLong(IHAVEOPT).putShort((short) (FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES));
    send(hello.flip());
    int clientFlags = in.readInt();
    if ((clientFlags & ~(FLAG_C_FIXED_NEWSTYLE | FLAG_C_NO_ZEROES)) != 0) {
      // proto.md "Client flags": the server MUST drop the connection on an unknown flag.
      throw new ProtocolViolationException("unknown client flags " + Integer.toHexString(clientFlags));
    }
    boolean noZeroes = (clientFlags & FLAG_C_NO_ZEROES) != 0;
    while (true) {
      if (in.readLong() != IHAVEOPT) {
        throw new ProtocolViolationException("bad option magic");
      }
      int option = in.readInt();
      int length = in.readInt();
      if (length < 0 || length > MAX_OPTION_LENGTH) {
        throw new ProtocolViolationException("option length " + Integer.toUnsignedString(length));
      }
      ByteBuffer data = ByteBuffer.wrap(in.readBytes(length));
      if (option == OPT_ABORT) {
        reply(option, REP_ACK, null);
        return null;
      }
      if (shuttingDown.getAsBoolean()) {
        if (option == OPT_EXPORT_NAME) {
          return null;
        }
        error(option, REP_ERR_SHUTDOWN, "server is shutting down");
        continue;
      }
      Session session =
          switch (option) {
            case OPT_EXPORT_NAME -> exportName(data, noZeroes);
            case OPT_GO, OPT_INFO -> info(option, data);
            case OPT_LIST -> {
              list(data);
              yield null;
            }
            case OPT_STRUCTURED_REPLY -> {
              if (length != 0) {
                error(option, REP_ERR_INVALID, "NBD_OPT_STRUCTURED_REPLY takes no data");
              } else {
                structured = true;
                reply(option, REP_ACK, null);
              }
              yield null;
            }
            case OPT_LIST_META_CONTEXT, OPT_SET_META_CONTEXT -> {
              metaContext(option, data);
              yield null;
            }
            default -> {
              error(option, REP_ERR_UNSUP, "option " + option + " is not supported");
              yield null;
            }
          };
      if (session != null || option == OPT_EXPORT_NAME) {
        return session;
      }
    }
  }

  private Session exportName(ByteBuffer data, boolean noZeroes) throws IOException {
    String name = string(data, data.remaining());
    if (name == null) {
      return null;
    }
    BlockExport export;
    try {
      export = resolver.open(name);
    } catch (ExportRefusedException e) {
      // proto.md: a server unwilling to allow an NBD_OPT_EXPORT_NAME export MUST terminate.
      return null;
    }
    int flags = Session.transmissionFlags(export);
    ByteBuffer b = ByteBuffer.allocate(noZeroes ? 10 : 134);
    b.putLong(export.size()).putShort((short) flags);
    b.position(b.capacity());
    try {
      send(b.flip());
    } catch (IOException e) {
      closeQuietly(export);
      throw e;
    }
    return new Session(export, name, flags, structured, name.equals(metaContextExport));
  }

  private Session info(int option, ByteBuffer data) throws IOException {
    String name;
    List<Integer> requests = new ArrayList<>();
    try {
      int nameLength = data.getInt();
      if (nameLength < 0 || nameLength > data.remaining() - 2) {
        error(option, REP_ERR_INVALID, "name length exceeds option length");
        return null;
      }
      name = string(data, nameLength);
      int count = data.getShort() & 0xffff;
      if (data.remaining() != 2 * count) {
        error(option, REP_ERR_INVALID, "information request count does not match option length");
        return null;
      }
      for (int i = 0; i < count; i++) {
        requests.add(data.getShort() & 0xffff);
      }
    } catch (BufferUnderflowException e) {
      error(option, REP_ERR_INVALID, "option data too short");
      return null;
    }
    if (name == null) {
      error(option, REP_ERR_INVALID, "export name is not valid UTF-8 or too long");
      return null;
    }
    BlockExport export = open(option, name);
    if (export == null) {
      return null;
    }
    boolean keep = false;
    try {
      int flags = Session.transmissionFlags(export);
      ByteBuffer exportInfo = ByteBuffer.allocate(12);
      exportInfo.putShort((short) INFO_EXPORT).putLong(export.size()).putShort((short) flags);
      reply(option, REP_INFO, exportInfo.flip());
      if (requests.contains(INFO_NAME)) {
        reply(option, REP_INFO, infoString(INFO_NAME, name));
      }
      if (requests.contains(INFO_DESCRIPTION) && !export.description().isEmpty()) {
        reply(option, REP_INFO, infoString(INFO_DESCRIPTION, export.description()));
      }
      // Sent even unasked: clients that did not ask ignore it (proto.md NBD_REP_INFO).
      int minimum = export.minimumBlockSize();
      ByteBuffer sizes = ByteBuffer.allocate(14);
      sizes
          .putShort((short) INFO_BLOCK_SIZE)
          .putInt(minimum)
          .putInt(Math.max(minimum, PREFERRED_BLOCK_SIZE))
          .putInt(MAX_PAYLOAD);
      reply(option, REP_INFO, sizes.flip());
      reply(option, REP_ACK, null);
      if (option == OPT_GO) {
        keep = true;
        return new Session(export, name, flags, structured, name.equals(metaContextExport));
      }
      return null;
    } finally {
      if (!keep) {
        closeQuietly(export);
      }
    }
  }

  private BlockExport open(int option, String name) throws IOException {
    try {
      return resolver.open(name);
    } catch (ExportRefusedException e) {
      int type = e.reason() == ExportRefusedException.Reason.UNKNOWN ? REP_ERR_UNKNOWN : REP_ERR_POLICY;
      error(option, type, e.getMessage() == null ? "export refused" : e.getMessage());
      return null;
    } catch (IOException e) {
      log.warn("opening NBD export {} failed", name, e);
      error(option, REP_ERR_UNKNOWN, "export could not be opened");
      return null;
    }
  }

  private void list(ByteBuffer data) throws IOException {
    if (data.hasRemaining()) {
      error(OPT_LIST, REP_ERR_INVALID, "NBD_OPT_LIST takes no data");
      return;
    }
    List<ExportListing> exports;
    try {
      exports = resolver.list();
    } catch (IOException e) {
      log.warn("listing NBD exports failed", e);
      error(OPT_LIST, REP_ERR_POLICY, "exports cannot be listed now");
      return;
    }
    for (ExportListing e : exports) {
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      byte[] description = e.description().getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.allocate(4 + name.length + description.length);
      b.putInt(name.length).put(name).put(description);
      reply(OPT_LIST, REP_SERVER, b.flip());
    }
    reply(OPT_LIST, REP_ACK, null);
  }

  /** NBD_OPT_LIST_META_CONTEXT and NBD_OPT_SET_META_CONTEXT; we know only base:allocation. */
  private void metaContext(int option, ByteBuffer data) throws IOException {
    boolean set = option == OPT_SET_META_CONTEXT;
    if (set) {
      // proto.md: SET replaces the previous selection even when it fails.
      metaContextExport = null;
      if (!structured) {
        error(option, REP_ERR_INVALID, "negotiate structured replies first");
        return;
      }
    }
    String name;
    boolean match = false;
    try {
      int nameLength = data.getInt();
      if (nameLength < 0 || nameLength > data.remaining() - 4) {
        error(option, REP_ERR_INVALID, "name length exceeds option length");
        return;
      }
      name = string(data, nameLength);
      int queries = data.getInt();
      if (queries == 0 && !set) {
        match = true;
      }
      for (int i = 0; i < queries; i++) {
        int queryLength = data.getInt();
        if (queryLength < 0 || queryLength > data.remaining()) {
          error(option, REP_ERR_INVALID, "query length exceeds option length");
          return;
        }
        String query = string(data, queryLength);
        if (query == null) {
          error(option, REP_ERR_INVALID, "query is not valid UTF-8 or too long");
          return;
        }
        // "base:" is a wildcard when listing and MUST be ignored when setting.
        match |= query.equals(BASE_ALLOCATION) || (!set && query.equals("base:"));
      }
      if (data.hasRemaining()) {
        error(option, REP_ERR_INVALID, "trailing data after queries");
        return;
      }
    } catch (BufferUnderflowException e) {
      error(option, REP_ERR_INVALID, "option data too short");
      return;
    }
    if (name == null) {
      error(option, REP_ERR_INVALID, "export name is not valid UTF-8 or too long");
      return;
    }
    if (match) {
      byte[] context = BASE_ALLOCATION.getBytes(StandardCharsets.US_ASCII);
      ByteBuffer b = ByteBuffer.allocate(4 + context.length);
      b.putInt(set ? BASE_ALLOCATION_ID : 0).put(context);
      reply(option, REP_META_CONTEXT, b.flip());
      if (set) {
        metaContextExport = name;
      }
    }
    reply(option, REP_ACK, null);
  }

  private static ByteBuffer infoString(int type, String value) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(b.length, MAX_STRING);
    return ByteBuffer.allocate(2 + n).putShort((short) type).put(b, 0, n).flip();
  }

  /** Decodes {@code length} bytes as strict UTF-8; null if invalid or over proto.md's limit. */
  private static String string(ByteBuffer data, int length) {
    ByteBuffer slice = data.slice(data.position(), length);
    data.position(data.position() + length);
    if (length > MAX_STRING) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private void error(int option, int type, String message) throws IOException {
    reply(option, type, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
  }

  private void reply(int option, int type, ByteBuffer data) throws IOException {
    int length = data == null ? 0 : data.remaining();
    ByteBuffer b = ByteBuffer.allocate(20 + length);
    b.putLong(OPTION_REPLY_MAGIC).putInt(option).putInt(type).putInt(length);
    if (data != null) {
      b.put(data);
    }
    send(b.flip());
  }

  private void send(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  static void closeQuietly(BlockExport export) {
    try {
      export.close();
    } catch (IOException | RuntimeException e) {
      log.warn("closing NBD export failed", e);
    }
  }
}
