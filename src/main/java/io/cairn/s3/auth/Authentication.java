package io.cairn.s3.auth;

/**
 * A request whose signature verified, or an anonymous (unsigned) one: then {@code key} and
 * {@code signingKey} are null and {@link #owner()} is null.
 *
 * @param key the caller's access key
 * @param signingKey the key that signed the request, for verifying streaming chunk signatures
 * @param amzDate the request time as signed ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param seedSignature the request signature, which the first chunk signature chains from
 * @param payloadHash what the request says about its payload: a hex SHA-256, {@code
 *     UNSIGNED-PAYLOAD}, or one of the {@code STREAMING-*} modes
 */
public record Authentication(
    AccessKey key, SigningKey signingKey, String amzDate, String seedSignature, String payloadHash) {

  /** The caller's canonical user id; null for an anonymous request. */
  public String owner() {
    return key == null ? null : key.owner();
  }

  /**
   * An unsigned request. Its body is taken as {@code x-amz-content-sha256} describes it when that
   * needs no signature (a hex SHA-256, checked while it streams, or an unsigned mode); a signed
   * streaming mode without a signature is refused.
   */
  public static Authentication anonymous(String contentSha256, String amzDate) {
    String mode = contentSha256 == null ? PayloadStreams.UNSIGNED_PAYLOAD : contentSha256.strip();
    if (mode.startsWith("STREAMING-AWS4-")) {
      throw new io.cairn.s3.S3Exception(io.cairn.s3.S3ErrorCode.ACCESS_DENIED,
          "A signed payload needs a signed request.");
    }
    return new Authentication(null, null, amzDate, null, mode);
  }
}
