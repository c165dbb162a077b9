package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACLs through the stock aws cli v2 ({@code /usr/bin/aws s3api put-bucket-acl, get-bucket-acl,
 * put-object-acl, get-object-acl}, canned ACLs on create-bucket and put-object) against a real
 * server with two users, checked by what the grantee and anonymous HTTP requests may then do.
 * Skipped where the cli is not installed, except in CI.
 */
class AwsCliAclTest {
  private static final Path AWS = Path.of("/usr/bin/aws");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] ALICE = {"AKALICE0000000000000", "alice-secret-0123456789"};
  private static final String[] BOB = {"AKBOB000000000000000", "bob-secret-0123456789"};
  @TempDir static Path dir;
  private static TestServer server;
  private static Path home;
  private static String aliceId;
  private static String bobId;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(AWS) || "true".equals(System.getenv("CI")),
        "aws cli v2 not installed at /usr/bin/aws");
    server = TestServer.start(Wiring.production(TestServer.config(
        Files.createDirectories(dir.resolve("data")))).env(TestServer.ENV));
    var users = server.server.context().catalog().users();
    aliceId = users.create("alice", false, ALICE[0], ALICE[1]).id();
    bobId = users.create("bob", false, BOB[0], BOB[1]).id();
    home = Files.createDirectories(dir.resolve("home"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Run(int exit, String out) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private static Run aws(String[] as, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
        server.s3(), "--region", "us-east-1", "--output", "json"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", as[0]);
    env.put("AWS_SECRET_ACCESS_KEY", as[1]);
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve("none").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
    env.put("AWS_PAGER", "");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private static Run ok(String[] as, String... args) throws Exception {
    Run r = aws(as, args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out()).isZero();
    return r;
  }

  /** "ID-or-URI:PERMISSION" per grant, in order. */
  private static List<String> grants(Run acl) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode g : acl.json().path("Grants")) {
      JsonNode grantee = g.path("Grantee");
      String who = grantee.has("ID") ? grantee.path("DisplayName").asText()
          : grantee.path("URI").asText().replaceAll(".*/", "");
      out.add(who + ":" + g.path("Permission").asText());
    }
    return out;
  }

  private static int anonymousGet(String path) throws Exception {
    return server.http.send(HttpRequest.newBuilder(URI.create(server.s3() + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void bucketAcl_cannedHeadersAndPolicy_setWhatOthersMayDo() throws Exception {
    ok(ALICE, "s3api", "create-bucket", "--bucket", "cli-acl", "--acl", "public-read");
    Run acl = ok(ALICE, "s3api", "get-bucket-acl", "--bucket", "cli-acl");
    assertThat(acl.json().path("Owner").path("ID").asText()).isEqualTo(aliceId);
    assertThat(acl.json().path("Owner").path("DisplayName").asText()).isEqualTo("alice");
    assertThat(grants(acl)).containsExactly("AllUsers:READ", "alice:FULL_CONTROL");
    assertThat(anonymousGet("/cli-acl")).as("anonymous listing of a public-read bucket")
        .isEqualTo(200);

    ok(ALICE, "s3api", "put-bucket-acl", "--bucket", "cli-acl", "--grant-read", "id=" + bobId);
    assertThat(grants(ok(ALICE, "s3api", "get-bucket-acl", "--bucket", "cli-acl")))
        .containsExactly("alice:FULL_CONTROL", "bob:READ");
    assertThat(anonymousGet("/cli-acl")).isEqualTo(403);
    ok(BOB, "s3api", "list-objects-v2", "--bucket", "cli-acl");
    Path file = Files.writeString(dir.resolve("note.txt"), "from bob");
    Run refused = aws(BOB, "s3api", "put-object", "--bucket", "cli-acl", "--key", "note.txt",
        "--body", file.toString());
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.out()).contains("AccessDenied");
    assertThat(aws(BOB, "s3api", "get-bucket-acl", "--bucket", "cli-acl").out())
        .as("a reader cannot read the ACL").contains("AccessDenied");

    // The writer role as an AccessControlPolicy document: READ and WRITE for bob.
    String policy = """
        {"Owner": {"ID": "%1$s"},
         "Grants": [
           {"Grantee": {"Type": "CanonicalUser", "ID": "%1$s"}, "Permission": "FULL_CONTROL"},
           {"Grantee": {"Type": "CanonicalUser", "ID": "%2$s"}, "Permission": "READ"},
           {"Grantee": {"Type": "CanonicalUser", "ID": "%2$s"}, "Permission": "WRITE"}]}
        """.formatted(aliceId, bobId);
    ok(ALICE, "s3api", "put-bucket-acl", "--bucket", "cli-acl", "--access-control-policy",
        policy);
    assertThat(grants(ok(ALICE, "s3api", "get-bucket-acl", "--bucket", "cli-acl")))
        .containsExactly("alice:FULL_CONTROL", "bob:READ", "bob:WRITE");
    ok(BOB, "s3api", "put-object", "--bucket", "cli-acl", "--key", "note.txt", "--body",
        file.toString());
  }

  @Test
  void objectAcl_publicReadThenPrivate_andGrantsToAUser() throws Exception {
    ok(ALICE, "s3api", "create-bucket", "--bucket", "cli-objects");
    Path file = Files.writeString(dir.resolve("page.html"), "<p>hello</p>");
    ok(ALICE, "s3api", "put-object", "--bucket", "cli-objects", "--key", "page.html", "--body",
        file.toString(), "--acl", "public-read");
    assertThat(grants(ok(ALICE, "s3api", "get-object-acl", "--bucket", "cli-objects", "--key",
        "page.html"))).containsExactly("AllUsers:READ", "alice:FULL_CONTROL");
    assertThat(anonymousGet("/cli-objects/page.html")).isEqualTo(200);
    assertThat(anonymousGet("/cli-objects")).as("the bucket stays private").isEqualTo(403);

    ok(ALICE, "s3api", "put-object-acl", "--bucket", "cli-objects", "--key", "page.html",
        "--acl", "private");
    assertThat(anonymousGet("/cli-objects/page.html")).isEqualTo(403);
    assertThat(grants(ok(ALICE, "s3api", "get-object-acl", "--bucket", "cli-objects", "--key",
        "page.html"))).containsExactly("alice:FULL_CONTROL");

    ok(ALICE, "s3api", "put-object-acl", "--bucket", "cli-objects", "--key", "page.html",
        "--grant-full-control", "id=" + bobId, "--grant-read",
        "uri=http://acs.amazonaws.com/groups/global/AuthenticatedUsers");
    assertThat(grants(ok(BOB, "s3api", "get-object-acl", "--bucket", "cli-objects", "--key",
        "page.html"))).containsExactly("AuthenticatedUsers:READ", "alice:FULL_CONTROL",
            "bob:FULL_CONTROL");
    assertThat(anonymousGet("/cli-objects/page.html")).isEqualTo(403);
  }

  @Test
  void badAcls_areRefusedWithS3Codes() throws Exception {
    ok(ALICE, "s3api", "create-bucket", "--bucket", "cli-bad");
    assertThat(aws(ALICE, "s3api", "put-bucket-acl", "--bucket", "cli-bad", "--grant-read",
        "id=" + "0".repeat(64)).out()).contains("InvalidArgument");
    assertThat(aws(ALICE, "s3api", "put-bucket-acl", "--bucket", "cli-bad", "--acl",
        "everyone-may").out()).contains("InvalidArgument");
    assertThat(aws(ALICE, "s3api", "put-bucket-acl", "--bucket", "cli-bad",
        "--access-control-policy", """
            {"Owner": {"ID": "%s"}, "Grants": [
              {"Grantee": {"Type": "CanonicalUser", "ID": "%s"}, "Permission": "SUPERPOWER"}]}
            """.formatted(aliceId, bobId)).out()).contains("MalformedACLError");
    assertThat(aws(ALICE, "s3api", "put-bucket-acl", "--bucket", "cli-bad", "--grant-read",
        "emailAddress=bob@example.com").out()).contains("UnresolvableGrantByEmailAddress");
    assertThat(grants(ok(ALICE, "s3api", "get-bucket-acl", "--bucket", "cli-bad")))
        .as("nothing changed").containsExactly("alice:FULL_CONTROL");
  }
}
