package io.cairn.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The aws-chunked decoder, against the S3 API reference example "Signature Calculations for the
 * Authorization Header: Transferring Payload in Multiple Chunks" and with trailers.
 */
class AwsChunkedInputStreamTest {
  static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
  private static final String SIG1 =
      "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
  private static final String SIG2 =
      "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
  private static final String SIG_FINAL =
      "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
  private static final String DATE = "20130524T000000Z";
  private static final SigningKey KEY = SigningKey.derive(RequestAuthenticatorTest.SECRET,
      new CredentialScope("AKIAIOSFODNN7EXAMPLE", "20130524", "us-east-1", "s3"));

  private static byte[] exampleBody(byte[] chunk1, byte[] chunk2, String finalSig) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("10000;chunk-signature=" + SIG1 + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(chunk1);
    out.writeBytes(("\r\n400;chunk-signature=" + SIG2 + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(chunk2);
    out.writeBytes(("\r\n0;chunk-signature=" + finalSig + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] as(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'a');
    return b;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[7000];
    for (int n; (n = in.read(buf)) >= 0; ) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  @Test
  void signedChunks_awsExample_decodeToThePayload() throws IOException {
    byte[] body = exampleBody(as(65536), as(1024), SIG_FINAL);
    InputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), KEY, DATE, SEED,
        null);
    assertThat(readAll(in)).isEqualTo(as(66560));
  }

  @Test
  void signedChunks_tamperedData_isSignatureDoesNotMatchBeforeEof() {
    byte[] chunk1 = as(65536);
    chunk1[1000] = 'b';
    byte[] body = exampleBody(chunk1, as(1024), SIG_FINAL);
    InputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), KEY, DATE, SEED,
        null);
    assertThatThrownBy(() -> readAll(in))
        .isInstanceOf(PayloadRejectedException.class)
        .extracting(e -> ((PayloadRejectedException) e).code())
        .isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void signedChunks_wrongFinalSignature_isRejected() {
    byte[] body = exampleBody(as(65536), as(1024), SIG_FINAL.replace('b', 'c'));
    InputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), KEY, DATE, SEED,
        null);
    assertThatThrownBy(() -> readAll(in)).isInstanceOf(PayloadRejectedException.class);
  }

  @Test
  void signedChunks_truncatedBody_isIncompleteBody() {
    byte[] body = exampleBody(as(65536), as(1024), SIG_FINAL);
    byte[] cut = Arrays.copyOf(body, 66000);
    InputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(cut), KEY, DATE, SEED,
        null);
    assertThatThrownBy(() -> readAll(in))
        .extracting(e -> ((PayloadRejectedException) e).code())
        .isEqualTo(S3ErrorCode.INCOMPLETE_BODY);
  }

  private static byte[] unsignedTrailerBody(byte[] data, String crc32) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(data);
    out.writeBytes(("\r\n0\r\nx-amz-checksum-crc32:" + crc32 + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static String crc32Base64(byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    long v = crc.getValue();
    return java.util.Base64.getEncoder().encodeToString(
        new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
  }

  @Test
  void unsignedChunksWithTrailer_matchingCrc32_decode() throws IOException {
    byte[] data = "hello trailer".getBytes(StandardCharsets.UTF_8);
    InputStream in = new AwsChunkedInputStream(
        new ByteArrayInputStream(unsignedTrailerBody(data, crc32Base64(data))), null, DATE, null,
        ChecksumAlgorithm.CRC32);
    assertThat(readAll(in)).isEqualTo(data);
  }

  @Test
  void unsignedChunksWithTrailer_wrongCrc32_isBadDigest() {
    byte[] data = "hello trailer".getBytes(StandardCharsets.UTF_8);
    InputStream in = new AwsChunkedInputStream(
        new ByteArrayInputStream(unsignedTrailerBody(data, "AAAAAA==")), null, DATE, null,
        ChecksumAlgorithm.CRC32);
    assertThatThrownBy(() -> readAll(in))
        .extracting(e -> ((PayloadRejectedException) e).code())
        .isEqualTo(S3ErrorCode.BAD_DIGEST);
  }

  @Test
  void signedStream_chunkWithoutSignature_isRejected() {
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    InputStream in = new AwsChunkedInputStream(
        new ByteArrayInputStream(unsignedTrailerBody(data, crc32Base64(data))), KEY, DATE, SEED,
        ChecksumAlgorithm.CRC32);
    assertThatThrownBy(() -> readAll(in))
        .extracting(e -> ((PayloadRejectedException) e).code())
        .isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }
}
