package io.cairn.s3.auth;

import io.cairn.s3.S3Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The string to sign of AWS Signature Version 2 for S3 ("Signing and authenticating REST
 * requests", S3 developer guide, legacy): {@code VERB \n Content-MD5 \n Content-Type \n Date \n
 * CanonicalizedAmzHeaders CanonicalizedResource}, signed with HMAC-SHA1. Older SDKs and tools
 * still sign this way.
 */
final class SigV2 {
  /** The query parameters that are part of the canonicalized resource. */
  private static final Set<String> SUB_RESOURCES = Set.of("accelerate", "acl", "cors",
      "defaultObjectAcl", "delete", "lifecycle", "location", "logging", "notification",
      "partNumber", "policy", "requestPayment", "restore", "tagging", "torrent", "uploadId",
      "uploads", "versionId", "versioning", "versions", "website", "replication", "analytics",
      "metrics", "inventory", "select", "select-type", "object-lock", "storageClass",
      "response-content-type", "response-content-language", "response-expires",
      "response-cache-control", "response-content-disposition", "response-content-encoding");

  private SigV2() {}

  /**
   * @param date what stands in the Date line: the Date header, empty when x-amz-date is used
   *     (the AWS rule), or the {@code Expires} of a presigned URL
   */
  static String stringToSign(S3Request request, String date, String resource) {
    StringBuilder out = new StringBuilder(256);
    out.append(request.method()).append('\n');
    out.append(orEmpty(request.header("Content-MD5"))).append('\n');
    out.append(orEmpty(request.header("Content-Type"))).append('\n');
    out.append(date).append('\n');
    Map<String, List<String>> amz = new TreeMap<>();
    request.headers().forEach(f -> {
      String name = f.getLowerCaseName();
      if (name.startsWith("x-amz-")) {
        amz.computeIfAbsent(name, n -> new ArrayList<>())
            .add(CanonicalRequest.trimAll(f.getValue() == null ? "" : f.getValue()));
      }
    });
    amz.forEach((name, values) ->
        out.append(name).append(':').append(String.join(",", values)).append('\n'));
    out.append(resource);
    return out.toString();
  }

  /**
   * The CanonicalizedResource candidates of a request: {@code [/bucket]/path?subresources}. A
   * bucket is spelled {@code /bucket/} in virtual-host style and {@code /bucket} in path style,
   * but signers differ (botocore signs path-style bucket requests as {@code /bucket/}), so a
   * bucket-level request accepts both spellings; nothing else differs between them.
   */
  static List<String> resources(S3Request request) {
    String path = request.rawPath() == null || request.rawPath().isEmpty() ? "/"
        : request.rawPath();
    String prefix = request.virtualHost() ? "/" + request.bucket() : "";
    String query = subResources(request);
    List<String> out = new ArrayList<>(2);
    out.add(prefix + path + query);
    if (request.bucket() != null && request.key() == null) {
      String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
      if (!(prefix + other).isEmpty()) {
        out.add(prefix + other + query);
      }
    }
    return out;
  }

  private static String subResources(S3Request request) {
    StringBuilder out = new StringBuilder();
    // name=value pairs as sent (value percent-decoded), sorted by name; "name" alone if no '='.
    List<String[]> sub = new ArrayList<>();
    String raw = request.rawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
        if (SUB_RESOURCES.contains(name)) {
          sub.add(new String[] {name,
              eq < 0 ? null : UriEncoding.decode(pair.substring(eq + 1), true)});
        }
      }
    }
    sub.sort((a, b) -> a[0].compareTo(b[0]));
    for (int i = 0; i < sub.size(); i++) {
      out.append(i == 0 ? '?' : '&').append(sub.get(i)[0]);
      if (sub.get(i)[1] != null) {
        out.append('=').append(sub.get(i)[1]);
      }
    }
    return out.toString();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s.strip();
  }
}
