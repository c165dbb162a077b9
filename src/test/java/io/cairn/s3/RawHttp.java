package io.cairn.s3;

import io.cairn.s3.auth.AccessKey;
import io.cairn.s3.auth.CanonicalRequest;
import io.cairn.s3.auth.CredentialScope;
import io.cairn.s3.auth.SigningKey;
import io.cairn.s3.auth.UriEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A raw HTTP/1.1 client for requests the SDK will not make (virtual-host Host headers, unsigned
 * trailers over plain HTTP, hand-made bodies), signing with SigV4 as a client would.
 */
final class RawHttp {
  static final DateTimeFormatter AMZ =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** Signs (header auth) and sends; {@code headers} must include Host and x-amz-content-sha256. */
  Response signed(AccessKey key, String method, String rawPath, String rawQuery,
      Map<String, String> headers, byte[] body) throws IOException {
    Map<String, String> all = new TreeMap<>();
    headers.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), v));
    String amzDate = AMZ.format(Instant.now());
    all.put("x-amz-date", amzDate);
    CredentialScope scope =
        new CredentialScope(key.id(), amzDate.substring(0, 8), "us-east-1", "s3");
    List<String> signed = new ArrayList<>(all.keySet());
    String canonical = CanonicalRequest.build(method, UriEncoding.decode(rawPath, false),
        S3Request.parseQuery(rawQuery), signed, n -> List.of(all.get(n)),
        all.get("x-amz-content-sha256"));
    String signature = SigningKey.derive(key.secret(), scope)
        .sign(CanonicalRequest.stringToSign(amzDate, scope, canonical));
    Map<String, String> out = new LinkedHashMap<>(all);
    out.put("authorization", "AWS4-HMAC-SHA256 Credential=" + key.id() + "/" + scope.path()
        + ",SignedHeaders=" + String.join(";", signed) + ",Signature=" + signature);
    return send(method, rawPath, rawQuery, out, body);
  }

  Response send(String method, String rawPath, String rawQuery, Map<String, String> headers,
      byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery)
          + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
      StringBuilder head = new StringBuilder();
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      boolean chunked = "chunked".equals(headers.get("transfer-encoding"));
      if (!headers.containsKey("content-length") && body != null && !chunked) {
        head.append("content-length: ").append(body.length).append("\r\n");
      }
      head.append("connection: close\r\n\r\n");
      // HTTP/1.1 header fields are octets; ISO-8859-1 maps each char below 256 to one.
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null && chunked) {
        // HTTP/1.1 chunked framing: one chunk, then the last (empty) one.
        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      } else if (body != null) {
        out.write(body);
      }
      out.flush();
      String declared = headers.get("content-length");
      if (declared != null && body != null && Long.parseLong(declared) > body.length) {
        socket.shutdownOutput(); // a client that dies part way through its body
      }
      return read(socket.getInputStream(), method.equals("HEAD"));
    }
  }

  private static Response read(InputStream in, boolean head) throws IOException {
    String status = line(in);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
    }
    byte[] body = new byte[0];
    if (!head && headers.containsKey("Content-Length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("Content-Length")));
    } else if (!head) {
      body = in.readAllBytes();
    }
    return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
