package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code cairn acl ...} against a real server, checked through S3 as the granted user. */
class AclCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] ALICE = {"--access-key", "AKALICE0000000000000",
      "--secret-key", "alice-secret-0123456789"};
  private static final String[] BOB = {"--access-key", "AKBOB000000000000000",
      "--secret-key", "bob-secret-0123456789"};

  @TempDir Path dir;
  private TestServer server;
  private S3Client bobS3;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(Wiring.production(TestServer.config(dir)).env(TestServer.ENV));
    var users = server.server.context().catalog().users();
    users.create("alice", false, ALICE[1], ALICE[3]);
    users.create("bob", false, BOB[1], BOB[3]);
    try (S3Client alice = s3(ALICE)) {
      alice.createBucket(b -> b.bucket("docs"));
      alice.putObject(b -> b.bucket("docs").key("reports/q3 final.txt"),
          RequestBody.fromString("numbers"));
    }
    bobS3 = s3(BOB);
  }

  @AfterEach
  void stop() {
    bobS3.close();
    server.close();
  }

  private S3Client s3(String[] credentials) {
    return S3Client.builder().endpointOverride(URI.create(server.s3())).region(Region.US_EAST_1)
        .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(credentials[1], credentials[3])))
        .build();
  }

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private Run cairn(String[] as, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", server.api()));
    all.addAll(List.of(as));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), TestServer.ENV, new PrintWriter(out),
        new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private boolean bobCanList() {
    try {
      bobS3.listObjectsV2(b -> b.bucket("docs"));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      assertThat(e.statusCode()).isEqualTo(403);
      return false;
    }
  }

  @Test
  void aclCommands_insertGetListUpdateDelete_onABucket() throws Exception {
    assertThat(bobCanList()).isFalse();
    Run inserted = cairn(ALICE, "acl", "insert", "docs", "--user", "bob", "--role", "reader");
    assertThat(inserted.code()).as(inserted.err()).isZero();
    assertThat(inserted.out()).contains("Gave bob the reader role on bucket docs");
    assertThat(bobCanList()).isTrue();

    Run twice = cairn(ALICE, "acl", "insert", "docs", "--user", "bob", "--role", "writer");
    assertThat(twice.code()).isEqualTo(ExitCodes.REQUEST_FAILED);
    assertThat(twice.err()).contains("AclEntryExists");

    assertThat(cairn(ALICE, "acl", "update", "docs", "--user", "bob", "--role", "writer").code())
        .isZero();
    assertThat(cairn(ALICE, "acl", "get", "docs", "--user", "bob", "--json").json()
        .path("role").asText()).isEqualTo("writer");
    Run list = cairn(ALICE, "acl", "list", "docs");
    assertThat(list.out()).contains("alice *").containsPattern("bob +writer +READ,WRITE");

    Run notOwner = cairn(BOB, "acl", "list", "docs");
    assertThat(notOwner.code()).as("a writer cannot read the ACL").isEqualTo(ExitCodes.AUTH);

    assertThat(cairn(ALICE, "acl", "delete", "docs", "--user", "bob").code()).isZero();
    assertThat(bobCanList()).isFalse();
    Run gone = cairn(ALICE, "acl", "delete", "docs", "--user", "bob");
    assertThat(gone.code()).isEqualTo(ExitCodes.REQUEST_FAILED);
    assertThat(gone.err()).contains("NoSuchAclEntry");
  }

  @Test
  void aclCommands_onAnObjectWhoseKeyNeedsEncoding() throws Exception {
    Run inserted = cairn(ALICE, "acl", "insert", "docs", "reports/q3 final.txt", "--user", "bob",
        "--role", "reader");
    assertThat(inserted.code()).as(inserted.err()).isZero();
    assertThat(bobS3.getObjectAsBytes(b -> b.bucket("docs").key("reports/q3 final.txt"))
        .asUtf8String()).isEqualTo("numbers");
    assertThat(bobCanList()).isFalse();
    JsonNode list = cairn(ALICE, "acl", "list", "docs", "reports/q3 final.txt", "--json").json();
    assertThat(list.path("entries")).extracting(e -> e.path("user").asText())
        .containsExactly("alice", "bob");
    Run unknown = cairn(ALICE, "acl", "insert", "docs", "--user", "nobody", "--role", "reader");
    assertThat(unknown.err()).contains("NoSuchUser");
  }
}
