package io.cairn.s3.auth;

import io.cairn.s3.S3ErrorCode;
import io.cairn.s3.S3Exception;

/**
 * The {@code Credential} of a SigV4 request: {@code AKID/yyyyMMdd/region/service/aws4_request}.
 * Any region is accepted (Cairn is one region); the service must be {@code s3}.
 */
public record CredentialScope(String accessKey, String date, String region, String service) {

  public static CredentialScope parse(String credential, S3ErrorCode malformed) {
    // The access key itself never contains '/', so split from the right is not needed.
    String[] parts = credential.split("/", -1);
    if (parts.length != 5 || !parts[4].equals("aws4_request") || parts[0].isEmpty()
        || parts[1].length() != 8 || parts[2].isEmpty()) {
      throw new S3Exception(malformed, "Malformed credential: " + credential);
    }
    if (!parts[3].equals("s3")) {
      throw new S3Exception(malformed, "Credential should be scoped to correct service: 's3'.");
    }
    return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
  }

  /** The scope as it appears in strings to sign: {@code date/region/service/aws4_request}. */
  public String path() {
    return date + "/" + region + "/" + service + "/aws4_request";
  }
}
