package io.cairn.log;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Deterministic test payloads: the bytes of record {@code n} can be regenerated from n alone. */
final class Payloads {
  private Payloads() {}

  static byte[] of(long n, int length) {
    byte[] b = new byte[length];
    new SplittableRandom(n * 0x9E3779B97F4A7C15L + length).nextBytes(b);
    return b;
  }

  static ByteBuffer buffer(long n, int length) {
    return ByteBuffer.wrap(of(n, length));
  }

  static byte[] read(RecordLog log, Locator at) throws java.io.IOException {
    ByteBuffer dst = ByteBuffer.allocate(at.payloadLength());
    log.read(at, 0, dst);
    return dst.array();
  }
}
