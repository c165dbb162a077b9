package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Atomicity, durability across reopen, and concurrent writers. */
interface TransactionsContract extends CatalogFixture {

  @Test
  default void reopen_afterCommittedWrites_keepsEveryRow() throws Exception {
    user("alice");
    bucket("b1");
    put("b1", "k", 7);
    Volume volume = availableVolume();

    Catalog reopened = reopen();

    assertThat(reopened.users().findByAccessKey("AKALICE")).isPresent();
    assertThat(reopened.objects().latest("b1", "k").orElseThrow().blobId()).isEqualTo(7);
    assertThat(reopened.volumes().get(volume.id()).state()).isEqualTo(Volume.State.AVAILABLE);
  }

  @Test
  default void inTransaction_whenWorkThrows_rollsBackEveryChange() throws Exception {
    bucket("b1");
    put("b1", "kept", 1);

    assertThatThrownBy(
            () ->
                catalog()
                    .inTransaction(
                        () -> {
                          catalog().buckets().create("b2", "owner-1", "us-east-1", Acl.none());
                          put("b1", "kept", 2);
                          put("b1", "new", 3);
                          catalog().users().create("bob", false, "AKBOB", "s");
                          throw new IOException("blob write failed");
                        }))
        .isInstanceOf(IOException.class)
        .hasMessage("blob write failed");

    assertThat(catalog().buckets().find("b2")).isEmpty();
    assertThat(catalog().objects().latest("b1", "kept").orElseThrow().blobId()).isEqualTo(1);
    assertThat(catalog().objects().latest("b1", "new")).isEmpty();
    assertThat(catalog().users().find("bob")).isEmpty();
  }

