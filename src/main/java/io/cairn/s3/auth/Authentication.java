package io.cairn.s3.auth;

/**
 * A request whose signature verified.
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

  public String owner() {
    return key.owner();
  }
}
