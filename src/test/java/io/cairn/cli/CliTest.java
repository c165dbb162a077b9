package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process against a real server: output, --json, credentials precedence and exit codes. */
class CliTest {
    @TempDir
    Path data;
    TestServer t;
    Map<String, String> env;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        t = TestServer.start(data);
        env = new HashMap<>(Map.of("CAIRN_ENDPOINT", t.api(), "CAIRN_ROOT_ACCESS_KEY", TestServer.ROOT_AK,
                "CAIRN_ROOT_SECRET_KEY", TestServer.ROOT_SK));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private Result cairn(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void userCreateListDelete_withRootFromEnvironment_works() {
        Result created = cairn("user", "create", "alice");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created user alice", "access key: ", "secret key: ");

        Result list = cairn("user", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("NAME", "alice");

        assertThat(cairn("user", "delete", "alice").out()).contains("Deleted user alice");
        assertThat(cairn("user", "list").out()).doesNotContain("alice");
    }

    @Test
    void userCreate_withGivenKeysAndJson_printsJsonAndNewUserCanAuthenticate() throws Exception {
        Result created = cairn("user", "create", "bob", "--access-key", "AKBOB00000000000", "--secret-key",
                "bob-secret-0123456789", "--json");
        assertThat(created.code()).as(created.err()).isZero();
        JsonNode bob = new ObjectMapper().readTree(created.out());
        assertThat(bob.path("accessKey").asText()).isEqualTo("AKBOB00000000000");
        assertThat(bob.path("secretKey").asText()).isEqualTo("bob-secret-0123456789");

        // bob signs correctly (the key works) but is not root: exit code 4, AccessDenied.
        Result asBob = cairn("user", "list", "--access-key", "AKBOB00000000000", "--secret-key",
                "bob-secret-0123456789");
        assertThat(asBob.code()).isEqualTo(4);
        assertThat(asBob.err()).contains("AccessDenied");
    }

    @Test
    void userList_json_isTheServersJson() throws Exception {
        cairn("user", "create", "carol");
        Result r = cairn("user", "list", "--json");
        assertThat(new ObjectMapper().readTree(r.out()).path("users").get(0).path("name").asText()).isEqualTo("carol");
    }

    @Test
    void credentials_userPairInEnvironment_winsOverRootPair() {
        env.put("CAIRN_ACCESS_KEY", "AKNOBODY00000000");
        env.put("CAIRN_SECRET_KEY", "nobody-secret-000");
        Result r = cairn("user", "list");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("InvalidAccessKeyId");
    }

    @Test
    void credentials_wrongSecretFlag_exitsFourWithSignatureDoesNotMatch() {
        Result r = cairn("user", "list", "--access-key", TestServer.ROOT_AK, "--secret-key", "wrong-secret-000000");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).startsWith("cairn: SignatureDoesNotMatch");
    }

    @Test
    void credentials_none_exitsTwoAndSaysWhatToSet() {
        env.remove("CAIRN_ROOT_ACCESS_KEY");
        env.remove("CAIRN_ROOT_SECRET_KEY");
        Result r = cairn("user", "list");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("CAIRN_ACCESS_KEY", "root.credentials");
    }

    @Test
    void endpoint_nothingListening_exitsThreeWithAHint() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result r = cairn("user", "list", "--endpoint", "http://127.0.0.1:" + port);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach", "cairn server");
    }

    @Test
    void userDelete_unknownUser_exitsOneWithNoSuchUser() {
        Result r = cairn("user", "delete", "ghost");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("NoSuchUser");
    }

    @Test
    void usage_unknownCommandOrNone_exitsTwo() {
        assertThat(cairn("frobnicate").code()).isEqualTo(2);
        assertThat(cairn().code()).isEqualTo(2);
        assertThat(cairn("user").code()).isEqualTo(2);
    }

    @Test
    void configSettings_printsTheTable() {
        Result r = cairn("config", "settings");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("`--s3-port`", "`CAIRN_API_PORT`", "`10809`");
    }

    @Test
    void server_invalidSetting_exitsTwoNamingIt() {
        Result r = cairn("server", "--data", data.resolve("other").toString(), "--s3-port", "nope");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--s3-port: 'nope' is not a valid port");
    }

    @Test
    void serverHelp_listsEverySettingFlag() {
        Result r = cairn("server", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--data", "--bind", "--s3-port", "--api-port", "--nbd-port", "--catalog",
                "--medium", "--segment-size", "--shutdown-timeout", "--config");
        assertThat(r.out().replaceAll("\\s+", "")).as("defaults that name the data directory are shown verbatim")
                .contains("jdbc:sqlite:${data}/catalog.db").doesNotContain("null");
    }
}
