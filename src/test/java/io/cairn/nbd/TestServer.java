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
    NbdServer.Config config = NbdServer.Config.defaults().withBind(new InetSocketAddress("127.0.0.1", 0));
    server = new NbdServer(config, resolver, metrics).start();
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
