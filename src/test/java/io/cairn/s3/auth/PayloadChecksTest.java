package io.cairn.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** x-amz-content-sha256, x-amz-checksum-* and length checks on plain bodies; checksum values. */
class PayloadChecksTest {
  private static final byte[] DATA = "The quick brown fox".getBytes(StandardCharsets.UTF_8);

  private static String sha256Hex(byte[] data) throws Exception {
    return Hashes.hex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  @Test
  void verifyingStream_matchingSha256AndChecksum_passesThrough() throws Exception {
    InputStream in = new VerifyingInputStream(new ByteArrayInputStream(DATA), DATA.length,
        sha256Hex(DATA), ChecksumAlgorithm.CRC32, AwsChunkedInputStreamTest.crc32Base64(DATA));
    assertThat(in.readAllBytes()).isEqualTo(DATA);
  }

  @Test
  void verifyingStream_wrongSha256_isXAmzContentSha256MismatchAtEof() throws Exception {
    InputStream in = new VerifyingInputStream(new ByteArrayInputStream(DATA), -1,
        sha256Hex("other".getBytes(StandardCharsets.UTF_8)), null, null);
    assertThatThrownBy(in::readAllBytes)
        .extracting(e -> ((PayloadRejectedException) e).code())
        .isEqualTo(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH);
    assertThat(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH.code())
        .isEqualTo("XAmzContentSHA256Mismatch");
  }

  @Test
  void verifyingStream_wrongChecksumHeader_isBadDigest() {
    InputStream in = new VerifyingInputStream(new ByteArrayInputStream(DATA), -1, null,
        ChecksumAlgorithm.SHA256, Base64.getEncoder().encodeToString(new byte[32]));
    assertThatThrownBy(in::readAllBytes)
        .extracting(e -> ((PayloadRejectedException) e).code())
        .isEqualTo(S3ErrorCode.BAD_DIGEST);
  }

  @Test
  void verifyingStream_shortBody_isIncompleteBody() {
    InputStream in = new VerifyingInputStream(new ByteArrayInputStream(DATA), DATA.length + 1,
        null, null, null);
    assertThatThrownBy(in::readAllBytes)
        .extracting(e -> ((PayloadRejectedException) e).code())
        .isEqualTo(S3ErrorCode.INCOMPLETE_BODY);
  }

  @Test
  void checksums_knownValues() throws IOException {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(value(ChecksumAlgorithm.CRC32, check)).isEqualTo("y/Q5Jg==");   // 0xCBF43926
    assertThat(value(ChecksumAlgorithm.CRC32C, check)).isEqualTo("4waSgw=="); // 0xE3069283
    assertThat(Base64.getDecoder().decode(value(ChecksumAlgorithm.CRC64NVME, check)))
        .isEqualTo(java.util.HexFormat.of().parseHex("ae8b14860a799888"));
    assertThat(value(ChecksumAlgorithm.SHA1, new byte[0]))
        .isEqualTo("2jmj7l5rSw0yVb/vlWAYkK/YBwk=");
    assertThat(value(ChecksumAlgorithm.SHA256, new byte[0]))
        .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    assertThat(ChecksumAlgorithm.fromName("x-amz-checksum-crc32c")).isEqualTo(ChecksumAlgorithm.CRC32C);
    assertThat(ChecksumAlgorithm.fromName("md5")).isNull();
  }

  private static String value(ChecksumAlgorithm a, byte[] data) {
    ChecksumAlgorithm.Running r = a.start();
    r.update(data, 0, data.length);
    return r.base64();
  }
}
