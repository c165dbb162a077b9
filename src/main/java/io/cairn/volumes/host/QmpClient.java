package io.cairn.volumes.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A minimal client of the QEMU Machine Protocol over a unix socket: one connection per command,
 * greeting, {@code qmp_capabilities}, the command, its answer. Asynchronous events that arrive in
 * between are skipped. (QMP spec: every message is one JSON object per line; a command's answer
 * carries either {@code return} or {@code error}.)
 */
public final class QmpClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration timeout;

  public QmpClient(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Executes {@code {"execute": ..., "arguments": ...}} and returns its {@code return} value. An
   * optional {@code "await": {"event": NAME, "data": {...}}} member (not sent to QEMU) makes the
   * call also wait for that event, for commands such as {@code device_del} whose effect completes
   * asynchronously.
   */
  public JsonNode execute(Path socket, JsonNode command) throws IOException {
    ExecutorService single = Executors.newVirtualThreadPerTaskExecutor();
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      Future<JsonNode> answer = single.submit(() -> converse(ch, socket, command));
      try {
        return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        answer.cancel(true);
        throw new HostCommandException("QMP " + socket + " did not answer within " + timeout.toSeconds() + " s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HostCommandException("interrupted talking to QMP " + socket, e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new HostCommandException("QMP " + socket + ": " + e.getCause(), e.getCause());
      }
    } finally {
      single.shutdownNow();
    }
  }

  private static JsonNode converse(SocketChannel ch, Path socket, JsonNode command) throws IOException {
    try {
      ch.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      throw new HostCommandException("cannot connect to QMP socket " + socket + ": " + e.getMessage(), e);
    }
    LineReader in = new LineReader(ch);
    JsonNode greeting = in.next();
    if (!greeting.has("QMP")) {
      throw new HostCommandException("not a QMP greeting from " + socket + ": " + greeting);
    }
    send(ch, JSON.createObjectNode().put("execute", "qmp_capabilities"));
    answer(in, socket, "qmp_capabilities");
    JsonNode await = command.get("await");
    com.fasterxml.jackson.databind.node.ObjectNode toSend = command.deepCopy();
    toSend.remove("await");
    send(ch, toSend);
    boolean[] seen = {await == null};
    JsonNode result = answer(in, socket, command.path("execute").asText(), await, seen);
    while (!seen[0]) {
      seen[0] = matches(await, in.next());
    }
    return result;
  }

  private static boolean matches(JsonNode await, JsonNode msg) {
    if (!msg.path("event").asText().equals(await.path("event").asText())) {
      return false;
    }
    for (var it = await.path("data").fields(); it.hasNext(); ) {
      var e = it.next();
      if (!msg.path("data").path(e.getKey()).asText().equals(e.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode answer(LineReader in, Path socket, String what) throws IOException {
    return answer(in, socket, what, null, new boolean[1]);
  }

  private static JsonNode answer(LineReader in, Path socket, String what, JsonNode await, boolean[] seen) throws IOException {
    while (true) {
      JsonNode msg = in.next();
      if (await != null && msg.has("event") && matches(await, msg)) {
        seen[0] = true;
        continue;
      }
      if (msg.has("return")) {
        return msg.get("return");
      }
      if (msg.has("error")) {
        JsonNode err = msg.get("error");
        throw new HostCommandException(
            "QMP " + what + " failed: " + err.path("class").asText() + ": " + err.path("desc").asText());
      }
      // an asynchronous event: not our answer
    }
  }

  private static void send(SocketChannel ch, JsonNode msg) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((JSON.writeValueAsString(msg) + "\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Splits the byte stream into JSON lines. */
  private static final class LineReader {
    private final SocketChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineReader(SocketChannel ch) {
      this.ch = ch;
      buf.flip();
    }

    JsonNode next() throws IOException {
      while (true) {
        while (buf.hasRemaining()) {
          byte b = buf.get();
          if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8).strip();
            line.reset();
            if (!text.isEmpty()) {
              return JSON.readTree(text);
            }
          } else {
            line.write(b);
          }
        }
        buf.clear();
        int n = ch.read(buf);
        buf.flip();
        if (n < 0) {
          throw new HostCommandException("QMP connection closed before an answer");
        }
      }
    }
  }
}
