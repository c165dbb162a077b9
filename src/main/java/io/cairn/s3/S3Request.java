package io.cairn.s3;

import io.cairn.s3.auth.UriEncoding;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;

/**
 * An S3 request as the protocol layer sees it: method, raw and decoded target, headers, and the
 * bucket and key that addressing resolved. Immutable; built once per request by {@link S3Handler}.
 *
 * @param bucket the bucket name, or null for service-level requests (ListBuckets)
 * @param key the object key, or null for bucket-level requests
 * @param virtualHost whether the bucket was named by the Host header, not the path
 */
public record S3Request(
    String method,
    String rawPath,
    String rawQuery,
    List<QueryParameter> query,
    HttpFields headers,
    String bucket,
    String key,
    boolean virtualHost) {

  public static S3Request of(String method, String rawPath, String rawQuery, HttpFields headers,
      Addressing addressing) {
    List<QueryParameter> query = parseQuery(rawQuery);
    String host = headers.get("Host");
    Addressing.Target target = addressing.resolve(host, rawPath);
    return new S3Request(method, rawPath, rawQuery, query, headers, target.bucket(), target.key(),
        target.virtualHost());
  }

  static List<QueryParameter> parseQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return List.of();
    }
    List<QueryParameter> out = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(new QueryParameter(rawName, rawValue, UriEncoding.decode(rawName, true),
          UriEncoding.decode(rawValue, true)));
    }
    return List.copyOf(out);
  }

  /** The first value of a query parameter, or null if absent. */
  public String param(String name) {
    for (QueryParameter p : query) {
      if (p.name().equals(name)) {
        return p.value();
      }
    }
    return null;
  }

  public boolean hasParam(String name) {
    return param(name) != null;
  }

  /** A header's value (first one), or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** A query parameter parsed as a non-negative int within [0, max], or {@code dflt} if absent. */
  public int intParam(String name, int dflt, int max) {
    String v = param(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.min(n, max);
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid value for " + name + ": " + v);
    }
  }
}
