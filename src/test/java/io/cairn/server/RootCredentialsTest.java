package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCredentialsTest {
    @TempDir
    Path data;

    @Test
    void resolve_firstStart_generatesPrintsOnceAndStoresPrivately() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        RootCredentials c = RootCredentials.resolve(Map.of(), data, new SecureRandom(), new PrintStream(first, true));
        assertThat(c.accessKey()).matches("[A-Z0-9]{20}");
        assertThat(c.secretKey()).hasSize(40);
        assertThat(first.toString(StandardCharsets.UTF_8)).contains(c.accessKey(), c.secretKey());
        Path file = data.resolve(RootCredentials.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        RootCredentials again = RootCredentials.resolve(Map.of(), data, new SecureRandom(), new PrintStream(second, true));
        assertThat(again).isEqualTo(c);
        assertThat(second.size()).isZero();
        assertThat(c.toString()).doesNotContain(c.secretKey());
    }

    @Test
    void resolve_environmentPair_winsAndWritesNothing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RootCredentials c = RootCredentials.resolve(Map.of(RootCredentials.ACCESS_ENV, "AKENV00000000000",
                RootCredentials.SECRET_ENV, "secret-from-env-123"), data, new SecureRandom(), new PrintStream(out));
        assertThat(c).isEqualTo(new RootCredentials("AKENV00000000000", "secret-from-env-123"));
        assertThat(out.size()).isZero();
        assertThat(data.resolve(RootCredentials.FILE_NAME)).doesNotExist();
    }

    @Test
    void resolve_onlyHalfTheEnvironmentPair_isAnError() {
        assertThatThrownBy(() -> RootCredentials.resolve(Map.of(RootCredentials.ACCESS_ENV, "AKENV00000000000"),
                data, new SecureRandom(), System.out)).isInstanceOf(ConfigException.class);
    }
}
