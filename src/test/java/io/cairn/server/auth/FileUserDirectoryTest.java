package io.cairn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUserDirectoryTest {
    @TempDir
    Path dir;

    private static User user(String name, String ak) {
        return new User(name, ak, "secret-of-" + name + "-0123456789", Instant.parse("2026-11-21T03:00:00Z"));
    }

    @Test
    void create_thenReopen_userIsStillThere() throws Exception {
        Path file = dir.resolve("users.json");
        try (FileUserDirectory d = FileUserDirectory.open(file)) {
            d.create(user("bob", "AKBOB00000000000"));
            d.create(user("alice", "AKALICE000000000"));
        }
        try (FileUserDirectory d = FileUserDirectory.open(file)) {
            assertThat(d.list()).extracting(User::name).containsExactly("alice", "bob");
            assertThat(d.byAccessKey("AKBOB00000000000")).contains(user("bob", "AKBOB00000000000"));
            assertThat(d.byAccessKey("AKNOBODY00000000")).isEmpty();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(dir.resolve("users.json.tmp")).doesNotExist();
    }

    @Test
    void create_takenNameOrAccessKey_isRefusedAndChangesNothing() throws Exception {
        try (FileUserDirectory d = FileUserDirectory.open(dir.resolve("users.json"))) {
            d.create(user("bob", "AKBOB00000000000"));
            assertThatThrownBy(() -> d.create(user("bob", "AKOTHER000000000"))).isInstanceOf(UserExistsException.class);
            assertThatThrownBy(() -> d.create(user("carol", "AKBOB00000000000"))).isInstanceOf(UserExistsException.class);
            assertThat(d.list()).hasSize(1);
        }
    }

    @Test
    void delete_thenReopen_userAndKeyAreGone() throws Exception {
        Path file = dir.resolve("users.json");
        try (FileUserDirectory d = FileUserDirectory.open(file)) {
            d.create(user("bob", "AKBOB00000000000"));
            d.delete("bob");
            assertThatThrownBy(() -> d.delete("bob")).isInstanceOf(NoSuchUserException.class);
        }
        try (FileUserDirectory d = FileUserDirectory.open(file)) {
            assertThat(d.list()).isEmpty();
            assertThat(d.byAccessKey("AKBOB00000000000")).isEmpty();
        }
    }
}
