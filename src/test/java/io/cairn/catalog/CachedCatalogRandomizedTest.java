package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of the catalog's caches: a cached SQLite catalog answers exactly as a plain one over
 * random sequences of every operation that changes buckets or object rows, and after concurrent
 * readers and writers raced on the same keys, nothing stale is left in memory. The seed is
 * printed; {@code -Dcairn.seed=N} replays a run.
 */
class CachedCatalogRandomizedTest {
  private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");
  private static final List<String> BUCKETS = List.of("a", "b");
  private static final List<String> KEYS = List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6");

  @TempDir Path dir;

  private static long seed() {
    long seed = Long.getLong("cairn.seed", System.nanoTime());
    System.out.println("CachedCatalogRandomizedTest seed " + seed);
    return seed;
  }

  /** One operation, applied to a catalog; its outcome (or exception class) is compared. */
  private interface Op {
    Object apply(Catalog c) throws Exception;
  }

  private static Object outcome(Catalog c, Op op) {
    try {
      return op.apply(c);
    } catch (Exception e) {
      return e.getClass();
    }
  }

  @Test
  void cachedCatalog_answersAsThePlainOne_overRandomOperations() throws Exception {
    long seed = seed();
    Random random = new Random(seed);
    // Small entry budget: evictions happen too.
    try (Catalog cached = Catalog.open(dir.resolve("cached.db"), new TickingClock(START),
            new Random(seed), new Catalog.Caching(10_000, 16 << 10, 10_000));
        Catalog plain = Catalog.open(dir.resolve("plain.db"), new TickingClock(START),
            new Random(seed), Catalog.Caching.OFF)) {
      assertThat(cached.buckets()).isInstanceOf(CachedBuckets.class);
      for (String b : BUCKETS) {
        for (Catalog c : List.of(cached, plain)) {
          c.buckets().create(b, "owner-1", "us-east-1", Acl.none());
        }
      }
      long blob = 1;
      for (int step = 0; step < 1200; step++) {
        String bucket = BUCKETS.get(random.nextInt(BUCKETS.size()));
        String key = KEYS.get(random.nextInt(KEYS.size()));
        Op op = operation(random, plain, bucket, key, blob++);
        Object expected = outcome(plain, op);
        Object actual = outcome(cached, op);
        assertThat(actual).as("step %d (seed %d)", step, seed).isEqualTo(expected);
        for (int r = 0; r < 3; r++) {
          String b = BUCKETS.get(random.nextInt(BUCKETS.size()));
          String k = KEYS.get(random.nextInt(KEYS.size()));
          assertSameReads(cached, plain, b, k, "step " + step + " (seed " + seed + ")");
        }
      }
      for (String b : BUCKETS) {
        for (String k : KEYS) {
          assertSameReads(cached, plain, b, k, "at the end (seed " + seed + ")");
        }
      }
    }
  }

  private static void assertSameReads(Catalog cached, Catalog plain, String bucket, String key,
      String when) throws Exception {
    Op latest = c -> c.objects().latest(bucket, key);
    Object expected = outcome(plain, latest);
    assertThat(outcome(cached, latest)).as("latest %s/%s %s", bucket, key, when)
        .isEqualTo(expected);
    if (expected instanceof Optional<?> o && o.isPresent()) {
      String versionId = ((ObjectEntry) o.get()).versionId();
      Op version = c -> c.objects().version(bucket, key, versionId);
      assertThat(outcome(cached, version)).as("version %s/%s %s", bucket, key, when)
          .isEqualTo(outcome(plain, version));
    }
    for (Op read : List.<Op>of(c -> c.buckets().find(bucket),
        c -> c.buckets().config(bucket, "object-lock"), c -> c.buckets().config(bucket, "cors"))) {
      assertThat(outcome(cached, read)).as("bucket %s %s", bucket, when)
          .isEqualTo(outcome(plain, read));
    }
  }

