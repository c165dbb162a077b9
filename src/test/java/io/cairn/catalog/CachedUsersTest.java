package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential cache of a SQLite catalog: a key's lookup is served from memory (a secret changed
 * behind the catalog's back is not seen, which proves it), and a key or user removed through the
 * catalog stops authenticating at the next lookup.
 */
class CachedUsersTest {
  @TempDir Path dir;
  private Catalog catalog;
  private Users users;

  @BeforeEach
  void open() throws Exception {
    catalog = Catalog.open(dir.resolve("catalog.db"),
        new TickingClock(Instant.parse("2026-01-02T03:04:05Z")), new Random(7));
    users = catalog.users();
    users.create("alice", false, "AKALICE", "secret-1");
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  @Test
  void findByAccessKey_afterFirstLookup_isServedFromMemory() throws Exception {
    assertThat(users).isInstanceOf(CachedUsers.class);
    Credential first = users.findByAccessKey("AKALICE").orElseThrow();
    User byId = users.findById(first.user().id()).orElseThrow();
    catalog.database().write(tx -> tx.update(
        "UPDATE access_keys SET secret_key = ? WHERE access_key = ?", "changed", "AKALICE"));
    catalog.database().write(tx -> tx.update(
        "UPDATE users SET name = ? WHERE id = ?", "renamed", byId.id()));
    assertThat(users.findByAccessKey("AKALICE")).contains(first);
    assertThat(users.findById(byId.id())).contains(byId);
  }

  @Test
  void deletedKey_stopsAuthenticatingAtOnce() throws Exception {
    users.addKey("alice", "AKSECOND", "secret-2");
    assertThat(users.findByAccessKey("AKSECOND")).isPresent();
    users.deleteKey("AKSECOND");
    assertThat(users.findByAccessKey("AKSECOND")).isEmpty();
    assertThat(users.findByAccessKey("AKALICE")).isPresent();
  }

  @Test
  void deletedUser_losesEveryKeyAndItsId() throws Exception {
    Credential alice = users.findByAccessKey("AKALICE").orElseThrow();
    users.findById(alice.user().id());
    users.delete("alice");
    assertThat(users.findByAccessKey("AKALICE")).isEmpty();
    assertThat(users.findById(alice.user().id())).isEmpty();
  }

  @Test
  void unknownKey_isNotRemembered_soANewKeyWorksAtOnce() throws Exception {
    assertThat(users.findByAccessKey("AKBOB")).isEmpty();
    users.create("bob", false, "AKBOB", "secret-b");
    assertThat(users.findByAccessKey("AKBOB")).map(c -> c.user().name()).contains("bob");
  }
}
