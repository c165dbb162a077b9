package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite catalog's durability protocol: COMMIT at {@code synchronous=NORMAL}, then an fsync of
 * the WAL outside the writer lock. A write must not return before an fsync that started after
 * its commit; the next writer must be able to run meanwhile; a failed fsync fails the write.
 */
class WalSyncTest {
  @TempDir Path dir;
  private GroupCommit group;
  private final ThreadLocal<Tx> current = new ThreadLocal<>();

  @AfterEach
  void close() {
    if (group != null) {
      group.close();
    }
  }

  private GroupCommit open(WalSync walSync) throws Exception {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
    try (var c = source.getConnection(); var s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
    }
    group = new GroupCommit(Dialect.ofProduct("SQLite"), source::getConnection, walSync);
    return group;
  }

  private CompletableFuture<Void> insert(int x, CountDownLatch bodyRan) {
    return CompletableFuture.runAsync(() -> {
      try {
        group.run(tx -> {
          tx.update("INSERT INTO t (x) VALUES (?)", x);
          bodyRan.countDown();
          return null;
        }, current);
      } catch (SQLException | IOException e) {
        throw new RuntimeException(e);
      }
    }, r -> Thread.ofPlatform().start(r));
  }

  @Test
  void write_returnsOnlyAfterTheWalFsync_andTheNextWriterRunsMeanwhile() throws Exception {
    CountDownLatch diskSlow = new CountDownLatch(1);
    AtomicInteger fsyncs = new AtomicInteger();
    open(new WalSync(() -> {
      fsyncs.incrementAndGet();
      try {
        diskSlow.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }));

    CountDownLatch firstBody = new CountDownLatch(1);
    CompletableFuture<Void> first = insert(1, firstBody);
    assertThat(firstBody.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200);
    assertThat(first).as("returned before its commit was synced").isNotDone();
    assertThat(fsyncs.get()).isEqualTo(1);

    // The writer lock is free while the first write waits for the disk.
    CountDownLatch secondBody = new CountDownLatch(1);
    CompletableFuture<Void> second = insert(2, secondBody);
    assertThat(secondBody.await(10, TimeUnit.SECONDS))
        .as("the next writer ran its statements during the fsync").isTrue();
    assertThat(second).isNotDone();

    diskSlow.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    // The second commit came after the first fsync had started: it needed one of its own.
    assertThat(fsyncs.get()).isEqualTo(2);
    assertThat(group.counts()).containsExactly(2, 2, 2);
  }

  @Test
  void failedFsync_failsTheWrite_andEveryLaterOne() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    open(new WalSync(() -> {
      calls.incrementAndGet();
      throw new IOException("EIO (test)");
    }));
    // Committed but not durable: the outcome is unknown, not a rollback (see the exception).
    assertThatThrownBy(() -> group.run(tx -> tx.update("INSERT INTO t (x) VALUES (1)"), current))
        .isInstanceOf(CommitOutcomeUnknownException.class).hasStackTraceContaining("EIO (test)");
    assertThatThrownBy(() -> group.run(tx -> tx.update("INSERT INTO t (x) VALUES (2)"), current))
        .isInstanceOf(CommitOutcomeUnknownException.class)
        .hasStackTraceContaining("could not be synced");
    assertThat(calls.get()).as("no fsync is retried after a failure").isEqualTo(1);
  }

  @Test
  void sqliteCatalog_syncsItsWalFile_fewerTimesThanItCommitsUnderConcurrency() throws Exception {
    try (Catalog catalog = Catalog.open(dir.resolve("c.db"), Clock.systemUTC(), new Random(1))) {
      catalog.buckets().create("b", "o", "us-east-1", null);
      assertThat(Files.exists(dir.resolve("c.db-wal"))).isTrue();
      long[] before = catalog.groupCommitCounts();
      assertThat(before[2]).as("every commit so far was synced").isEqualTo(before[0]);
      CompletableFuture<?>[] writers = new CompletableFuture<?>[16];
      for (int i = 0; i < writers.length; i++) {
        int n = i;
        writers[i] = CompletableFuture.runAsync(() -> {
          for (int k = 0; k < 50; k++) {
            try {
              catalog.objects().put("b", ObjectDraft.of("k" + n + "/" + k, 1 + k, 1, "e", "o"));
            } catch (CatalogException e) {
              throw new RuntimeException(e);
            }
          }
        }, r -> Thread.ofVirtual().start(r));
      }
      CompletableFuture.allOf(writers).get(60, TimeUnit.SECONDS);
      long[] after = catalog.groupCommitCounts();
      assertThat(after[1] - before[1]).isEqualTo(800);
      assertThat(after[2] - before[2]).isPositive().isLessThanOrEqualTo(after[0] - before[0]);
    }
  }

  @Test
  void heldWal_keepsItsDescriptor_andReopensWhenTheFileIsReplaced() throws Exception {
    Path wal = dir.resolve("x.db-wal");
    Files.write(wal, new byte[] {1});
    WalSync.HeldWal held = new WalSync.HeldWal(wal);
    held.run();
    held.run();
    assertThat(held.opens()).as("one open for two syncs of the same file").isEqualTo(1);

    // As SQLite does when its last connection closes and the next one starts a WAL afresh.
    Files.delete(wal);
    Files.write(wal, new byte[] {2});
    held.run();
    assertThat(held.opens()).as("a replaced WAL is reopened, not the old one synced").isEqualTo(2);

    Files.delete(wal);
    assertThatThrownBy(held::run).isInstanceOf(java.nio.file.NoSuchFileException.class);
    held.close();
  }

  @Test
  void sqliteSessions_checkpointEvery8000WalPages() throws Exception {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + dir.resolve("p.db"));
    try (var c = source.getConnection()) {
      Dialect.SQLITE.prepareConnection(c);
      try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA wal_autocheckpoint")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(Dialect.WAL_CHECKPOINT_PAGES).isEqualTo(8000);
      }
    }
  }

  @Test
  void sqliteSessions_runNoGeneratedKeysQueryAfterInserts() throws Exception {
    SQLiteDataSource source = new SQLiteDataSource(Catalog.sqliteConfig());
    source.setUrl("jdbc:sqlite:" + dir.resolve("k.db"));
    try (var c = source.getConnection()) {
      assertThat(((org.sqlite.SQLiteConnection) c).getConnectionConfig().isGetGeneratedKeys()).isFalse();
    }
    assertThat(new SQLiteDataSource().getConfig().isGetGeneratedKeys())
        .as("the driver's default, which the catalog turns off").isTrue();
  }
}
