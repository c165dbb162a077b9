package io.cairn.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A streaming reader of a {@code multipart/form-data} body (RFC 7578): part headers, then each
 * part's content as a stream that ends at the next boundary, so a large file part is never held in
 * memory. Used by POST Object (browser-based uploads). Not thread safe.
 */
final class FormDataReader {
  private static final int BUFFER = 64 * 1024;
  private static final int MAX_HEADER_LINE = 8 * 1024;

  /** A part's headers: its form field name, the file name if any, and its Content-Type. */
  record PartHeaders(String name, String filename, String contentType) {}

  private final InputStream in;
  /** CRLF "--" boundary: what ends a part's content. */
  private final byte[] delimiter;
  private final byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private boolean started;
  private boolean finished;
  private PartStream current;

  FormDataReader(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buf = new byte[BUFFER + delimiter.length];
  }

  /** The boundary named in a {@code multipart/form-data} Content-Type, or null if none. */
  static String boundary(String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] params = contentType.split(";");
    if (!params[0].strip().equalsIgnoreCase("multipart/form-data")) {
      return null;
    }
    for (int i = 1; i < params.length; i++) {
      String p = params[i].strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
        String b = unquote(p.substring(eq + 1).strip());
        return b.isEmpty() || b.length() > 70 ? null : b;
      }
    }
    return null;
  }

  /** The next part's headers, or null after the last part. Skips what is left of the current one. */
  PartHeaders next() throws IOException {
    if (finished) {
      return null;
    }
    if (!started) {
      started = true;
      // The first boundary has no CRLF before it when the body starts with it.
      ensure(delimiter.length - 2);
      if (limit - pos >= delimiter.length - 2
          && startsWith(delimiter, 2, delimiter.length - 2)) {
        pos += delimiter.length - 2;
      } else {
        drain(new PartStream());
      }
    } else {
      drain(current == null ? new PartStream() : current);
    }
    // After a boundary: "--" closes the body, CRLF starts a part.
    ensure(2);
    if (limit - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
      finished = true;
      return null;
    }
    String line = line();
    if (!line.isBlank()) {
      throw malformed();
    }
    String name = null;
    String filename = null;
    String contentType = null;
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        throw malformed();
      }
      String field = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).strip();
      if (field.equals("content-disposition")) {
        for (String param : value.split(";")) {
          String p = param.strip();
          int eq = p.indexOf('=');
          if (eq < 0) {
            continue;
          }
          String k = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
          if (k.equals("name")) {
            name = unquote(p.substring(eq + 1).strip());
          } else if (k.equals("filename")) {
            filename = unquote(p.substring(eq + 1).strip());
          }
        }
      } else if (field.equals("content-type")) {
        contentType = value;
      }
    }
    if (name == null) {
      throw malformed();
    }
    current = new PartStream();
    return new PartHeaders(name, filename, contentType);
  }

  /** The current part's content; ends at the part's closing boundary. */
  InputStream content() {
    return current;
  }

  /** The current part's content as UTF-8 text; InvalidArgument beyond {@code max} bytes. */
  String text(int max) throws IOException {
    byte[] bytes = current.readNBytes(max + 1);
    if (bytes.length > max) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "A form field is too long");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private void drain(PartStream part) throws IOException {
    byte[] skip = new byte[8192];
    while (part.read(skip, 0, skip.length) >= 0) {
      // discarding the rest of a part
    }
  }

  private String line() throws IOException {
    StringBuilder out = new StringBuilder();
    while (true) {
      ensure(1);
      if (pos >= limit) {
        throw malformed();
      }
      byte b = buf[pos++];
      if (b == '\n') {
        int n = out.length();
        return n > 0 && out.charAt(n - 1) == '\r' ? out.substring(0, n - 1) : out.toString();
      }
      out.append((char) (b & 0xff));
      if (out.length() > MAX_HEADER_LINE) {
        throw malformed();
      }
    }
  }

  /** Makes at least {@code n} bytes available from pos unless the stream ends first. */
  private void ensure(int n) throws IOException {
    if (limit - pos >= n || eof) {
      return;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    while (limit < n && !eof) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
      } else {
        limit += r;
      }
    }
  }

  private boolean startsWith(byte[] pattern, int from, int length) {
    for (int i = 0; i < length; i++) {
      if (buf[pos + i] != pattern[from + i]) {
        return false;
      }
    }
    return true;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static S3Exception malformed() {
    return new S3Exception(S3ErrorCode.MALFORMED_POST_REQUEST);
  }

  /** One part's content: the bytes before the next delimiter, which it consumes at its end. */
  private final class PartStream extends InputStream {
    private boolean done;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      ensure(delimiter.length);
      int available = limit - pos;
      if (available < delimiter.length && eof) {
        throw malformed(); // the body ended inside a part
      }
      // A delimiter starting in [pos, limit - delimiter.length] is found; beyond that a partial
      // match may still grow, so those bytes wait for the next read.
      int scanEnd = limit - delimiter.length;
      for (int i = pos; i <= scanEnd; i++) {
        if (buf[i] == delimiter[0] && matchesAt(i)) {
          int n = Math.min(len, i - pos);
          if (n == 0) {
            pos += delimiter.length;
            done = true;
            return -1;
          }
          System.arraycopy(buf, pos, b, off, n);
          pos += n;
          return n;
        }
      }
      int n = Math.min(len, scanEnd + 1 - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    private boolean matchesAt(int i) {
      for (int j = 1; j < delimiter.length; j++) {
        if (buf[i + j] != delimiter[j]) {
          return false;
        }
      }
      return true;
    }
  }
}