  @Test
  default void inTransaction_whenWorkThrowsUnchecked_rollsBack() throws Exception {
    bucket("b1");
    assertThatThrownBy(
            () ->
                catalog()
                    .inTransaction(
                        () -> {
                          put("b1", "k", 1);
                          throw new IllegalStateException("boom");
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(catalog().objects().latest("b1", "k")).isEmpty();
  }

  @Test
  default void inTransaction_withNestedTransaction_rollsBackBothWhenOuterFails() throws Exception {
    bucket("b1");
    assertThatThrownBy(
            () ->
                catalog()
                    .inTransaction(
                        () -> {
                          catalog().inTransaction(() -> put("b1", "inner", 1));
                          throw new IOException("outer fails");
                        }))
        .hasMessage("outer fails");
    assertThat(catalog().objects().latest("b1", "inner")).isEmpty();
  }

  @Test
  default void inTransaction_afterCaughtNotFound_commitsTheRest() throws Exception {
    bucket("b1");
    String result =
        catalog()
            .inTransaction(
                () -> {
                  try {
                    catalog().users().get("nobody");
                  } catch (NotFoundException expected) {
                    put("b1", "k", 5);
                  }
                  return "done";
                });
    assertThat(result).isEqualTo("done");
    assertThat(catalog().objects().latest("b1", "k")).isPresent();
  }

  @Test
  default void concurrentWriters_onDistinctKeys_allCommit() throws Exception {
    bucket("b1");
    int threads = 8;
    int perThread = 40;
    runConcurrently(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            put("b1", "t" + t + "/k" + String.format("%03d", i), t * 1000L + i + 1);
          }
        });
    ObjectListing all = catalog().objects().list("b1", null, null, null, 1000);
    assertThat(all.objects()).hasSize(threads * perThread);
    assertThat(all.truncated()).isFalse();
  }

  @Test
  default void concurrentWriters_onOneVersionedKey_keepExactlyOneLatestNewestFirst()
      throws Exception {
    versionedBucket("v");
    int threads = 6;
    int perThread = 20;
    runConcurrently(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            put("v", "hot", t * 1000L + i + 1);
          }
        });
    VersionListing versions = catalog().objects().listVersions("v", null, null, null, null, 1000);
    assertThat(versions.versions()).hasSize(threads * perThread);
    assertThat(versions.versions()).filteredOn(ObjectEntry::latest).hasSize(1);
    assertThat(versions.versions().getFirst().latest()).isTrue();
    assertThat(versions.versions().stream().map(ObjectEntry::versionId).distinct().count())
        .isEqualTo(threads * perThread);
  }

  @Test
  default void concurrentWriters_onOneUnversionedKey_leaveOneRowAndReportEveryReplacement()
      throws Exception {
    bucket("b1");
    ConcurrentLinkedQueue<Long> freed = new ConcurrentLinkedQueue<>();
    int threads = 6;
    int perThread = 20;
    runConcurrently(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            put("b1", "hot", t * 1000L + i + 1).replaced().ifPresent(r -> freed.add(r.blobId()));
          }
        });
    VersionListing versions = catalog().objects().listVersions("b1", null, null, null, null, 10);
    assertThat(versions.versions()).hasSize(1);
    // Every blob but the surviving one was handed back exactly once: none leaked, none twice.
    assertThat(freed).hasSize(threads * perThread - 1).doesNotHaveDuplicates();
    assertThat(freed).doesNotContain(versions.versions().getFirst().blobId());
  }

  @Test
  default void concurrentTransactions_someFailing_commitExactlyTheOthers() throws Exception {
    bucket("b1");
    int threads = 8;
    int perThread = 25;
    runConcurrently(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            int n = i;
            boolean fail = (t + i) % 3 == 0;
            try {
              catalog()
                  .inTransaction(
                      () -> {
                        put("b1", "t" + t + "/" + n + "/a", 1);
                        put("b1", "t" + t + "/" + n + "/b", 2);
                        if (fail) {
                          throw new IOException("fail " + t + "/" + n);
                        }
                        return null;
                      });
              assertThat(fail).isFalse();
            } catch (IOException e) {
              assertThat(e).hasMessage("fail " + t + "/" + n);
            }
          }
        });
    ObjectListing all = catalog().objects().list("b1", null, null, null, 1000);
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        if ((t + i) % 3 != 0) {
          expected.add("t" + t + "/" + i + "/a");
          expected.add("t" + t + "/" + i + "/b");
        }
      }
    }
    assertThat(all.objects().stream().map(ObjectEntry::key).collect(java.util.stream.Collectors.toSet()))
        .isEqualTo(expected);
  }

  @Test
  default void readers_duringConcurrentWrites_seeWholeTransactionsOnly() throws Exception {
    bucket("b1");
    List<Throwable> failures = new ArrayList<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < 50; i++) {
                      ObjectListing page = catalog().objects().list("b1", null, null, null, 1000);
                      // Keys are written in pairs inside one transaction: never see half a pair.
                      assertThat(page.objects().size() % 2).isZero();
                    }
                  } catch (Throwable e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                });
    runConcurrently(
        4,
        t -> {
          for (int i = 0; i < 15; i++) {
            int n = i;
            catalog()
                .inTransaction(
                    () -> {
                      put("b1", "t" + t + "-" + n + "-a", 1);
                      return put("b1", "t" + t + "-" + n + "-b", 2);
                    });
          }
        });
    reader.join();
    assertThat(failures).isEmpty();
    assertThat(catalog().objects().list("b1", null, null, null, 1000).objects()).hasSize(120);
  }

  @Test
  default void attachmentState_afterRollback_isUnchanged() throws Exception {
    host("h1");
    Volume volume = availableVolume();
    assertThatThrownBy(
            () ->
                catalog()
                    .inTransaction(
                        () -> {
                          catalog()
                              .attachments()
                              .attach(volume.id(), "h1", "vm1", "vdb", Attachment.Mode.RW);
                          throw new IOException("adapter failed");
                        }))
        .hasMessage("adapter failed");
    assertThat(catalog().volumes().get(volume.id()).state()).isEqualTo(Volume.State.AVAILABLE);
    assertThat(catalog().attachments().listByVolume(volume.id())).isEmpty();
  }

  /** A body run by each of several threads at once. */
  interface ThreadBody {
    void run(int thread) throws Exception;
  }

  /** Runs {@code body} on {@code threads} platform threads started together; rethrows failures. */
  default void runConcurrently(int threads, ThreadBody body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  body.run(thread);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