  /** A random change; version ids are picked from the plain catalog (both hold the same ones). */
  private static Op operation(Random random, Catalog plain, String bucket, String key,
      long blob) throws Exception {
    String versionId = someVersion(random, plain, bucket, key);
    int dice = random.nextInt(100);
    Map<String, String> tags = Map.of("t", Integer.toString(random.nextInt(3)));
    Acl acl = random.nextBoolean() ? Acl.none() : new Acl(List.of(
        new Acl.Grant(Acl.GranteeType.ALL_USERS, null, Acl.Permission.READ)));
    ObjectDraft draft = ObjectDraft.of(key, blob, blob % 7, "e" + blob, "owner-1");
    if (dice < 30) {
      InitialLock lock = random.nextBoolean() ? null
          : created -> new VersionLock("GOVERNANCE", created.plusSeconds(60), null);
      return c -> c.objects().put(bucket, draft.withLock(lock));
    } else if (dice < 35) {
      return c -> c.objects().put(bucket, draft, current -> current.isEmpty());
    } else if (dice < 45) {
      return c -> c.objects().delete(bucket, key, "owner-1");
    } else if (dice < 55) {
      return c -> c.objects().deleteVersion(bucket, key, versionId);
    } else if (dice < 62) {
      String addressed = random.nextBoolean() ? null : versionId;
      return c -> {
        c.objects().setAcl(bucket, key, addressed, acl);
        return null;
      };
    } else if (dice < 69) {
      return c -> {
        c.objects().setTags(bucket, key, versionId, tags);
        return null;
      };
    } else if (dice < 74) {
      boolean hold = random.nextBoolean();
      return c -> c.objectLocks().change(bucket, key, null, l -> l.withLegalHold(hold));
    } else if (dice < 78) {
      return c -> c.objectLocks().deleteVersion(bucket, key, versionId,
          l -> !Boolean.TRUE.equals(l.legalHold()));
    } else if (dice < 84) {
      int parts = 1 + random.nextInt(2);
      return c -> {
        MultipartUpload u = c.multipartUploads().create(bucket, UploadDraft.of(key, "owner-1"));
        for (int p = 1; p <= parts; p++) {
          c.multipartUploads().putPart(u.uploadId(), p, blob * 100 + p, 5, "p" + p, null);
        }
        return c.multipartUploads().complete(u.uploadId(), draft).put();
      };
    } else if (dice < 88) {
      Versioning v = random.nextBoolean() ? Versioning.ENABLED : Versioning.SUSPENDED;
      return c -> {
        c.buckets().setVersioning(bucket, v);
        return null;
      };
    } else if (dice < 92) {
      return c -> {
        c.buckets().setAcl(bucket, acl);
        c.buckets().setTags(bucket, tags);
        return null;
      };
    } else if (dice < 96) {
      String kind = random.nextBoolean() ? "cors" : "object-lock";
      boolean remove = random.nextBoolean();
      return c -> remove ? c.buckets().deleteConfig(bucket, kind)
          : setConfig(c, bucket, kind, "doc-" + blob);
    } else {
      // Empties the bucket for good, deletes and recreates it.
      return c -> {
        for (String k : KEYS) {
          VersionListing all = c.objects().listVersions(bucket, k, null, null, null, 1000);
          for (ObjectEntry e : all.versions()) {
            if (e.key().equals(k)) {
              c.objects().deleteVersion(bucket, k, e.versionId());
            }
          }
        }
        for (var u : c.multipartUploads().list(bucket, null, null, null, 1000).uploads()) {
          c.multipartUploads().abort(u.uploadId());
        }
        c.buckets().delete(bucket);
        return c.buckets().create(bucket, "owner-2", "us-east-1", Acl.none());
      };
    }
  }

  private static Object setConfig(Catalog c, String bucket, String kind, String doc)
      throws CatalogException {
    c.buckets().setConfig(bucket, kind, doc);
    return doc;
  }

  private static String someVersion(Random random, Catalog plain, String bucket, String key)
      throws CatalogException {
    List<String> ids = new ArrayList<>();
    for (ObjectEntry e : plain.objects().listVersions(bucket, key, null, null, null, 100)
        .versions()) {
      if (e.key().equals(key)) {
        ids.add(e.versionId());
      }
    }
    return ids.isEmpty() || random.nextInt(8) == 0 ? "null" : ids.get(random.nextInt(ids.size()));
  }

  @Test
  void racingReadersAndWriters_leaveNothingStaleInMemory() throws Exception {
    long seed = seed();
    Path file = dir.resolve("raced.db");
    try (Catalog cached = Catalog.open(file, new TickingClock(START), new Random(seed))) {
      cached.buckets().create("r", "owner-1", "us-east-1", Acl.none());
      AtomicBoolean stop = new AtomicBoolean();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        Random r = new Random(seed + t);
        boolean writer = t < 3;
        threads.add(Thread.ofVirtual().start(() -> {
          try {
            long blob = 1;
            while (!stop.get()) {
              String key = KEYS.get(r.nextInt(3)); // few keys: many collisions
              if (!writer) {
                cached.objects().latest("r", key);
                cached.buckets().find("r");
                continue;
              }
              switch (r.nextInt(4)) {
                case 0 -> cached.objects().delete("r", key, "owner-1");
                case 1 -> {
                  try {
                    cached.objects().setTags("r", key, null, Map.of("n", Long.toString(blob)));
                  } catch (NotFoundException e) {
                    // deleted meanwhile
                  }
                }
                case 2 -> cached.buckets().setTags("r", Map.of("n", Long.toString(blob)));
                default -> cached.objects().put("r",
                    ObjectDraft.of(key, blob, blob, "e" + blob, "owner-1"));
              }
              blob++;
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      Thread.sleep(3000);
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      assertThat(failures).isEmpty();
      try (Catalog plain = Catalog.open(file, new TickingClock(START), new Random(seed),
          Catalog.Caching.OFF)) {
        for (String key : KEYS) {
          assertThat(cached.objects().latest("r", key)).as("%s (seed %d)", key, seed)
              .isEqualTo(plain.objects().latest("r", key));
        }
        assertThat(cached.buckets().find("r")).isEqualTo(plain.buckets().find("r"));
      }
    }
  }
}
