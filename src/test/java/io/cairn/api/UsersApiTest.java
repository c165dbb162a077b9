package io.cairn.api;

import static io.cairn.server.TestServer.errorCode;
import static io.cairn.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users API over raw HTTP: the JSON shapes, root-only access, and every signature failure. */
class UsersApiTest {
    @TempDir
    Path data;
    TestServer t;

    @BeforeEach
    void start() throws Exception {
        t = TestServer.start(data);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void createListDelete_asRoot_roundTripsAndShowsSecretOnlyOnCreate() throws Exception {
        HttpResponse<String> created = t.asRoot("POST", "/api/v1/users", "{\"name\":\"alice\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode alice = json(created);
        assertThat(alice.path("accessKey").asText()).matches("[A-Z0-9]{20}");
        String secret = alice.path("secretKey").asText();
        assertThat(secret).hasSize(40);

        HttpResponse<String> list = t.asRoot("GET", "/api/v1/users", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).path("users")).hasSize(1);
        assertThat(json(list).path("users").get(0).path("name").asText()).isEqualTo("alice");
        assertThat(list.body()).doesNotContain(secret).doesNotContain("secretKey");

        assertThat(t.asRoot("DELETE", "/api/v1/users/alice", null).statusCode()).isEqualTo(204);
        assertThat(json(t.asRoot("GET", "/api/v1/users", null)).path("users")).isEmpty();
        HttpResponse<String> again = t.asRoot("DELETE", "/api/v1/users/alice", null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(errorCode(again)).isEqualTo("NoSuchUser");
    }

    @Test
    void create_withGivenKeys_userCanSignButIsNotRoot() throws Exception {
        t.asRoot("POST", "/api/v1/users", "{\"name\":\"bob\",\"accessKey\":\"AKBOB00000000000\","
                + "\"secretKey\":\"bob-secret-0123456789\"}");
        HttpResponse<String> r = t.signed("GET", "/api/v1/users", null, "AKBOB00000000000", "bob-secret-0123456789",
                Instant.now());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(errorCode(r)).isEqualTo("AccessDenied");
    }

    @Test
    void create_deletedUsersKey_isInvalidAccessKeyIdAfterwards() throws Exception {
        t.asRoot("POST", "/api/v1/users", "{\"name\":\"bob\",\"accessKey\":\"AKBOB00000000000\","
                + "\"secretKey\":\"bob-secret-0123456789\"}");
        t.asRoot("DELETE", "/api/v1/users/bob", null);
        HttpResponse<String> r = t.signed("GET", "/api/v1/users", null, "AKBOB00000000000", "bob-secret-0123456789",
                Instant.now());
        assertThat(errorCode(r)).isEqualTo("InvalidAccessKeyId");
    }

    @Test
    void create_duplicateNameRootNameOrRootKey_isConflict() throws Exception {
        t.asRoot("POST", "/api/v1/users", "{\"name\":\"alice\"}");
        HttpResponse<String> dup = t.asRoot("POST", "/api/v1/users", "{\"name\":\"alice\"}");
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(errorCode(dup)).isEqualTo("UserAlreadyExists");
        assertThat(t.asRoot("POST", "/api/v1/users", "{\"name\":\"root\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> key = t.asRoot("POST", "/api/v1/users", "{\"name\":\"eve\",\"accessKey\":\""
                + TestServer.ROOT_AK + "\",\"secretKey\":\"whatever-secret-123\"}");
        assertThat(errorCode(key)).isEqualTo("AccessKeyAlreadyExists");
    }

    @Test
    void create_badInput_isRejectedWithAClearCode() throws Exception {
        assertThat(errorCode(t.asRoot("POST", "/api/v1/users", "{\"name\":\"no spaces\"}"))).isEqualTo("InvalidUserName");
        assertThat(errorCode(t.asRoot("POST", "/api/v1/users", "{\"name\":\"a\",\"accessKey\":\"AKONLYTHEKEY0000\"}")))
                .isEqualTo("InvalidKeyPair");
        assertThat(errorCode(t.asRoot("POST", "/api/v1/users", "{\"name\":"))).isEqualTo("MalformedJSON");
        assertThat(errorCode(t.asRoot("POST", "/api/v1/users", "{\"name\":\"a\",\"colour\":\"red\"}")))
                .isEqualTo("MalformedJSON");
        assertThat(t.asRoot("PUT", "/api/v1/users", "{}").statusCode()).isEqualTo(405);
        assertThat(json(t.asRoot("GET", "/api/v1/users", null)).path("users")).isEmpty();
    }

    @Test
    void request_wrongSecret_is403SignatureDoesNotMatch() throws Exception {
        HttpResponse<String> r = t.signed("GET", "/api/v1/users", null, TestServer.ROOT_AK, "not-the-root-secret",
                Instant.now());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(errorCode(r)).isEqualTo("SignatureDoesNotMatch");
        assertThat(r.body()).doesNotContain(TestServer.ROOT_SK);
    }

    @Test
    void request_unknownKey_is403InvalidAccessKeyId() throws Exception {
        HttpResponse<String> r = t.signed("GET", "/api/v1/users", null, "AKUNKNOWN0000000", "x-secret", Instant.now());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(errorCode(r)).isEqualTo("InvalidAccessKeyId");
    }

    @Test
    void request_clockTwentyMinutesBehind_is403RequestTimeTooSkewed() throws Exception {
        HttpResponse<String> r = t.signed("GET", "/api/v1/users", null, TestServer.ROOT_AK, TestServer.ROOT_SK,
                Instant.now().minus(Duration.ofMinutes(20)));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(errorCode(r)).isEqualTo("RequestTimeTooSkewed");
    }

    @Test
    void request_unsigned_is403AndChangesNothing() throws Exception {
        HttpResponse<String> r = t.http.send(HttpRequest.newBuilder(URI.create(t.api() + "/api/v1/users"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mallory\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(errorCode(r)).isEqualTo("MissingAuthenticationToken");
        assertThat(json(t.asRoot("GET", "/api/v1/users", null)).path("users")).isEmpty();
    }

    @Test
    void request_bodyNotMatchingSignedHash_isRejected() throws Exception {
        // Sign one body, send another with the first one's signature headers.
        URI uri = URI.create(t.api() + "/api/v1/users");
        String signedBody = "{\"name\":\"alice\"}";
        String hash = io.cairn.server.auth.SigV4.sha256Hex(signedBody.getBytes());
        var headers = new io.cairn.server.auth.SigV4Signer(TestServer.ROOT_AK, TestServer.ROOT_SK, "us-east-1", "cairn",
                io.cairn.server.auth.CanonicalRequest.PathEncoding.DOUBLE)
                .sign("POST", uri, java.util.Map.of("x-amz-content-sha256", hash), hash, Instant.now());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mallory\"}"))
                .header("x-amz-content-sha256", hash);
        headers.forEach(b::header);
        HttpResponse<String> r = t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(json(t.asRoot("GET", "/api/v1/users", null)).path("users")).isEmpty();
    }

    @Test
    void users_survivesRestart() throws Exception {
        t.asRoot("POST", "/api/v1/users", "{\"name\":\"alice\"}");
        t.close();
        t = TestServer.start(data);
        assertThat(json(t.asRoot("GET", "/api/v1/users", null)).path("users").get(0).path("name").asText())
                .isEqualTo("alice");
    }

    @Test
    void unknownPath_is404Json() throws Exception {
        HttpResponse<String> r = t.get(t.api() + "/nowhere");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(errorCode(r)).isEqualTo("NotFound");
    }
}
