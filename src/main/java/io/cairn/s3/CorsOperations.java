package io.cairn.s3;

import io.cairn.objects.ObjectService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cross-origin resource sharing as S3 serves it: PutBucketCors, GetBucketCors and
 * DeleteBucketCors ({@code ?cors}, the bucket owner only), the answer to a browser's preflight
 * (OPTIONS, unauthenticated), and the Access-Control headers on replies to actual requests that
 * carry an Origin. Rules are read from the catalog on each cross-origin request (one indexed
 * read), never cached, so a change applies at once on every server sharing the catalog; a
 * request without Origin costs nothing. Thread safe.
 */
final class CorsOperations {
  /** What S3 says when a preflight names no origin or method (the wording S3 uses). */
  private static final String INSUFFICIENT = "Insufficient information. Origin request header"
      + " needed.";
  private static final String NOT_ENABLED = "CORSResponse: CORS is not enabled for this bucket.";
  private static final String NOT_ALLOWED = "CORSResponse: This CORS request is not allowed."
      + " This is usually because the evalution of Origin, request method /"
      + " Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by"
      + " the resource's CORS spec.";
  /** S3's Vary on CORS replies: the answer depends on all three request headers. */
  private static final String VARY =
      "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

  private final ObjectService objects;

  CorsOperations(ObjectService objects) {
    this.objects = objects;
  }

  /** Answers a bucket {@code ?cors} request. */
  void handle(S3Exchange x) throws IOException {
    objects.bucket(x.owner(), x.bucket());
    switch (x.request().method()) {
      case "GET" -> {
        CorsRules rules = stored(x.bucket()).orElseThrow(
            () -> new S3Exception(S3ErrorCode.NO_SUCH_CORS_CONFIGURATION));
        x.replyXml(rules.toXml());
      }
      case "PUT" -> put(x);
      case "DELETE" -> {
        objects.deleteCorsConfig(x.bucket());
        x.replyEmpty(204);
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private void put(S3Exchange x) throws IOException {
    byte[] body = x.body().readNBytes(XmlBodies.MAX_BYTES + 1);
    byte[] md5 = x.contentMd5();
    if (md5 != null && !MessageDigest.isEqual(md5, md5(body))) {
      throw new S3Exception(S3ErrorCode.BAD_DIGEST);
    }
    CorsRules rules = CorsRules.parse(body);
    objects.setCorsConfig(x.bucket(),
        new String(rules.toXml().finish(), StandardCharsets.UTF_8));
    x.replyEmpty(200);
  }

  /**
   * The reply to a preflight: 200 with the Access-Control headers of the first rule allowing
   * the origin, the requested method and every requested header; 400 without Origin or
   * Access-Control-Request-Method; 403 AccessForbidden when the bucket has no configuration or
   * no rule allows the request.
   */
  Map<String, String> preflight(S3Request s3) throws IOException {
    String origin = s3.header("Origin");
    String method = s3.header("Access-Control-Request-Method");
    if (origin == null || method == null) {
      throw new S3Exception(S3ErrorCode.BAD_REQUEST, INSUFFICIENT);
    }
    Optional<CorsRules> rules = s3.bucket() == null ? Optional.empty() : stored(s3.bucket());
    if (rules.isEmpty()) {
      throw new S3Exception(S3ErrorCode.ACCESS_FORBIDDEN, NOT_ENABLED);
    }
    List<String> requested = headerList(s3.header("Access-Control-Request-Headers"));
    CorsRule rule = rules.get().firstMatch(origin, method, requested).orElseThrow(
        () -> new S3Exception(S3ErrorCode.ACCESS_FORBIDDEN, NOT_ALLOWED));
    Map<String, String> headers = headers(rule, origin);
    if (!requested.isEmpty()) {
      headers.put("Access-Control-Allow-Headers", String.join(", ", requested));
    }
    return headers;
  }

  /**
   * The Access-Control headers for the reply (success or error) to an actual request carrying
   * an Origin; empty when the bucket has no rule for it. As S3 does, the method matched is the
   * request's Access-Control-Request-Method if it sends one, else its own.
   */
  Map<String, String> actual(S3Request s3) throws IOException {
    String origin = s3.header("Origin");
    if (origin == null || s3.bucket() == null) {
      return Map.of();
    }
    Optional<CorsRules> rules = stored(s3.bucket());
    if (rules.isEmpty()) {
      return Map.of();
    }
    String method = s3.header("Access-Control-Request-Method");
    return rules.get().firstMatch(origin, method == null ? s3.method() : method, List.of())
        .map(rule -> headers(rule, origin))
        .orElse(Map.of());
  }

  private static Map<String, String> headers(CorsRule rule, String origin) {
    Map<String, String> h = new LinkedHashMap<>();
    boolean any = "*".equals(rule.matchingOrigin(origin));
    h.put("Access-Control-Allow-Origin", any ? "*" : origin);
    h.put("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
    if (!any) {
      // S3 allows credentials unless the rule opens the bucket to every origin.
      h.put("Access-Control-Allow-Credentials", "true");
    }
    if (!rule.exposeHeaders().isEmpty()) {
      h.put("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
    }
    if (rule.maxAgeSeconds() != null) {
      h.put("Access-Control-Max-Age", Integer.toString(rule.maxAgeSeconds()));
    }
    h.put("Vary", VARY);
    return h;
  }

  private Optional<CorsRules> stored(String bucket) throws IOException {
    Optional<String> document = objects.corsConfig(bucket);
    return document.isEmpty() ? Optional.empty()
        : Optional.of(CorsRules.parseStored(document.get()));
  }

  private static List<String> headerList(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static byte[] md5(byte[] body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
