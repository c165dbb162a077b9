package io.cairn.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A bucket's CORS configuration: its rules in document order, parsed and checked as S3's
 * PutBucketCors checks them. The catalog stores the canonical XML this class renders
 * ({@link #toXml()}), so the stored form is the one GetBucketCors answers and {@link #parse}
 * reads both. Immutable, thread safe.
 */
record CorsRules(List<CorsRule> rules) {
  /** S3's limit on the rules of one configuration. */
  static final int MAX_RULES = 100;
  /** The methods a rule may allow (S3 accepts no others). */
  private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
  private static final int MAX_ID = 255;

  CorsRules {
    rules = List.copyOf(rules);
  }

  /**
   * Parses a CORSConfiguration document. MalformedXML for an unparsable document, an unknown
   * element, no rule or more than {@value #MAX_RULES}, a rule without AllowedOrigin or
   * AllowedMethod, or a MaxAgeSeconds that is no non-negative integer; InvalidRequest for a
   * method S3 does not know, an origin or allowed header with more than one {@code *}, an
   * ExposeHeader with one, or an ID longer than 255 characters.
   */
  static CorsRules parse(byte[] document) throws IOException {
    List<CorsRule> rules = new ArrayList<>();
    Draft[] draft = {new Draft()};
    XmlBodies.parse(new ByteArrayInputStream(document), "CORSConfiguration", (path, text) -> {
      Draft d = draft[0];
      switch (path) {
        case "CORSRule" -> {
          rules.add(d.rule());
          draft[0] = new Draft();
          if (rules.size() > MAX_RULES) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML, "The number of CORS rules should"
                + " not exceed allowed limit of " + MAX_RULES + " rules.");
          }
        }
        case "CORSRule/ID" -> d.id = text.strip();
        case "CORSRule/AllowedOrigin" -> d.origins.add(oneWildcard("AllowedOrigin", text.strip()));
        case "CORSRule/AllowedMethod" -> d.methods.add(method(text.strip()));
        case "CORSRule/AllowedHeader" -> d.headers.add(oneWildcard("AllowedHeader", text.strip()));
        case "CORSRule/ExposeHeader" -> d.expose.add(exposeHeader(text.strip()));
        case "CORSRule/MaxAgeSeconds" -> d.maxAge = maxAge(text.strip());
        default -> throw new S3Exception(S3ErrorCode.MALFORMED_XML,
            "Unexpected element " + path + " in a CORSConfiguration");
      }
    });
    if (rules.isEmpty()) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML,
          "A CORSConfiguration needs at least one CORSRule");
    }
    return new CorsRules(rules);
  }

  /** Parses a document the catalog holds (written by {@link #toXml()}). */
  static CorsRules parseStored(String document) throws IOException {
    return parse(document.getBytes(StandardCharsets.UTF_8));
  }

  /** The configuration as S3 renders it (GetBucketCors), also the form it is stored in. */
  XmlDocument toXml() {
    XmlDocument doc = XmlDocument.of("CORSConfiguration");
    for (CorsRule r : rules) {
      doc.start("CORSRule").element("ID", r.id());
      r.allowedHeaders().forEach(h -> doc.element("AllowedHeader", h));
      r.allowedMethods().forEach(m -> doc.element("AllowedMethod", m));
      r.allowedOrigins().forEach(o -> doc.element("AllowedOrigin", o));
      r.exposeHeaders().forEach(h -> doc.element("ExposeHeader", h));
      if (r.maxAgeSeconds() != null) {
        doc.element("MaxAgeSeconds", r.maxAgeSeconds());
      }
      doc.end();
    }
    return doc;
  }

  /** The first rule allowing the request (S3 evaluates rules in order, first match wins). */
  Optional<CorsRule> firstMatch(String origin, String method, List<String> requestHeaders) {
    return rules.stream().filter(r -> r.allows(origin, method, requestHeaders)).findFirst();
  }

  private static String method(String m) {
    if (!METHODS.contains(m)) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          "Found unsupported HTTP method in CORS config. Unsupported method is " + m);
    }
    return m;
  }

  private static String oneWildcard(String element, String value) {
    if (value.indexOf('*') != value.lastIndexOf('*')) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          element + " \"" + value + "\" can not have more than one wildcard.");
    }
    return value;
  }

  private static String exposeHeader(String value) {
    if (value.indexOf('*') >= 0) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "ExposeHeader \"" + value
          + "\" contains wildcard. We currently do not support wildcard for ExposeHeader.");
    }
    return value;
  }

  private static int maxAge(String value) {
    try {
      int seconds = Integer.parseInt(value);
      if (seconds >= 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // falls through to MalformedXML
    }
    throw new S3Exception(S3ErrorCode.MALFORMED_XML, "MaxAgeSeconds must be a non-negative"
        + " integer");
  }

  /** A rule being read: its elements arrive before its own end tag. */
  private static final class Draft {
    private String id;
    private final List<String> origins = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();
    private final List<String> expose = new ArrayList<>();
    private Integer maxAge;

    CorsRule rule() {
      if (origins.isEmpty() || methods.isEmpty()) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML,
            "A CORSRule needs at least one AllowedOrigin and one AllowedMethod");
      }
      if (id != null && id.length() > MAX_ID) {
        throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
            "A CORSRule ID is at most " + MAX_ID + " characters");
      }
      return new CorsRule(id, origins, methods, headers, expose, maxAge);
    }
  }
}
