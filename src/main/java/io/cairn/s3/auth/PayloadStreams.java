package io.cairn.s3.auth;

import io.cairn.s3.S3ErrorCode;
import io.cairn.s3.S3Exception;
import io.cairn.s3.S3Request;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.function.Supplier;
import io.cairn.catalog.Checksum;

/**
 * Turns a request body into the object bytes it carries, with every claim the request made about
 * them checked by the time the stream ends: {@code x-amz-content-sha256} (a hash, {@code
 * UNSIGNED-PAYLOAD} or a {@code STREAMING-*} mode), {@code x-amz-checksum-*} headers and trailers,
 * and the declared length.
 */
public final class PayloadStreams {
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
  static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
  private static final int BUFFER = 64 * 1024;

  private PayloadStreams() {}

  /**
   * The decoded body.
   *
   * @param stream yields the object bytes; throws {@link PayloadRejectedException} on a failed
   *     check, at the latest when it would return EOF
   * @param length the decoded length, or -1 if the request did not say
   * @param checksum the additional checksum the body was verified against, as (algorithm,
   *     base64 value); meaningful once the stream has returned EOF; null if none
   */
  public record Payload(InputStream stream, long length, Supplier<Checksum> checksum) {}

  public static Payload open(S3Request request, Authentication auth, InputStream body) {
    return open(request, auth, body, true);
  }

  /**
   * @param checksumHeadersDescribeBody false where {@code x-amz-checksum-*} headers describe
   *     something else than the body (CompleteMultipartUpload: the object's composite checksum)
   */
  public static Payload open(S3Request request, Authentication auth, InputStream body,
      boolean checksumHeadersDescribeBody) {
    String mode = auth.payloadHash();
    ChecksumAlgorithm headerChecksum = null;
    String headerChecksumValue = null;
    for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
      String v = checksumHeadersDescribeBody ? request.header(a.header()) : null;
      if (v != null) {
        headerChecksum = a;
        headerChecksumValue = v;
      }
    }
    if (mode.startsWith("STREAMING-")) {
      long decoded = parseLength(request.header("x-amz-decoded-content-length"));
      if (decoded < 0) {
        throw new S3Exception(S3ErrorCode.MISSING_CONTENT_LENGTH,
            "x-amz-decoded-content-length is required for aws-chunked uploads");
      }
      ChecksumAlgorithm trailer = null;
      String trailerHeader = request.header("x-amz-trailer");
      if (trailerHeader != null) {
        trailer = ChecksumAlgorithm.fromName(trailerHeader.strip());
        if (trailer == null) {
          throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
              "Unsupported trailer " + trailerHeader);
        }
      }
      boolean signed;
      switch (mode) {
        case STREAMING_SIGNED -> signed = true;
        case STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER -> {
          signed = mode.equals(STREAMING_SIGNED_TRAILER);
          if (trailer == null) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                "x-amz-trailer is required for " + mode);
          }
        }
        default -> throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
            "Unsupported x-amz-content-sha256 mode " + mode);
      }
      AwsChunkedInputStream chunks = new AwsChunkedInputStream(
          new BufferedInputStream(body, BUFFER), signed ? auth.signingKey() : null,
          auth.amzDate(), auth.seedSignature(), trailer);
      Supplier<Checksum> checksum = headerChecksum != null
          ? fixed(headerChecksum, headerChecksumValue)
          : trailer == null ? () -> null
          : trailedBy(trailer, chunks);
      return new Payload(
          new VerifyingInputStream(chunks, decoded, null, headerChecksum, headerChecksumValue),
          decoded, checksum);
    }
    long length = parseLength(request.header("Content-Length"));
    String sha256 = null;
    if (!mode.equals(UNSIGNED_PAYLOAD)) {
      if (!isHexSha256(mode)) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-*, or a valid sha256 value.");
      }
      sha256 = mode;
    }
    return new Payload(
        new VerifyingInputStream(body, length, sha256, headerChecksum, headerChecksumValue),
        length, headerChecksum == null ? () -> null : fixed(headerChecksum, headerChecksumValue));
  }

  private static Supplier<Checksum> fixed(ChecksumAlgorithm algorithm, String value) {
    Checksum checksum = new Checksum(algorithm.name(), value);
    return () -> checksum;
  }

  private static Supplier<Checksum> trailedBy(ChecksumAlgorithm algorithm,
      AwsChunkedInputStream chunks) {
    return () -> {
      String value = chunks.trailerValue();
      return value == null ? null : new Checksum(algorithm.name(), value);
    };
  }

  private static boolean isHexSha256(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static long parseLength(String v) {
    if (v == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid length " + v);
    }
  }
}
