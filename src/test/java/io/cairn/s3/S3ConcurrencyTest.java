package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Many clients overwriting and reading the same key at once: every read is one whole write. (With
 * replaced blobs deleted at once instead of retired after a grace period, reads that looked the
 * key up just before an overwrite fail with NoSuchKey: this test caught that.)
 */
class S3ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void concurrentOverwritesAndReads_everyReadSeesOneCompleteVersion() throws Exception {
    try (S3TestServer server = new S3TestServer(dir);
        S3Client s3 = server.client(S3TestServer.ALICE, true)) {
      s3.createBucket(b -> b.bucket("race"));
      int writers = 4;
      int rounds = 15;
      Set<String> written = ConcurrentHashMap.newKeySet();
      byte[] seed = new byte[64 * 1024];
      new java.util.Random(1).nextBytes(seed);
      s3.putObject(b -> b.bucket("race").key("hot"), RequestBody.fromBytes(seed));
      written.add(md5(seed));
      ExecutorService pool = Executors.newFixedThreadPool(writers * 2);
      try {
        List<Future<?>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int id = w;
          tasks.add(pool.submit(() -> {
            for (int r = 0; r < rounds; r++) {
              byte[] body = seed.clone();
              body[0] = (byte) id;
              body[1] = (byte) r;
              written.add(md5(body));
              s3.putObject(b -> b.bucket("race").key("hot"), RequestBody.fromBytes(body));
            }
            return null;
          }));
          tasks.add(pool.submit(() -> {
            for (int r = 0; r < rounds; r++) {
              var got = s3.getObjectAsBytes(b -> b.bucket("race").key("hot"));
              String sum = md5(got.asByteArray());
              assertThat(written).contains(sum);
              assertThat(got.response().eTag()).isEqualTo("\"" + sum + "\"");
            }
            return null;
          }));
        }
        for (Future<?> f : tasks) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(s3.listObjectsV2(b -> b.bucket("race")).contents()).hasSize(1);
    }
  }

  private static String md5(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }
}
