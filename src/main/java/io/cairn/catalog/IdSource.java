package io.cairn.catalog;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Random identifiers for rows created by the catalog. Random rather than sequential so that
 * several servers sharing one PostgreSQL catalog never collide and ids leak no counts. The
 * generator is injected (tests pass a seeded one; production a {@link java.security.SecureRandom}).
 */
final class IdSource {
  private static final HexFormat HEX = HexFormat.of();
  private final RandomGenerator random;

  IdSource(RandomGenerator random) {
    this.random = random;
  }

  /** {@code prefix-} and 17 hex digits (68 random bits), like EC2's {@code vol-0123456789abcdef0}. */
  String resource(String prefix) {
    return prefix + "-" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextInt(16), 1);
  }

  /** {@code bits/4} hex digits of randomness (upload ids, version ids, canonical user ids). */
  String hex(int bits) {
    StringBuilder out = new StringBuilder(bits / 4);
    for (int i = 0; i < bits / 64; i++) {
      out.append(HEX.toHexDigits(random.nextLong()));
    }
    return out.toString();
  }
}
