package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The production server's key ring: `cairn kms create`, SSE-KMS and SSE-S3 across a restart. */
class KeyRingWiringTest {
    @TempDir
    Path data;

    private static int cairn(TestServer t, StringWriter out, String... args) {
        Map<String, String> env = Map.of("CAIRN_ENDPOINT", t.api(), "CAIRN_ROOT_ACCESS_KEY", TestServer.ROOT_AK,
                "CAIRN_ROOT_SECRET_KEY", TestServer.ROOT_SK);
        return Main.run(args, env, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void kmsKeyCreatedByCli_encryptsObjects_thatStillReadAfterARestart() throws Exception {
        try (TestServer t = TestServer.start(Wiring.production(TestServer.config(data)).env(TestServer.ENV));
             S3Client s3 = t.rootS3Client()) {
            StringWriter out = new StringWriter();
            assertThat(cairn(t, out, "kms", "create", "testkey-1")).isZero();
            assertThat(cairn(t, new StringWriter(), "kms", "create", "testkey-1")).isEqualTo(1);
            StringWriter list = new StringWriter();
            assertThat(cairn(t, list, "kms", "list")).isZero();
            assertThat(list.toString()).contains("testkey-1");
            assertThat(t.asRoot("GET", "/api/v1/kms/keys", null).body()).contains("testkey-1");

            s3.createBucket(b -> b.bucket("vault"));
            s3.putObject(p -> p.bucket("vault").key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId("testkey-1"), RequestBody.fromString("kms secret"));
            s3.putObject(p -> p.bucket("vault").key("s").serverSideEncryption(ServerSideEncryption.AES256),
                    RequestBody.fromString("s3 secret"));
            assertThatThrownBy(() -> s3.putObject(p -> p.bucket("vault").key("x")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("testkey-9"),
                    RequestBody.fromString("no")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        }
        assertThat(data.resolve("master.key")).exists();
        assertThat(Files.readString(data.resolve("key-ring.json"))).contains("testkey-1");
        try (TestServer t = TestServer.start(Wiring.production(TestServer.config(data)).env(TestServer.ENV));
             S3Client s3 = t.rootS3Client()) {
            assertThat(s3.getObjectAsBytes(g -> g.bucket("vault").key("k")).asUtf8String()).isEqualTo("kms secret");
            assertThat(s3.getObjectAsBytes(g -> g.bucket("vault").key("s")).asUtf8String()).isEqualTo("s3 secret");
        }
    }
}
