package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The production wiring: the S3 port of a real Cairn server, root credentials, real storage. */
class S3OnCairnServerTest {
  @TempDir Path data;

  @Test
  void productionServer_servesS3_andKeepsObjectsAcrossRestart() throws Exception {
    try (TestServer server = TestServer.start(
            Wiring.production(TestServer.config(data)).env(TestServer.ENV));
        S3Client s3 = server.rootS3Client()) {
      s3.createBucket(b -> b.bucket("prod"));
      s3.putObject(b -> b.bucket("prod").key("dir/hello.txt").contentType("text/plain"),
          RequestBody.fromString("hello, cairn"));
      assertThat(s3.listObjectsV2(b -> b.bucket("prod")).contents())
          .extracting(o -> o.key()).containsExactly("dir/hello.txt");
    }
    try (TestServer server = TestServer.start(
            Wiring.production(TestServer.config(data)).env(TestServer.ENV));
        S3Client s3 = server.rootS3Client()) {
      var got = s3.getObjectAsBytes(b -> b.bucket("prod").key("dir/hello.txt"));
      assertThat(got.asUtf8String()).isEqualTo("hello, cairn");
      assertThat(got.response().contentType()).isEqualTo("text/plain");
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("prod");
    }
  }
}
