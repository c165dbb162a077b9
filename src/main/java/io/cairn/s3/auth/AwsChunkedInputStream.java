package io.cairn.s3.auth;

import io.cairn.s3.S3ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes an {@code aws-chunked} body ("Signature Calculations for the Authorization Header:
 * Transferring Payload in Multiple Chunks"), handing on the chunk data and checking as it goes:
 *
 * <ul>
 *   <li>signed chunks ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}): every {@code
 *       chunk-signature} must chain from the previous one (the first from the request's seed
 *       signature), and the trailer signature from the last chunk's;
 *   <li>a trailing checksum ({@code x-amz-trailer}) must match the decoded data.
 * </ul>
 *
 * A chunk's signature can only be checked once the chunk has been read, so its bytes have already
 * been handed on: callers must treat the data as provisional until this stream returns EOF, which
 * it does only after every check passed. Failures are {@link PayloadRejectedException}s.
 */
public final class AwsChunkedInputStream extends InputStream {
  private static final int MAX_LINE = 4096;

  private final InputStream in;
  private final SigningKey signingKey;
  private final String amzDate;
  private final ChecksumAlgorithm trailerAlgorithm;
  private final ChecksumAlgorithm.Running trailerChecksum;
  private final MessageDigest chunkDigest;
  private String previousSignature;
  private String chunkSignature;
  private long chunkRemaining;
  private boolean finished;
  private String trailerValue;

  /**
   * @param in the raw body, ideally buffered
   * @param signingKey the request's key for signed chunks, or null for unsigned chunks
   * @param seedSignature the request signature (ignored when unsigned)
   * @param trailerAlgorithm the checksum named by {@code x-amz-trailer}, or null if none
   */
  public AwsChunkedInputStream(InputStream in, SigningKey signingKey, String amzDate,
      String seedSignature, ChecksumAlgorithm trailerAlgorithm) {
    this.in = in;
    this.signingKey = signingKey;
    this.amzDate = amzDate;
    this.previousSignature = seedSignature;
    this.trailerAlgorithm = trailerAlgorithm;
    this.trailerChecksum = trailerAlgorithm == null ? null : trailerAlgorithm.start();
    this.chunkDigest = signingKey == null ? null : Hashes.sha256();
    this.chunkRemaining = -1;
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
    while (chunkRemaining <= 0) {
      if (finished) {
        return -1;
      }
      if (chunkRemaining == 0) {
        endChunk();
      }
      startChunk();
    }
    int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
    if (n < 0) {
      throw new PayloadRejectedException(S3ErrorCode.INCOMPLETE_BODY, "aws-chunked body truncated");
    }
    chunkRemaining -= n;
    if (chunkDigest != null) {
      chunkDigest.update(b, off, n);
    }
    if (trailerChecksum != null) {
      trailerChecksum.update(b, off, n);
    }
    return n;
  }

  private void startChunk() throws IOException {
    String header = readLine();
    int semi = header.indexOf(';');
    String size = (semi < 0 ? header : header.substring(0, semi)).strip();
    long length;
    try {
      length = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw malformed("bad chunk size: " + size);
    }
    if (length < 0) {
      throw malformed("bad chunk size: " + size);
    }
    chunkSignature = null;
    if (semi >= 0) {
      String ext = header.substring(semi + 1).strip();
      if (ext.startsWith("chunk-signature=")) {
        chunkSignature = ext.substring("chunk-signature=".length());
      }
    }
    if (signingKey != null && chunkSignature == null) {
      throw new PayloadRejectedException(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "chunk without signature in a signed stream");
    }
    chunkRemaining = length;
    if (length == 0) {
      verifyChunkSignature();
      readTrailers();
      finished = true;
    }
  }

  private void endChunk() throws IOException {
    if (in.read() != '\r' || in.read() != '\n') {
      throw malformed("chunk data not followed by CRLF");
    }
    verifyChunkSignature();
    chunkRemaining = -1;
  }

  private void verifyChunkSignature() throws IOException {
    if (signingKey == null) {
      return;
    }
    String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n"
        + signingKey.scope().path() + "\n" + previousSignature + "\n" + Hashes.EMPTY_SHA256 + "\n"
        + Hashes.hex(chunkDigest.digest());
    String expected = signingKey.sign(stringToSign);
    if (!Hashes.constantTimeEquals(expected, chunkSignature)) {
      throw new PayloadRejectedException(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "chunk signature does not match");
    }
    previousSignature = chunkSignature;
  }

  private void readTrailers() throws IOException {
    List<String[]> trailers = new ArrayList<>();
    String trailerSignature = null;
    for (String line = readLineOrEof(); line != null && !line.isEmpty(); line = readLineOrEof()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw malformed("bad trailer line");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (name.equals("x-amz-trailer-signature")) {
        trailerSignature = value;
      } else {
        trailers.add(new String[] {name, value});
      }
    }
    if (signingKey != null && trailerAlgorithm != null) {
      if (trailerSignature == null) {
        throw new PayloadRejectedException(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
            "missing trailer signature");
      }
      StringBuilder canonical = new StringBuilder();
      for (String[] t : trailers) {
        canonical.append(t[0]).append(':').append(t[1]).append('\n');
      }
      String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n"
          + signingKey.scope().path() + "\n" + previousSignature + "\n"
          + Hashes.sha256Hex(canonical.toString());
      if (!Hashes.constantTimeEquals(signingKey.sign(stringToSign), trailerSignature)) {
        throw new PayloadRejectedException(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
            "trailer signature does not match");
      }
    }
    if (trailerAlgorithm != null) {
      String sent = null;
      for (String[] t : trailers) {
        if (t[0].equals(trailerAlgorithm.header())) {
          sent = t[1];
        }
      }
      if (sent == null) {
        throw new PayloadRejectedException(S3ErrorCode.MALFORMED_TRAILER_ERROR,
            "trailer " + trailerAlgorithm.header() + " missing");
      }
      trailerValue = trailerChecksum.base64();
      if (!sent.equals(trailerValue)) {
        throw new PayloadRejectedException(S3ErrorCode.BAD_DIGEST,
            "Value for " + trailerAlgorithm.header() + " trailing header is invalid.");
      }
    }
  }

  private String readLineOrEof() throws IOException {
    return readLine(true);
  }

  private String readLine() throws IOException {
    return readLine(false);
  }

  private String readLine(boolean eofOk) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(80);
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (eofOk && line.size() == 0) {
          return null;
        }
        throw new PayloadRejectedException(S3ErrorCode.INCOMPLETE_BODY,
            "aws-chunked body truncated");
      }
      if (c == '\r') {
        if (in.read() != '\n') {
          throw malformed("CR not followed by LF");
        }
        return line.toString(StandardCharsets.US_ASCII);
      }
      if (line.size() >= MAX_LINE) {
        throw malformed("chunk header too long");
      }
      line.write(c);
    }
  }

  private static PayloadRejectedException malformed(String why) {
    return new PayloadRejectedException(S3ErrorCode.INVALID_REQUEST, "Malformed aws-chunked body: " + why);
  }

  /** The verified trailer checksum (base64), once the stream has returned EOF; else null. */
  public String trailerValue() {
    return finished ? trailerValue : null;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
