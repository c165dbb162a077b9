package io.cairn.s3;

import io.cairn.objects.ObjectMetadata;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;

/** Object metadata to and from HTTP headers (representation headers and {@code x-amz-meta-*}). */
final class MetadataHeaders {
  static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
  private static final String META = "x-amz-meta-";

  private MetadataHeaders() {}

  static ObjectMetadata fromRequest(S3Request request) {
    Map<String, String> user = new TreeMap<>();
    for (HttpField f : request.headers()) {
      String name = f.getLowerCaseName();
      if (name.startsWith(META) && name.length() > META.length()) {
        user.merge(name.substring(META.length()), f.getValue(), (a, b) -> a + "," + b);
      }
    }
    return new ObjectMetadata(request.header("Content-Type"),
        contentEncoding(request.header("Content-Encoding")),
        request.header("Content-Disposition"), request.header("Content-Language"),
        request.header("Cache-Control"), request.header("Expires"), user);
  }

  /** Content-Encoding without {@code aws-chunked}, which describes the transfer, not the object. */
  static String contentEncoding(String header) {
    if (header == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    boolean chunked = false;
    for (String token : header.split(",")) {
      String t = token.strip();
      if (t.toLowerCase(Locale.ROOT).equals("aws-chunked")) {
        chunked = true;
      } else if (!t.isEmpty()) {
        out.append(out.isEmpty() ? "" : ", ").append(t);
      }
    }
    if (!chunked) {
      // Stored as sent: the object's Content-Encoding is the client's, byte for byte.
      return header.isEmpty() ? null : header;
    }
    return out.isEmpty() ? null : out.toString();
  }

  /** Writes metadata as response headers; {@code response-*} query parameters override them. */
  static void toResponse(ObjectMetadata m, S3Exchange exchange) {
    S3Request r = exchange.request();
    exchange.header("Content-Type", override(r, "response-content-type",
        m.contentType() == null ? DEFAULT_CONTENT_TYPE : m.contentType()));
    exchange.header("Content-Encoding", override(r, "response-content-encoding",
        m.contentEncoding()));
    exchange.header("Content-Disposition", override(r, "response-content-disposition",
        m.contentDisposition()));
    exchange.header("Content-Language", override(r, "response-content-language",
        m.contentLanguage()));
    exchange.header("Cache-Control", override(r, "response-cache-control", m.cacheControl()));
    exchange.header("Expires", override(r, "response-expires", m.expires()));
    for (Map.Entry<String, String> e : m.user().entrySet()) {
      exchange.header(META + e.getKey(), e.getValue());
    }
  }

  private static String override(S3Request r, String param, String value) {
    String v = r.param(param);
    return v != null ? v : value;
  }
}
