package io.cairn.s3.auth;

import io.cairn.s3.S3ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a body through while computing what the request claimed about it: its length, its
 * SHA-256 ({@code x-amz-content-sha256}) and an {@code x-amz-checksum-*} value. The claims are
 * checked when the body ends, before EOF is returned, so a reader that commits only after EOF
 * never commits a body that failed them ({@link PayloadRejectedException}).
 */
public final class VerifyingInputStream extends InputStream {
  private final InputStream in;
  private final long expectedLength;
  private final MessageDigest sha256;
  private final String expectedSha256;
  private final ChecksumAlgorithm checksumAlgorithm;
  private final ChecksumAlgorithm.Running checksum;
  private final String expectedChecksum;
  private long count;
  private boolean verified;

  /**
   * @param expectedLength the decoded length the request declared, or -1 if it did not
   * @param expectedSha256 hex SHA-256 to check, or null
   * @param checksumAlgorithm an additional checksum to check, or null
   * @param expectedChecksum its base64 value (ignored if the algorithm is null)
   */
  public VerifyingInputStream(InputStream in, long expectedLength, String expectedSha256,
      ChecksumAlgorithm checksumAlgorithm, String expectedChecksum) {
    this.in = in;
    this.expectedLength = expectedLength;
    this.expectedSha256 = expectedSha256;
    this.sha256 = expectedSha256 == null ? null : Hashes.sha256();
    this.checksumAlgorithm = checksumAlgorithm;
    this.checksum = checksumAlgorithm == null ? null : checksumAlgorithm.start();
    this.expectedChecksum = expectedChecksum;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, len);
    if (n < 0) {
      verify();
      return -1;
    }
    count += n;
    if (expectedLength >= 0 && count > expectedLength) {
      throw new PayloadRejectedException(S3ErrorCode.INVALID_REQUEST,
          "body longer than the declared length");
    }
    if (sha256 != null) {
      sha256.update(b, off, n);
    }
    if (checksum != null) {
      checksum.update(b, off, n);
    }
    return n;
  }

  private void verify() throws IOException {
    if (verified) {
      return;
    }
    if (expectedLength >= 0 && count != expectedLength) {
      throw new PayloadRejectedException(S3ErrorCode.INCOMPLETE_BODY,
          "received " + count + " of " + expectedLength + " bytes");
    }
    if (sha256 != null && !Hashes.hex(sha256.digest()).equalsIgnoreCase(expectedSha256)) {
      throw new PayloadRejectedException(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH,
          S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH.message());
    }
    if (checksum != null && !checksum.base64().equals(expectedChecksum)) {
      throw new PayloadRejectedException(S3ErrorCode.BAD_DIGEST,
          "Value for " + checksumAlgorithm.header() + " header is invalid.");
    }
    verified = true;
  }

  /** Bytes passed through so far. */
  public long count() {
    return count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
