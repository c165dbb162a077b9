package io.cairn.objects.encryption;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CTR over an object's bytes, at any position: each part has its own initial counter
 * block, and the counter of the byte at offset {@code o} of a part is that block plus
 * {@code o / 16} (the 128-bit big-endian increment SunJCE's CTR mode uses). So a range read
 * decrypts only the bytes it sends, and the parts of a multipart object — uploaded, encrypted and
 * linked separately — each decrypt on their own. CTR encrypts and decrypts alike
 * ({@link #apply}). Thread safe (a new {@link Cipher} per call).
 */
public final class ObjectCipher {
  private static final int BLOCK = 16;
  private final SecretKeySpec key;
  private final List<byte[]> ivs;
  private final long[] ends;

  /**
   * @param partSizes the parts' sizes, in order; null for one part of any length
   */
  public ObjectCipher(byte[] dataKey, List<byte[]> ivs, List<Long> partSizes) {
    this.key = new SecretKeySpec(dataKey, "AES");
    this.ivs = List.copyOf(ivs);
    if (partSizes == null) {
      if (ivs.size() != 1) {
        throw new IllegalArgumentException("an object in one piece has one counter block");
      }
      this.ends = new long[] {Long.MAX_VALUE};
    } else {
      if (partSizes.size() != ivs.size()) {
        throw new IllegalArgumentException("one counter block per part");
      }
      this.ends = new long[partSizes.size()];
      long end = 0;
      for (int i = 0; i < ends.length; i++) {
        end += partSizes.get(i);
        ends[i] = end;
      }
    }
  }

  /** XORs the key stream of bytes [position, position+length) into buffer[offset..], in place. */
  public void apply(long position, byte[] buffer, int offset, int length) {
    int part = 0;
    while (part < ends.length - 1 && ends[part] <= position) {
      part++;
    }
    while (length > 0) {
      long start = part == 0 ? 0 : ends[part - 1];
      int n = (int) Math.min(length, ends[part] - position);
      if (n > 0) {
        xor(ivs.get(part), position - start, buffer, offset, n);
        position += n;
        offset += n;
        length -= n;
      }
      part++;
      if (length > 0 && part >= ends.length) {
        throw new IllegalArgumentException("range beyond the object's parts");
      }
    }
  }

  private void xor(byte[] iv, long inPart, byte[] buffer, int offset, int length) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(add(iv, inPart / BLOCK)));
      int skip = (int) (inPart % BLOCK);
      if (skip > 0) {
        cipher.update(new byte[skip]);
      }
      int n = cipher.update(buffer, offset, length, buffer, offset);
      if (n != length) {
        throw new IllegalStateException("CTR must produce every byte at once");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR is in every JDK", e);
    }
  }

  /** The 128-bit big-endian sum of a counter block and a block count. */
  static byte[] add(byte[] iv, long blocks) {
    byte[] counter = iv.clone();
    long carry = blocks;
    for (int i = counter.length - 1; i >= 0 && carry != 0; i--) {
      long sum = (counter[i] & 0xFF) + (carry & 0xFF);
      counter[i] = (byte) sum;
      carry = (carry >>> 8) + (sum >>> 8);
    }
    return counter;
  }
}
