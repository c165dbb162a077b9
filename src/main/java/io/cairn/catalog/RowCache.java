package io.cairn.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Committed catalog rows kept in memory, for a catalog one process owns (see {@link
 * Dialect#ownedByOneProcess}): every write goes through this process, so it can invalidate what
 * it changes and nothing else can change a row behind its back.
 *
 * <h2>The race it closes</h2>
 *
 * A read-through cache can be poisoned by a reader that read a row just before a write committed
 * and stores it just after the write invalidated the key: the stale row would then stay. Each key
 * therefore hashes to a generation counter that every invalidation bumps <em>before</em> removing
 * the key. A reader takes a {@link #stamp} before its database read and {@link #offer}s the result
 * under that stamp; the offer is applied, atomically with the check, only if no invalidation
 * bumped the generation since. Either the offer ran first (the invalidation then removes it) or
 * the bump is seen (the offer is dropped); a stamp taken after the bump belongs to a read that
 * started after the commit, which sees the new row.
 *
 * <h2>Transactions</h2>
 *
 * A read inside a transaction may see that transaction's own uncommitted writes, so it must
 * neither be answered from nor stored into the cache ({@link #usable}). An invalidation runs when
 * the outermost transaction of the writing thread has ended ({@link Database#afterTransaction}),
 * committed or not, so a write joined to a longer transaction is invalidated after its commit.
 *
 * <p>Thread safe. Values must be immutable.
 */
final class RowCache<K, V> {
  private static final int STRIPES = 1024; // a power of two: generations are picked by mask

  private final Database db;
  private final Cache<K, V> cache;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

  /**
   * A Caffeine builder for the catalog's caches. Their upkeep (draining the read and write buffers,
   * evicting) runs on the thread that triggers it instead of being handed to the common fork-join
   * pool: with request threads virtual and one carrier per core, the hand-off cost more than the
   * work. On GETs that mostly miss the entry cache (so every one inserts and evicts), the server's
   * CPU per GET went from 90-99 us to 77-88 us.
   */
  static Caffeine<Object, Object> builder() {
    return Caffeine.newBuilder().executor(Runnable::run);
  }

  RowCache(Database db, Cache<K, V> cache) {
    this.db = db;
    this.cache = cache;
  }

  /** False inside a transaction: go to the database, and do not offer what it answers. */
  boolean usable() {
    return !db.inTransaction();
  }

  /** The cached value, or null. */
  V get(K key) {
    return cache.getIfPresent(key);
  }

  /** The generation of {@code key}, to take before reading it from the database. */
  long stamp(K key) {
    return generations.get(stripe(key));
  }

  /**
   * Stores {@code merge(current)} for {@code key} (null removes it), unless {@code key} was
   * invalidated since {@code stamp} was taken.
   */
  void offer(K key, long stamp, UnaryOperator<V> merge) {
    cache.asMap().compute(key,
        (k, current) -> generations.get(stripe(k)) == stamp ? merge.apply(current) : current);
  }

  /** Reads one row from the database (empty: there is none). */
  interface Loader<V> {
    Optional<V> load() throws CatalogException;
  }

  /** A database write whose rows the cache must forget afterwards. */
  interface Write<T> {
    T run() throws CatalogException;
  }

  /**
   * The row of {@code key}: from memory, else from {@code loader}, remembered unless a write to
   * the key raced the load; inside a transaction always from {@code loader}. Missing rows are not
   * remembered.
   */
  Optional<V> read(K key, Loader<V> loader) throws CatalogException {
    if (!usable()) {
      return loader.load();
    }
    V held = get(key);
    if (held != null) {
      return Optional.of(held);
    }
    long stamp = stamp(key);
    Optional<V> found = loader.load();
    found.ifPresent(row -> offer(key, stamp, current -> row));
    return found;
  }

  /** A database write with no result. */
  interface Change {
    void run() throws CatalogException;
  }

  /** {@link #writing} for a write with no result. */
  void changing(K key, Change change) throws CatalogException {
    writing(key, () -> {
      change.run();
      return null;
    });
  }

  /** Runs {@code write}, then (even if it failed) forgets {@code key} as {@link #invalidate} does. */
  <T> T writing(K key, Write<T> write) throws CatalogException {
    try {
      return write.run();
    } finally {
      invalidate(key);
    }
  }

  /** Forgets {@code key} once the writing thread's transaction has ended (see the class). */
  void invalidate(K key) {
    db.afterTransaction(() -> {
      generations.incrementAndGet(stripe(key));
      cache.invalidate(key);
    });
  }

  /** Forgets every key {@code which} selects (a rare, bulk change: all generations move). */
  void invalidateAll(Predicate<K> which) {
    db.afterTransaction(() -> {
      for (int i = 0; i < STRIPES; i++) {
        generations.incrementAndGet(i);
      }
      cache.asMap().keySet().removeIf(which);
    });
  }

  /** Entries held now (tests, metrics). */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private static int stripe(Object key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }
}
