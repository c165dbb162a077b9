package io.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The per-entry ACL REST API ({@code /api/v1/buckets/B[/objects/K]/acl[/USER]}) on a real server. */
class AclApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE_AK = "AKALICE0000000000000";
  private static final String ALICE_SK = "alice-secret-0123456789";
  private static final String BOB_AK = "AKBOB000000000000000";
  private static final String BOB_SK = "bob-secret-0123456789";

  @TempDir Path dir;
  private TestServer server;
  private String bobId;
  private S3Client alice;
  private S3Client bob;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(Wiring.production(TestServer.config(dir)).env(TestServer.ENV));
    var users = server.server.context().catalog().users();
    users.create("alice", false, ALICE_AK, ALICE_SK);
    bobId = users.create("bob", false, BOB_AK, BOB_SK).id();
    alice = s3(ALICE_AK, ALICE_SK);
    bob = s3(BOB_AK, BOB_SK);
    alice.createBucket(b -> b.bucket("photos"));
    alice.putObject(b -> b.bucket("photos").key("2026/cat.jpg"), RequestBody.fromString("meow"));
  }

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
    server.close();
  }

  private S3Client s3(String ak, String sk) {
    return S3Client.builder().endpointOverride(URI.create(server.s3())).region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ak, sk)))
        .build();
  }

  private HttpResponse<String> asAlice(String method, String path, String body) throws Exception {
    return server.signed(method, "/api/v1" + path, body, ALICE_AK, ALICE_SK, Instant.now());
  }

  private HttpResponse<String> asBob(String method, String path, String body) throws Exception {
    return server.signed(method, "/api/v1" + path, body, BOB_AK, BOB_SK, Instant.now());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static String code(HttpResponse<String> r) throws Exception {
    return json(r).path("error").path("code").asText();
  }

  @Test
  void bucketEntry_insertGetUpdateDelete_changesWhatTheUserMayDoOverS3() throws Exception {
    assertThatThrownBy(() -> bob.listObjectsV2(b -> b.bucket("photos")))
        .isInstanceOf(S3Exception.class).hasMessageContaining("403");

    HttpResponse<String> inserted = asAlice("POST", "/buckets/photos/acl",
        "{\"user\": \"bob\", \"role\": \"reader\"}");
    assertThat(inserted.statusCode()).as(inserted.body()).isEqualTo(201);
    assertThat(json(inserted).path("role").asText()).isEqualTo("reader");
    assertThat(bob.listObjectsV2(b -> b.bucket("photos")).contents()).hasSize(1);
    assertThatThrownBy(() -> bob.putObject(b -> b.bucket("photos").key("dog.jpg"),
        RequestBody.fromString("woof"))).hasMessageContaining("403");

    HttpResponse<String> again = asAlice("POST", "/buckets/photos/acl",
        "{\"user\": \"bob\", \"role\": \"writer\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(code(again)).isEqualTo("AclEntryExists");

    HttpResponse<String> updated = asAlice("PUT", "/buckets/photos/acl/" + bobId,
        "{\"role\": \"writer\"}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json(updated).path("user").asText()).isEqualTo("bob");
    bob.putObject(b -> b.bucket("photos").key("dog.jpg"), RequestBody.fromString("woof"));

    JsonNode one = json(asAlice("GET", "/buckets/photos/acl/bob", null));
    assertThat(one.path("role").asText()).isEqualTo("writer");
    assertThat(one.path("permissions")).extracting(JsonNode::asText)
        .containsExactly("READ", "WRITE");
    JsonNode list = json(asAlice("GET", "/buckets/photos/acl", null));
    assertThat(list.path("entries")).extracting(e -> e.path("user").asText() + ":"
        + e.path("role").asText() + ":" + e.path("owner").asBoolean())
        .containsExactly("alice:owner:true", "bob:writer:false");

    assertThat(asAlice("DELETE", "/buckets/photos/acl/bob", null).statusCode()).isEqualTo(204);
    assertThatThrownBy(() -> bob.listObjectsV2(b -> b.bucket("photos")))
        .hasMessageContaining("403");
    HttpResponse<String> gone = asAlice("DELETE", "/buckets/photos/acl/bob", null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(code(gone)).isEqualTo("NoSuchAclEntry");
    assertThat(code(asAlice("GET", "/buckets/photos/acl/bob", null))).isEqualTo("NoSuchAclEntry");
  }

  @Test
  void objectEntry_keyWithSlashes_readerReadsTheObjectButNotTheBucket() throws Exception {
    HttpResponse<String> inserted = asAlice("POST", "/buckets/photos/objects/2026/cat.jpg/acl",
        "{\"user\": \"bob\", \"role\": \"reader\"}");
    assertThat(inserted.statusCode()).as(inserted.body()).isEqualTo(201);
    assertThat(bob.getObjectAsBytes(b -> b.bucket("photos").key("2026/cat.jpg")).asUtf8String())
        .isEqualTo("meow");
    assertThatThrownBy(() -> bob.listObjectsV2(b -> b.bucket("photos")))
        .hasMessageContaining("403");
    JsonNode list = json(asAlice("GET", "/buckets/photos/objects/2026/cat.jpg/acl", null));
    assertThat(list.path("key").asText()).isEqualTo("2026/cat.jpg");
    assertThat(list.path("entries")).hasSize(2);
    // The S3 view of the same ACL: the owner's FULL_CONTROL, then bob's READ.
    assertThat(alice.getObjectAcl(b -> b.bucket("photos").key("2026/cat.jpg")).grants())
        .extracting(g -> g.grantee().displayName() + ":" + g.permissionAsString())
        .containsExactly("alice:FULL_CONTROL", "bob:READ");
  }

  @Test
  void onlyOwnersManageEntries_andBadRequestsAreRefused() throws Exception {
    assertThat(asBob("GET", "/buckets/photos/acl", null).statusCode()).isEqualTo(403);
    assertThat(code(asBob("POST", "/buckets/photos/acl",
        "{\"user\": \"bob\", \"role\": \"owner\"}"))).isEqualTo("AccessDenied");
    // A writer may not read or change the ACL; an owner may, and may grant the owner role.
    asAlice("POST", "/buckets/photos/acl", "{\"user\": \"bob\", \"role\": \"writer\"}");
    assertThat(asBob("GET", "/buckets/photos/acl", null).statusCode()).isEqualTo(403);
    asAlice("PUT", "/buckets/photos/acl/bob", "{\"role\": \"owner\"}");
    HttpResponse<String> asOwner = asBob("GET", "/buckets/photos/acl", null);
    assertThat(asOwner.statusCode()).isEqualTo(200);

    assertThat(code(asAlice("POST", "/buckets/photos/acl",
        "{\"user\": \"nobody\", \"role\": \"reader\"}"))).isEqualTo("NoSuchUser");
    assertThat(code(asAlice("PUT", "/buckets/photos/acl/bob", "{\"role\": \"admin\"}")))
        .isEqualTo("InvalidRole");
    assertThat(code(asAlice("DELETE", "/buckets/photos/acl/alice", null)))
        .isEqualTo("InvalidArgument");
    assertThat(code(asAlice("GET", "/buckets/nothing/acl", null))).isEqualTo("NoSuchBucket");
    assertThat(code(asAlice("GET", "/buckets/photos/objects/missing/acl", null)))
        .isEqualTo("NoSuchKey");
    assertThat(code(asAlice("POST", "/buckets/photos/acl", "not json"))).isEqualTo("MalformedJSON");
  }
}
