package io.cairn.bench;

import io.cairn.s3.S3Handler;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP stack's own limit: Jetty configured as Cairn's S3 port (virtual threads, the same
 * connector settings and buffer pool) answering from memory, with no authentication and no
 * storage. A PUT's body is read to its end, hashed with MD5 (what any S3 server must do for the
 * ETag it answers) and dropped; a GET gets 4 KiB with the headers an S3 GET carries; a multipart
 * upload is created and completed with fixed answers. No server built on this stack can do better
 * on this machine, so it shows how much of the gap to a target is Cairn's and how much is HTTP's
 * (for the large PUTs: receiving the bytes and hashing them, whatever is done with them after).
 */
final class HttpFloor implements AutoCloseable {
  private static final String ETAG = "\"0123456789abcdef0123456789abcdef\"";

  private final Server jetty;
  final S3Connection.Endpoint endpoint;

  private HttpFloor(Server jetty, int port) {
    this.jetty = jetty;
    this.endpoint = new S3Connection.Endpoint("127.0.0.1", port, "floor", "floor-secret");
  }

  static HttpFloor start(int bodySize) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("floor");
    threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("floor-", 0).factory()));
    Server jetty = new Server(threads, null, new ArrayByteBufferPool(0, 4096, 1 << 20));
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    HttpConnectionFactory http = new HttpConnectionFactory(config);
    S3Handler.configure(http);
    ServerConnector connector = new ServerConnector(jetty, http);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    byte[] body = new byte[bodySize];
    jetty.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put("ETag", ETAG);
        response.getHeaders().put("x-amz-request-id", "0123456789ABCDEF");
        if (request.getMethod().equals("PUT")) {
          MessageDigest md5 = MessageDigest.getInstance("MD5");
          try (var in = new DigestInputStream(Content.Source.asInputStream(request), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
          }
          response.getHeaders().put("ETag", "\"" + HexFormat.of().formatHex(md5.digest()) + "\"");
          response.getHeaders().put("Content-Length", 0);
          response.write(true, ByteBuffer.allocate(0), callback);
        } else if (request.getMethod().equals("POST")) {
          Content.Source.consumeAll(request);
          String query = request.getHttpURI().getQuery();
          String xml = query != null && query.contains("uploadId=")
              ? "<CompleteMultipartUploadResult><ETag>" + ETAG + "</ETag></CompleteMultipartUploadResult>"
              : "<InitiateMultipartUploadResult><UploadId>floor</UploadId></InitiateMultipartUploadResult>";
          byte[] answer = xml.getBytes(StandardCharsets.UTF_8);
          response.getHeaders().put("Content-Type", "application/xml");
          response.getHeaders().put("Content-Length", answer.length);
          response.write(true, ByteBuffer.wrap(answer), callback);
        } else {
          response.getHeaders().put("Content-Type", "binary/octet-stream");
          response.getHeaders().put("Last-Modified", "Sat, 21 Nov 2026 08:00:00 GMT");
          response.getHeaders().put("Accept-Ranges", "bytes");
          response.getHeaders().put("Content-Length", body.length);
          response.write(true, ByteBuffer.wrap(body), callback);
        }
        return true;
      }
    });
    jetty.start();
    return new HttpFloor(jetty, connector.getLocalPort());
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }
}
