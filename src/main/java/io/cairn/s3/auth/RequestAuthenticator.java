package io.cairn.s3.auth;

import io.cairn.s3.QueryParameter;
import io.cairn.s3.S3ErrorCode;
import io.cairn.s3.S3Exception;
import io.cairn.s3.S3Request;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies SigV4 on an S3 request: the {@code Authorization} header form and the presigned
 * query-string form ({@code X-Amz-Signature}, {@code X-Amz-Expires}). The payload itself is
 * verified later, while it streams ({@link PayloadStreams}). Thread safe.
 */
public final class RequestAuthenticator {
  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final String V2_PREFIX = "AWS ";
  /** RFC 1123 dates without the day of the week ({@code 07 Jul 2010 21:53:04 GMT}). */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss z", java.util.Locale.ENGLISH);
  private static final long MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

  private final AccessKeys keys;
  private final SigningKeys signingKeys = new SigningKeys();
  private final Clock clock;
  private final Duration maxSkew;

  /** @param maxSkew how far the request time may be from the server's (AWS: 15 minutes) */
  public RequestAuthenticator(AccessKeys keys, Clock clock, Duration maxSkew) {
    this.keys = keys;
    this.clock = clock;
    this.maxSkew = maxSkew;
  }

  /** The verified caller, or an {@link S3Exception} saying why not. */
  public Authentication authenticate(S3Request request) {
    String authorization = request.header("Authorization");
    if (authorization != null) {
      if (authorization.startsWith(V2_PREFIX)) {
        return v2HeaderAuth(request, authorization.substring(V2_PREFIX.length()).strip());
      }
      return headerAuth(request, authorization);
    }
    if (request.hasParam("X-Amz-Signature")) {
      return queryAuth(request);
    }
    if (request.hasParam("Signature") && request.hasParam("AWSAccessKeyId")) {
      return v2QueryAuth(request);
    }
    throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Anonymous access is not allowed.");
  }

