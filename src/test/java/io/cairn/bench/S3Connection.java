package io.cairn.bench;

import io.cairn.server.auth.AuthorizationHeader;
import io.cairn.server.auth.CanonicalRequest;
import io.cairn.server.auth.CredentialScope;
import io.cairn.server.auth.SigV4;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's S3 client: one keep-alive HTTP/1.1 connection over a plain socket, signing every
 * request with SigV4 in the Authorization header through Cairn's own {@code io.cairn.server.auth}
 * primitives, the signing key derived once per day. It costs the load generator a few
 * microseconds per request and copies no body, so on a small machine the servers' differences are
 * not masked by the client (the AWS SDK spends more CPU per 4 KiB request than either server).
 * Not thread safe: one per client thread.
 */
final class S3Connection implements AutoCloseable {
  /** The credentials and address of one server. */
  record Endpoint(String host, int port, String accessKey, String secretKey) {
    String hostHeader() {
      return host + ":" + port;
    }
  }

  /** A response: status, header fields (lower-case names) and the body length read. */
  record Response(int status, Map<String, String> headers, long bodyLength, String text) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private final Endpoint endpoint;
  private final byte[] discard = new byte[64 << 10];
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private String scopeDate;
  private byte[] signingKey;

  S3Connection(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Sends one request and reads the whole response. {@code body} (null for none) is sent
   * {@code repeat} times; the payload hash is {@code payloadHash} (UNSIGNED-PAYLOAD or the hex
   * SHA-256 of the body). The body text is kept only when {@code keepText} (small XML replies).
   */
  Response exchange(String method, String rawPath, String rawQuery, Map<String, String> headers,
      byte[] body, int bodyLength, long repeat, String payloadHash, boolean keepText) throws IOException {
    long contentLength = body == null ? 0 : (long) bodyLength * repeat;
    StringBuilder head = new StringBuilder(512);
    head.append(method).append(' ').append(rawPath);
    if (rawQuery != null) {
      head.append('?').append(rawQuery);
    }
    head.append(" HTTP/1.1\r\nHost: ").append(endpoint.hostHeader()).append("\r\n");
    Map<String, String> signedExtra = new LinkedHashMap<>(headers);
    signedExtra.put("x-amz-content-sha256", payloadHash);
    sign(method, rawPath, rawQuery, signedExtra).forEach(
        (k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    signedExtra.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body != null || method.equals("PUT") || method.equals("POST")) {
      head.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    head.append("\r\n");
    if (socket == null) {
      connect();
    }
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    for (long i = 0; i < repeat && body != null; i++) {
      out.write(body, 0, bodyLength);
    }
    out.flush();
    return read(method.equals("HEAD"), keepText);
  }

  /** CreateBucket; an existing bucket of the same owner is fine. */
  void createBucket(String bucket) throws IOException {
    Response r = exchange("PUT", "/" + bucket, null, Map.of(), null, 0, 0, SigV4.EMPTY_SHA256, true);
    if (r.status() != 200 && r.status() != 409) {
      throw new IOException("CreateBucket " + bucket + ": " + r.status() + " " + r.text());
    }
  }

  /** PutObject of {@code body} repeated {@code repeat} times; returns the ETag. */
  String put(String path, String query, byte[] body, int length, long repeat, String payloadHash)
      throws IOException {
    Response r = exchange("PUT", path, query, Map.of(), body, length, repeat, payloadHash, false);
    expect(r, 200, "PUT " + path);
    return r.header("etag");
  }

  /** GetObject (a range when {@code range} is not null); returns the body length read. */
  long get(String path, String range) throws IOException {
    Response r = exchange("GET", path, null, range == null ? Map.of() : Map.of("Range", range), null,
        0, 0, SigV4.EMPTY_SHA256, false);
    expect(r, range == null ? 200 : 206, "GET " + path);
    return r.bodyLength();
  }

  /** CreateMultipartUpload; returns the upload id. */
  String createUpload(String path) throws IOException {
    Response r = exchange("POST", path, "uploads", Map.of(), null, 0, 0, SigV4.EMPTY_SHA256, true);
    expect(r, 200, "CreateMultipartUpload " + path);
    return element(r.text(), "UploadId");
  }

  /** CompleteMultipartUpload of parts 1..n with these ETags. */
  void complete(String path, String uploadId, List<String> etags) throws IOException {
    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    for (int i = 0; i < etags.size(); i++) {
      xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>")
          .append(etags.get(i)).append("</ETag></Part>");
    }
    byte[] body = xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
    Response r = exchange("POST", path, "uploadId=" + uploadId, Map.of(), body, body.length, 1,
        SigV4.sha256Hex(body), true);
    expect(r, 200, "CompleteMultipartUpload " + path);
    if (r.text().contains("<Error>")) {
      throw new IOException("CompleteMultipartUpload " + path + ": " + r.text());
    }
  }

  private static void expect(Response r, int status, String what) throws IOException {
    if (r.status() != status) {
      throw new IOException(what + ": HTTP " + r.status() + (r.text() == null ? "" : " " + r.text()));
    }
  }

  private static String element(String xml, String name) throws IOException {
    int start = xml.indexOf("<" + name + ">");
    int end = xml.indexOf("</" + name + ">");
    if (start < 0 || end < start) {
      throw new IOException("no " + name + " in " + xml);
    }
    return xml.substring(start + name.length() + 2, end);
  }

  private Map<String, String> sign(String method, String rawPath, String rawQuery,
      Map<String, String> headers) {
    Instant now = Instant.now();
    String amzDate = SigV4.AMZ_DATE.format(now);
    String date = amzDate.substring(0, 8);
    CredentialScope scope = new CredentialScope(date, "us-east-1", "s3");
    if (!date.equals(scopeDate)) {
      signingKey = SigV4.signingKey(endpoint.secretKey(), scope);
      scopeDate = date;
    }
    Map<String, List<String>> all = new TreeMap<>();
    headers.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    all.put("host", List.of(endpoint.hostHeader()));
    all.put("x-amz-date", List.of(amzDate));
    List<String> signed = new ArrayList<>(all.keySet());
    CanonicalRequest canonical = CanonicalRequest.of(method, rawPath, rawQuery, all, signed,
        headers.get("x-amz-content-sha256"), CanonicalRequest.PathEncoding.S3);
    String signature = SigV4.signature(signingKey, SigV4.stringToSign(amzDate, scope, canonical));
    Map<String, String> out = new LinkedHashMap<>();
    out.put("X-Amz-Date", amzDate);
    out.put("Authorization",
        new AuthorizationHeader(endpoint.accessKey(), scope, signed, signature).format());
    return out;
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()));
    in = new BufferedInputStream(socket.getInputStream(), 64 << 10);
    out = new BufferedOutputStream(socket.getOutputStream(), 16 << 10);
  }

  private Response read(boolean head, boolean keepText) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      close();
      throw new IOException("connection closed before the response");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> fields = new LinkedHashMap<>();
    for (String l; !(l = line()).isEmpty(); ) {
      int colon = l.indexOf(':');
      fields.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
    }
    long length = 0;
    var text = keepText ? new java.io.ByteArrayOutputStream() : null;
    boolean noBody = head || status == 204 || status == 304 || (status >= 100 && status < 200);
    if (!noBody && "chunked".equalsIgnoreCase(fields.get("transfer-encoding"))) {
      for (long size; (size = Long.parseLong(line().split(";")[0].strip(), 16)) > 0; ) {
        length += body(size, text);
        line();
      }
      while (!line().isEmpty()) {
        // trailer fields
      }
    } else if (!noBody && fields.containsKey("content-length")) {
      length = body(Long.parseLong(fields.get("content-length")), text);
    } else if (!noBody) {
      length = body(Long.MAX_VALUE, text);
    }
    if ("close".equalsIgnoreCase(fields.get("connection")) || (!noBody
        && !fields.containsKey("content-length") && !fields.containsKey("transfer-encoding"))) {
      close();
    }
    return new Response(status, fields, length,
        text == null ? null : text.toString(StandardCharsets.UTF_8));
  }

  private long body(long size, java.io.ByteArrayOutputStream text) throws IOException {
    long left = size;
    while (left > 0) {
      int n = in.read(discard, 0, (int) Math.min(discard.length, left));
      if (n < 0) {
        if (size == Long.MAX_VALUE) {
          return size - left;
        }
        throw new IOException("response body ended " + left + " bytes early");
      }
      if (text != null) {
        text.write(discard, 0, n);
      }
      left -= n;
    }
    return size;
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) c);
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }
}
