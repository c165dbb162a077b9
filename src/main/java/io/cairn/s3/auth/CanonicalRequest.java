package io.cairn.s3.auth;

import io.cairn.s3.QueryParameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The SigV4 canonical request and string to sign (AWS "Create a canonical request for Signature
 * Version 4"). S3 flavour: the path is URI-encoded once and never normalized.
 */
public final class CanonicalRequest {
  private CanonicalRequest() {}

  /**
   * @param decodedPath the request path, percent-decoded
   * @param query every query parameter except {@code X-Amz-Signature}
   * @param signedHeaders lowercase header names as the client listed them
   * @param headerValues the values of a header name (all occurrences), empty if absent
   */
  public static String build(String method, String decodedPath, List<QueryParameter> query,
      List<String> signedHeaders, Function<String, List<String>> headerValues,
      String payloadHash) {
    StringBuilder out = new StringBuilder(512);
    out.append(method).append('\n');
    out.append(UriEncoding.encode(decodedPath.isEmpty() ? "/" : decodedPath, true)).append('\n');
    appendQuery(out, query);
    out.append('\n');
    for (String name : signedHeaders) {
      out.append(name).append(':');
      List<String> values = headerValues.apply(name);
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(trimAll(values.get(i)));
      }
      out.append('\n');
    }
    out.append('\n').append(String.join(";", signedHeaders)).append('\n');
    out.append(payloadHash);
    return out.toString();
  }

  public static String stringToSign(String amzDate, CredentialScope scope, String canonical) {
    return "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope.path() + "\n"
        + Hashes.sha256Hex(canonical);
  }

  private static void appendQuery(StringBuilder out, List<QueryParameter> query) {
    List<String[]> encoded = new ArrayList<>(query.size());
    for (QueryParameter p : query) {
      encoded.add(new String[] {UriEncoding.encode(p.name(), false),
          UriEncoding.encode(p.value(), false)});
    }
    encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
    for (int i = 0; i < encoded.size(); i++) {
      if (i > 0) {
        out.append('&');
      }
      out.append(encoded.get(i)[0]).append('=').append(encoded.get(i)[1]);
    }
  }

  /** Trims and collapses runs of spaces, as SigV4 canonical header values require. */
  static String trimAll(String value) {
    String v = value.strip();
    if (v.indexOf("  ") < 0) {
      return v;
    }
    return v.replaceAll(" +", " ");
  }

  static List<String> signedHeaderList(String semicolonSeparated) {
    List<String> out = new ArrayList<>();
    for (String h : semicolonSeparated.split(";")) {
      if (!h.isBlank()) {
        out.add(h.strip().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }
}
