package io.cairn.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.s3.S3ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * A cached signing key signs from a cloned MAC: every signature, however many and from however
 * many threads, equals one computed from scratch (the AWS SigV4 example key and string).
 */
class SigningKeyTest {
  // AWS SigV4 documentation, "Examples of the complete Signature Version 4 signing process".
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final CredentialScope SCOPE = CredentialScope.parse(
      "AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request", S3ErrorCode.INVALID_ARGUMENT);

  private static String fromScratch(String stringToSign) {
    byte[] k = Hashes.hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), "20150830");
    k = Hashes.hmac(k, "us-east-1");
    k = Hashes.hmac(k, "s3");
    k = Hashes.hmac(k, "aws4_request");
    return Hashes.hex(Hashes.hmac(k, stringToSign));
  }

  @Test
  void sign_repeatedlyAndConcurrently_alwaysEqualsASignatureFromScratch() throws Exception {
    SigningKey key = SigningKey.derive(SECRET, SCOPE);
    assertThat(key.sign("first")).isEqualTo(fromScratch("first"));
    assertThat(key.sign("first")).isEqualTo(fromScratch("first"));
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 200; i++) {
          String text = "string-to-sign " + thread + "/" + i;
          if (!key.sign(text).equals(fromScratch(text))) {
            wrong.add(text);
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void sha256_clonedDigests_areIndependent() {
    var a = Hashes.sha256();
    var b = Hashes.sha256();
    a.update((byte) 1);
    assertThat(Hashes.hex(b.digest())).isEqualTo(Hashes.EMPTY_SHA256);
    assertThat(Hashes.sha256Hex("")).isEqualTo(Hashes.EMPTY_SHA256);
  }
}
