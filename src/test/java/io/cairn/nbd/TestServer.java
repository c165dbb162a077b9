package io.cairn.nbd;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Test fixture: an {@link NbdServer} on 127.0.0.1 and an ephemeral port. */
public final class TestServer implements AutoCloseable {

  public final NbdServer server;

  public TestServer(ExportResolver resolver) throws IOException {
    this(resolver, NbdMetrics.NONE);
  }

  public TestServer(ExportResolver resolver, NbdMetrics metrics) throws IOException {
    this(NbdServer.Config.defaults(), resolver, metrics);
  }

  /** With {@code config}'s limits, bound to 127.0.0.1 on an ephemeral port. */
  public TestServer(NbdServer.Config config, ExportResolver resolver, NbdMetrics metrics)
      throws IOException {
    server =
        new NbdServer(config.withBind(new InetSocketAddress("127.0.0.1", 0)), resolver, metrics)
            .start();
  }

  public int port() {
    return server.port();
  }

  public String uri(String export) {
    return "nbd://127.0.0.1:" + port() + "/" + export;
  }

  @Override
  public void close() {
    server.close();
  }
}
