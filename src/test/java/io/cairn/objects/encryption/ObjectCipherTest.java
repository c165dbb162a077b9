package io.cairn.objects.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ObjectCipherTest {
  private final Random random = new Random(7);

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Test
  void apply_atAnyOffset_matchesOneSequentialCtrStream() throws Exception {
    byte[] key = bytes(32);
    byte[] iv = bytes(16);
    byte[] plain = bytes(10_000);
    Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
    ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    byte[] expected = ctr.doFinal(plain);
    ObjectCipher cipher = new ObjectCipher(key, List.of(iv), null);
    for (int i = 0; i < 200; i++) {
      int from = random.nextInt(plain.length);
      int to = from + random.nextInt(plain.length - from + 1);
      byte[] piece = Arrays.copyOfRange(plain, from, to);
      cipher.apply(from, piece, 0, piece.length);
      assertThat(piece).isEqualTo(Arrays.copyOfRange(expected, from, to));
    }
  }

  @Test
  void apply_acrossParts_usesEachPartsCounterFromItsStart() {
    byte[] key = bytes(32);
    List<byte[]> ivs = List.of(bytes(16), bytes(16), bytes(16));
    List<Long> sizes = List.of(37L, 0L, 100L);
    byte[] plain = bytes(137);
    byte[] whole = plain.clone();
    new ObjectCipher(key, ivs, sizes).apply(0, whole, 0, whole.length);
    byte[] first = Arrays.copyOfRange(plain, 0, 37);
    new ObjectCipher(key, List.of(ivs.get(0)), null).apply(0, first, 0, 37);
    byte[] third = Arrays.copyOfRange(plain, 37, 137);
    new ObjectCipher(key, List.of(ivs.get(2)), null).apply(0, third, 0, 100);
    assertThat(Arrays.copyOfRange(whole, 0, 37)).isEqualTo(first);
    assertThat(Arrays.copyOfRange(whole, 37, 137)).isEqualTo(third);
    // Decrypting a range across the boundary restores the plain text.
    byte[] range = Arrays.copyOfRange(whole, 30, 50);
    new ObjectCipher(key, ivs, sizes).apply(30, range, 0, range.length);
    assertThat(range).isEqualTo(Arrays.copyOfRange(plain, 30, 50));
  }

  @Test
  void add_carriesAcrossBytes() {
    byte[] iv = new byte[16];
    Arrays.fill(iv, 8, 16, (byte) 0xFF);
    byte[] sum = ObjectCipher.add(iv, 1);
    assertThat(sum[7]).isEqualTo((byte) 1);
    assertThat(Arrays.copyOfRange(sum, 8, 16)).containsOnly(0);
  }
}
