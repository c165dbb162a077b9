package io.cairn.s3.auth;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (reflected polynomial 0x9a6c9329ac4bc9b5, init and xorout all ones), the checksum
 * S3 calls CRC64NVME. Table-driven, one byte at a time.
 */
final class Crc64Nvme implements Checksum {
  private static final long[] TABLE = new long[256];

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9a6c9329ac4bc9b5L : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private long crc = -1L;

  @Override
  public void update(int b) {
    crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] b, int off, int len) {
    long c = crc;
    for (int i = off; i < off + len; i++) {
      c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
    }
    crc = c;
  }

  @Override
  public long getValue() {
    return ~crc;
  }

  @Override
  public void reset() {
    crc = -1L;
  }
}
