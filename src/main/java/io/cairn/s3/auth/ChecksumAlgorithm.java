package io.cairn.s3.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The S3 additional checksums ({@code x-amz-checksum-*}), each rendered base64 as S3 does. */
public enum ChecksumAlgorithm {
  CRC32,
  CRC32C,
  CRC64NVME,
  SHA1,
  SHA256;

  /** A running checksum over a payload. Not thread safe. */
  public interface Running {
    void update(byte[] bytes, int offset, int length);

    /** The base64 value of everything updated so far; ends the computation. */
    String base64();
  }

  /** The header carrying this checksum, e.g. {@code x-amz-checksum-crc32}. */
  public String header() {
    return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
  }

  /** The algorithm a {@code x-amz-checksum-*} header name or algorithm name denotes, or null. */
  public static ChecksumAlgorithm fromName(String name) {
    if (name == null) {
      return null;
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("x-amz-checksum-")) {
      n = n.substring("x-amz-checksum-".length());
    }
    for (ChecksumAlgorithm a : values()) {
      if (a.name().toLowerCase(Locale.ROOT).equals(n)) {
        return a;
      }
    }
    return null;
  }

  public Running start() {
    return switch (this) {
      case CRC32 -> new ZipChecksum(new CRC32(), 4);
      case CRC32C -> new ZipChecksum(new CRC32C(), 4);
      case CRC64NVME -> new ZipChecksum(new Crc64Nvme(), 8);
      case SHA1 -> new Digest("SHA-1");
      case SHA256 -> new Digest("SHA-256");
    };
  }

  private static final class ZipChecksum implements Running {
    private final Checksum checksum;
    private final int width;

    ZipChecksum(Checksum checksum, int width) {
      this.checksum = checksum;
      this.width = width;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
      checksum.update(bytes, offset, length);
    }

    @Override
    public String base64() {
      long v = checksum.getValue();
      byte[] out = new byte[width];
      for (int i = 0; i < width; i++) {
        out[i] = (byte) (v >>> (8 * (width - 1 - i)));
      }
      return Base64.getEncoder().encodeToString(out);
    }
  }

  private static final class Digest implements Running {
    private final MessageDigest digest;

    Digest(String algorithm) {
      try {
        digest = MessageDigest.getInstance(algorithm);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has " + algorithm, e);
      }
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
    }

    @Override
    public String base64() {
      return Base64.getEncoder().encodeToString(digest.digest());
    }
  }
}
