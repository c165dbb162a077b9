package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The production server: every front end Cairn has, checked with real clients. */
class WiringTest {
    @TempDir
    Path data;
    TestServer t;

    @BeforeEach
    void start() throws Exception {
        t = TestServer.start(Wiring.production(TestServer.config(data)).env(TestServer.ENV));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void s3_rootWithSdk_putsGetsAndListsAnObject() {
        try (S3Client s3 = t.rootS3Client()) {
            s3.createBucket(b -> b.bucket("photos"));
            s3.putObject(b -> b.bucket("photos").key("a/cat.txt"), RequestBody.fromString("meow"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("photos").key("a/cat.txt")).asUtf8String()).isEqualTo("meow");
            assertThat(s3.listObjectsV2(b -> b.bucket("photos")).contents()).extracting(o -> o.key())
                    .containsExactly("a/cat.txt");
        }
    }

    @Test
    void s3_userCreatedThroughTheApi_ownsItsBucketsAndCannotBeDeletedWhileItDoes() throws Exception {
        JsonNode alice = new ObjectMapper().readTree(t.asRoot("POST", "/api/v1/users", "{\"name\":\"alice\"}").body());
        try (S3Client s3 = t.s3Client(alice.path("accessKey").asText(), alice.path("secretKey").asText())) {
            s3.createBucket(b -> b.bucket("alices"));
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("alices");
            assertThat(s3.listBuckets().owner().id()).isEqualTo(alice.path("id").asText());

            var refused = t.asRoot("DELETE", "/api/v1/users/alice", null);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("UserOwnsResources");

            s3.deleteBucket(b -> b.bucket("alices"));
        }
        assertThat(t.asRoot("DELETE", "/api/v1/users/alice", null).statusCode()).isEqualTo(204);
    }

    @Test
    void s3_unknownAccessKey_isInvalidAccessKeyId() {
        try (S3Client s3 = t.s3Client("AKNOBODY000000000000", "no-such-secret-000000")) {
            assertThatThrownBy(s3::listBuckets).isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
                            .isEqualTo("InvalidAccessKeyId"));
        }
    }

    private Ec2Client ec2(String accessKey, String secretKey) {
        return Ec2Client.builder().endpointOverride(URI.create(t.api())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    @Test
    void ec2_sdkAtTheControlPlane_createsDescribesAndDeletesAVolume() {
        try (Ec2Client ec2 = ec2(TestServer.ROOT_AK, TestServer.ROOT_SK)) {
            String id = ec2.createVolume(b -> b.size(1).availabilityZone("us-east-1a")).volumeId();
            assertThat(ec2.describeVolumes(b -> b.volumeIds(id)).volumes()).extracting(Volume::size)
                    .containsExactly(1);
            ec2.deleteVolume(b -> b.volumeId(id));
            assertThat(ec2.describeVolumes().volumes()).extracting(Volume::volumeId).doesNotContain(id);
        }
    }

    @Test
    void ec2_userSeesOnlyItsOwnVolumes() throws Exception {
        JsonNode alice = new ObjectMapper().readTree(t.asRoot("POST", "/api/v1/users", "{\"name\":\"alice\"}").body());
        try (Ec2Client root = ec2(TestServer.ROOT_AK, TestServer.ROOT_SK);
             Ec2Client asAlice = ec2(alice.path("accessKey").asText(), alice.path("secretKey").asText())) {
            String rootsVolume = root.createVolume(b -> b.size(1).availabilityZone("us-east-1a")).volumeId();
            String alicesVolume = asAlice.createVolume(b -> b.size(2).availabilityZone("us-east-1a")).volumeId();
            assertThat(asAlice.describeVolumes().volumes()).extracting(Volume::volumeId).containsExactly(alicesVolume);
            assertThat(root.describeVolumes().volumes()).extracting(Volume::volumeId)
                    .contains(rootsVolume, alicesVolume);
        }
    }

    @Test
    void ec2_wrongSecret_isSignatureDoesNotMatch() {
        try (Ec2Client ec2 = ec2(TestServer.ROOT_AK, "not-the-root-secret-000")) {
            assertThatThrownBy(ec2::describeVolumes).isInstanceOf(Ec2Exception.class)
                    .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    @Test
    void volume_createdAndAttachedOverEc2_isServedOverNbdAndKeepsItsDataAcrossARestart() throws Exception {
        String id;
        try (Ec2Client ec2 = ec2(TestServer.ROOT_AK, TestServer.ROOT_SK)) {
            id = ec2.createVolume(b -> b.size(1).availabilityZone("us-east-1a")).volumeId();
            ec2.attachVolume(b -> b.volumeId(id).instanceId("vm1").device("/dev/vdb"));
        }
        String url = "nbd://127.0.0.1:" + t.server.listenerPort("nbd") + "/" + id;
        assertThat(run("nbdinfo", "--size", url).strip()).isEqualTo(Long.toString(1L << 30));
        run("qemu-io", "-f", "raw", "-c", "write -P 0x5a 1M 1M", "-c", "flush", url);

        t.close();
        t = TestServer.start(Wiring.production(TestServer.config(data)).env(TestServer.ENV));
        url = "nbd://127.0.0.1:" + t.server.listenerPort("nbd") + "/" + id;
        String read = run("qemu-io", "-f", "raw", "-c", "read -P 0x5a 1M 1M", "-c", "read -P 0 0 1M", url);
        assertThat(read).doesNotContain("Pattern verification failed");
    }

    @Test
    void nbd_listener_answersNbdinfo() throws Exception {
        int port = t.server.listenerPort("nbd");
        assertThat(port).isPositive().isNotIn(t.server.s3Port(), t.server.apiPort());
        // No volume is attached, so the export list is empty, but the handshake must succeed.
        Process p = new ProcessBuilder("nbdinfo", "--list", "--json", "nbd://127.0.0.1:" + port)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("\"exports\"");
    }
}