  /**
   * Verifies the signature of a POST Object form over its base64 {@code policy}: SigV4 ({@code
   * x-amz-algorithm}, {@code x-amz-credential}, {@code x-amz-date}, {@code x-amz-signature}) or
   * SigV2 ({@code AWSAccessKeyId}, {@code signature}). {@code field} looks form fields up by
   * lower-case name. The policy's own expiration and conditions are the caller's to check.
   */
  public Authentication authenticateForm(Function<String, String> field, String policy) {
    String algorithm = field.apply("x-amz-algorithm");
    if (algorithm != null) {
      if (!algorithm.equals(ALGORITHM)) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
            "x-amz-algorithm only supports \"" + ALGORITHM + "\"");
      }
      CredentialScope scope = CredentialScope.parse(formField(field, "x-amz-credential"),
          S3ErrorCode.INVALID_ARGUMENT);
      String amzDate = formField(field, "x-amz-date");
      parseAmzDate(amzDate);
      String signature = formField(field, "x-amz-signature");
      if (!amzDate.startsWith(scope.date())) {
        throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
            "Date in Credential scope does not match x-amz-date");
      }
      AccessKey key = keys.find(scope.accessKey())
          .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_ACCESS_KEY_ID));
      SigningKey signingKey = signingKeys.of(key.secret(), scope);
      if (!Hashes.constantTimeEquals(signingKey.sign(policy), signature)) {
        throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
      }
      return new Authentication(key, signingKey, amzDate, signature,
          PayloadStreams.UNSIGNED_PAYLOAD);
    }
    String accessKey = formField(field, "awsaccesskeyid");
    String signature = formField(field, "signature");
    AccessKey key = keys.find(accessKey)
        .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_ACCESS_KEY_ID));
    if (!Hashes.constantTimeEquals(Hashes.hmacSha1Base64(key.secret(), policy), signature)) {
      throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }
    return new Authentication(key, null, AMZ_DATE.format(clock.instant()), signature,
        PayloadStreams.UNSIGNED_PAYLOAD);
  }

  private static String formField(Function<String, String> field, String name) {
    String v = field.apply(name);
    if (v == null || v.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Bucket POST must contain a field named '" + name + "'.");
    }
    return v;
  }

  /** The current time of the clock requests are checked against. */
  public Instant now() {
    return clock.instant();
  }

  /** SigV2 header form: {@code Authorization: AWS AccessKeyId:Signature}. */
  private Authentication v2HeaderAuth(S3Request request, String credentials) {
    int colon = credentials.lastIndexOf(':');
    if (colon <= 0 || colon == credentials.length() - 1) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
    }
    String accessKey = credentials.substring(0, colon);
    String signature = credentials.substring(colon + 1);
    // x-amz-date, when present, is the request time and the Date line is left empty.
    String amzDate = request.header("x-amz-date");
    Instant time = parseHttpDate(amzDate != null ? amzDate : request.header("Date"));
    checkSkew(time);
    AccessKey key = keys.find(accessKey)
        .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_ACCESS_KEY_ID));
    String date = amzDate != null ? "" : request.header("Date").strip();
    boolean valid = false;
    for (String resource : SigV2.resources(request)) {
      valid = v2Matches(key, SigV2.stringToSign(request, date, resource), signature);
      if (!valid && amzDate != null && request.header("Date") != null) {
        // Some signers (botocore's HmacV1) keep the Date header's value even with x-amz-date.
        valid = v2Matches(key,
            SigV2.stringToSign(request, request.header("Date").strip(), resource), signature);
      }
      if (valid) {
        break;
      }
    }
    if (!valid) {
      throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }
    return new Authentication(key, null, AMZ_DATE.format(time), signature,
        v2PayloadHash(request));
  }

  /** SigV2 presigned URL: {@code AWSAccessKeyId}, {@code Expires} (epoch seconds), {@code Signature}. */
  private Authentication v2QueryAuth(S3Request request) {
    String expires = request.param("Expires");
    long epoch;
    try {
      epoch = Long.parseLong(expires == null ? "" : expires);
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Invalid Expires: " + expires);
    }
    if (clock.instant().getEpochSecond() > epoch) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Request has expired");
    }
    AccessKey key = keys.find(request.param("AWSAccessKeyId"))
        .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_ACCESS_KEY_ID));
    String signature = request.param("Signature");
    if (SigV2.resources(request).stream().noneMatch(
        resource -> v2Matches(key, SigV2.stringToSign(request, expires, resource), signature))) {
      throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }
    return new Authentication(key, null, AMZ_DATE.format(clock.instant()), signature,
        v2PayloadHash(request));
  }

  private static boolean v2Matches(AccessKey key, String stringToSign, String signature) {
    return Hashes.constantTimeEquals(Hashes.hmacSha1Base64(key.secret(), stringToSign),
        signature);
  }

  /** SigV2 does not sign the payload; a client may still declare its SHA-256 to be checked. */
  private static String v2PayloadHash(S3Request request) {
    String declared = request.header("x-amz-content-sha256");
    return declared != null && declared.length() == 64 ? declared
        : PayloadStreams.UNSIGNED_PAYLOAD;
  }

  private Authentication headerAuth(S3Request request, String authorization) {
    if (!authorization.startsWith(ALGORITHM + " ")) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Unsupported Authorization Type; use " + ALGORITHM);
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String value = p.substring(eq + 1).strip();
      switch (p.substring(0, eq).strip()) {
        case "Credential" -> credential = value;
        case "SignedHeaders" -> signedHeaders = value;
        case "Signature" -> signature = value;
        default -> { }
      }
    }
    if (credential == null || signedHeaders == null || signature == null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Malformed Authorization header");
    }
    CredentialScope scope = CredentialScope.parse(credential, S3ErrorCode.INVALID_ARGUMENT);
    String amzDate = request.header("X-Amz-Date");
    Instant time = amzDate != null ? parseAmzDate(amzDate) : parseHttpDate(request.header("Date"));
    if (amzDate == null) {
      amzDate = AMZ_DATE.format(time);
    }
    checkSkew(time);
    String payloadHash = request.header("x-amz-content-sha256");
    if (payloadHash == null) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          "Missing required header for this request: x-amz-content-sha256");
    }
    List<String> signed = CanonicalRequest.signedHeaderList(signedHeaders);
    if (!signed.contains("host")) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "The host header must be signed.");
    }
    return verify(request, scope, amzDate, signed, request.query(), payloadHash, signature);
  }

  private Authentication queryAuth(S3Request request) {
    if (!ALGORITHM.equals(request.param("X-Amz-Algorithm"))) {
      throw new S3Exception(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
          "X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
    }
    String credential = required(request, "X-Amz-Credential");
    String amzDate = required(request, "X-Amz-Date");
    String expires = required(request, "X-Amz-Expires");
    String signedHeaders = required(request, "X-Amz-SignedHeaders");
    CredentialScope scope =
        CredentialScope.parse(credential, S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
    Instant time = parseAmzDate(amzDate);
    long seconds;
    try {
      seconds = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 0 || seconds > MAX_PRESIGN_SECONDS) {
      throw new S3Exception(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
          "X-Amz-Expires must be between 0 and " + MAX_PRESIGN_SECONDS + " seconds");
    }
    Instant now = clock.instant();
    if (time.minus(maxSkew).isAfter(now)) {
      throw new S3Exception(S3ErrorCode.REQUEST_TIME_TOO_SKEWED);
    }
    if (now.isAfter(time.plusSeconds(seconds))) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Request has expired");
    }
    List<QueryParameter> signedQuery = new ArrayList<>(request.query().size());
    for (QueryParameter p : request.query()) {
      if (!p.name().equals("X-Amz-Signature")) {
        signedQuery.add(p);
      }
    }
    String payloadHash = request.param("X-Amz-Content-Sha256");
    if (payloadHash == null) {
      payloadHash = PayloadStreams.UNSIGNED_PAYLOAD;
    }
    return verify(request, scope, amzDate, CanonicalRequest.signedHeaderList(signedHeaders),
        signedQuery, payloadHash, request.param("X-Amz-Signature"));
  }

  private Authentication verify(S3Request request, CredentialScope scope, String amzDate,
      List<String> signedHeaders, List<QueryParameter> query, String payloadHash,
      String signature) {
    if (!amzDate.startsWith(scope.date())) {
      throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "Date in Credential scope does not match request date");
    }
    Optional<AccessKey> key = keys.find(scope.accessKey());
    if (key.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_ACCESS_KEY_ID);
    }
    String canonical = CanonicalRequest.build(request.method(),
        UriEncoding.decode(request.rawPath(), false), query, signedHeaders,
        name -> request.headers().getValuesList(name), payloadHash);
    SigningKey signingKey = signingKeys.of(key.get().secret(), scope);
    String expected = signingKey.sign(CanonicalRequest.stringToSign(amzDate, scope, canonical));
    if (!Hashes.constantTimeEquals(expected, signature)) {
      throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }
    return new Authentication(key.get(), signingKey, amzDate, signature, payloadHash);
  }

  private void checkSkew(Instant time) {
    Duration skew = Duration.between(time, clock.instant()).abs();
    if (skew.compareTo(maxSkew) > 0) {
      throw new S3Exception(S3ErrorCode.REQUEST_TIME_TOO_SKEWED);
    }
  }

  private static String required(S3Request request, String name) {
    String v = request.param(name);
    if (v == null || v.isEmpty()) {
      throw new S3Exception(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
          "Query-string authentication requires " + name);
    }
    return v;
  }

  /**
   * {@code yyyyMMdd'T'HHmmss'Z'}, parsed by hand: it is on every request's path, and a
   * DateTimeFormatter costs more than the rest of the date handling together.
   */
  static Instant parseAmzDate(String value) {
    if (value.length() == 16 && value.charAt(8) == 'T' && value.charAt(15) == 'Z') {
      try {
        return LocalDateTime.of(digits(value, 0, 4), digits(value, 4, 2), digits(value, 6, 2),
            digits(value, 9, 2), digits(value, 11, 2), digits(value, 13, 2))
            .toInstant(ZoneOffset.UTC);
      } catch (DateTimeException | NumberFormatException e) {
        // falls through to the error
      }
    }
    throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Invalid date: " + value);
  }

  private static int digits(String s, int from, int count) {
    int n = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(s);
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static Instant parseHttpDate(String value) {
    if (value == null) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED,
          "AWS authentication requires a valid Date or x-amz-date header");
    }
    // The day of the week is redundant and clients get it wrong: it is not checked.
    String v = value.strip();
    int comma = v.indexOf(',');
    Instant time;
    try {
      time = ZonedDateTime.parse(comma >= 0 ? v.substring(comma + 1).strip() : v, HTTP_DATE)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Invalid date: " + value);
    }
    if (time.isBefore(Instant.EPOCH)) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Invalid date: " + value);
    }
    return time;
  }
}
