package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog contract on the embedded default: a SQLite file in WAL mode. */
class SqliteCatalogTest extends CatalogContractTest {
  @TempDir Path dir;

  @Override
  protected Catalog open(Clock clock, RandomGenerator random) throws Exception {
    return Catalog.open(dir.resolve("meta/catalog.db"), clock, random);
  }

  @Test
  void connections_readersAndWriter_runWalWithNormalSyncAndForeignKeys() throws Exception {
    Database db = catalog().database();
    for (boolean write : new boolean[] {false, true}) {
      long[] pragmas =
          write
              ? db.write(SqliteCatalogTest::pragmas)
              : db.read(SqliteCatalogTest::pragmas);
      assertThat(pragmas).as(write ? "writer" : "reader").containsExactly(1, 1, 30_000);
    }
    String journal = db.read(tx -> tx.one("PRAGMA journal_mode", rs -> rs.getString(1)).orElseThrow());
    assertThat(journal).isEqualTo("wal");
  }

  private static long[] pragmas(Tx tx) throws java.sql.SQLException {
    return new long[] {
      tx.scalar("PRAGMA synchronous", -1), // 1 = NORMAL: WalSync syncs the WAL
      tx.scalar("PRAGMA foreign_keys", -1),
      tx.scalar("PRAGMA busy_timeout", -1)
    };
  }

  @Test
  void writes_fromManyVirtualThreads_allCommitInSharedCommits() throws Exception {
    bucket("vt");
    long[] before = catalog().groupCommitCounts();
    List<Thread> writers = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 16; t++) {
      int thread = t;
      writers.add(Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < 10; i++) {
            put("vt", "t" + thread + "/" + i, 1 + thread * 10L + i);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    for (Thread w : writers) {
      w.join();
    }
    assertThat(failures).isEmpty();
    long[] after = catalog().groupCommitCounts();
    assertThat(after[1] - before[1]).isEqualTo(160);
    assertThat(after[0] - before[0]).isBetween(1L, 160L);
    for (int t = 0; t < 16; t++) {
      assertThat(catalog().objects().latest("vt", "t" + t + "/9")).isPresent();
    }
  }

  @Test
  void open_newFile_isReadableByOwnerOnly() throws Exception {
    put(bucket("b1").name(), "k", 1);
    Path file = dir.resolve("meta/catalog.db");
    assertThat(java.nio.file.Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("meta/catalog.db-wal")))
        .doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
  }

  @Test
  void open_onVersion1Database_migratesAndKeepsRows() throws Exception {
    Path file = dir.resolve("old/catalog.db");
    java.nio.file.Files.createDirectories(file.getParent());
    org.sqlite.SQLiteDataSource old = new org.sqlite.SQLiteDataSource();
    old.setUrl("jdbc:sqlite:" + file);
    org.flywaydb.core.Flyway.configure()
        .dataSource(old)
        .placeholders(Dialect.SQLITE.placeholders())
        .target("1")
        .load()
        .migrate();
    try (java.sql.Connection c = old.getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute("INSERT INTO buckets VALUES ('legacy', 'o', 0, 'us-east-1', 'ENABLED', '[]', '{}')");
    }

    try (Catalog upgraded = Catalog.open(file, Clock.systemUTC(), new SecureRandom())) {
      assertThat(upgraded.buckets().get("legacy").versioning()).isEqualTo(Versioning.ENABLED);
      upgraded.buckets().setConfig("legacy", "policy", "{}"); // a V2 table
      assertThat(upgraded.buckets().config("legacy", "policy")).contains("{}");
    }
  }

  @Test
  void open_inMemory_isRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Catalog.open("jdbc:sqlite::memory:"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Catalog.open("jdbc:mysql://x/y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kill9_duringConcurrentPuts_losesNoAcknowledgedPut() throws Exception {
    Path file = dir.resolve("crash/catalog.db");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dlogback.configurationFile=none",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> acked = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && acked.size() < 400) {
        if (line.startsWith("ack ")) {
          acked.add(line.substring(4));
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, transactions in flight
      child.waitFor();
    }
    assertThat(acked).hasSize(400);

    try (Catalog reopened = Catalog.open(file, Clock.systemUTC(), new SecureRandom())) {
      for (String key : acked) {
        assertThat(reopened.objects().latest("crash", key)).as(key).isPresent();
      }
      assertThat(reopened.objects().list("crash", null, null, null, 1000).objects().size())
          .isGreaterThanOrEqualTo(400);
    }
  }
}
