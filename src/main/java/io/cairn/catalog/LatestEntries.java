package io.cairn.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * The latest {@link ObjectEntry} of recently read keys, in memory, for a catalog one process owns
 * (the GET and HEAD path: one lookup per request otherwise). Bounded by an estimate of the bytes
 * the entries hold. A key without a version is not remembered.
 *
 * <p><b>Invalidation</b> is at the row level: every JDBC class that inserts, deletes or updates an
 * {@code objects} row (put, delete, delete-version, ACL, tags, lock changes, multipart completion)
 * calls {@link #changed} inside its write transaction, and the bucket writes that could matter
 * (versioning, deletion) call {@link #bucketChanged}; the entry is forgotten once the outermost
 * transaction has ended, race-safely ({@link RowCache}). A new writer of {@code objects} rows must
 * do the same.
 *
 * <p>{@link #OFF} keeps nothing. Thread safe.
 */
final class LatestEntries {
  /** Nothing cached, nothing to invalidate. */
  static final LatestEntries OFF = new LatestEntries(null);

  /** What an entry costs beyond its strings and maps: record headers, references, boxed values. */
  private static final int ENTRY_OVERHEAD = 320;

  /** The cache key; equality written out, as it runs on every GET (no bootstrap indirection). */
  record Key(String bucket, String key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && key.equals(k.key) && bucket.equals(k.bucket);
    }

    @Override
    public int hashCode() {
      return 31 * bucket.hashCode() + key.hashCode();
    }
  }

  /** Loads a key's latest entry from the database. */
  interface Loader {
    Optional<ObjectEntry> load() throws CatalogException;
  }

  private final RowCache<Key, ObjectEntry> cache;

  private LatestEntries(RowCache<Key, ObjectEntry> cache) {
    this.cache = cache;
  }

  /** A cache of at most about {@code maxBytes} of entries. */
  static LatestEntries of(Database db, long maxBytes) {
    return new LatestEntries(new RowCache<>(db, RowCache.builder()
        .maximumWeight(maxBytes)
        .weigher((Key k, ObjectEntry e) -> weight(e))
        .build()));
  }

  /** The latest entry of a key: from memory, else from {@code loader} (remembered if any). */
  Optional<ObjectEntry> latest(String bucket, String key, Loader loader) throws CatalogException {
    if (cache == null || !cache.usable()) {
      return loader.load();
    }
    Key k = new Key(bucket, key);
    ObjectEntry held = cache.get(k);
    if (held != null) {
      return Optional.of(held);
    }
    long stamp = cache.stamp(k);
    Optional<ObjectEntry> loaded = loader.load();
    loaded.ifPresent(e -> cache.offer(k, stamp, current -> e));
    return loaded;
  }

  /** The entry held for a key if it is the version named; null otherwise (then read it). */
  ObjectEntry heldVersion(String bucket, String key, String versionId) {
    if (cache == null || !cache.usable()) {
      return null;
    }
    ObjectEntry held = cache.get(new Key(bucket, key));
    return held != null && held.versionId().equals(versionId) ? held : null;
  }

  /** A row of this key changes in the running write transaction: forget it after that. */
  void changed(String bucket, String key) {
    if (cache != null) {
      cache.invalidate(new Key(bucket, key));
    }
  }

  /** The bucket changes in the running write transaction: forget all of its keys after that. */
  void bucketChanged(String bucket) {
    if (cache != null) {
      cache.invalidateAll(k -> k.bucket().equals(bucket));
    }
  }

  /** Entries held now (tests). */
  long held() {
    return cache == null ? 0 : cache.size();
  }

  /** An estimate of the heap an entry holds, for the byte bound. */
  static int weight(ObjectEntry e) {
    long bytes = ENTRY_OVERHEAD + chars(e.bucket()) + chars(e.key()) + chars(e.versionId())
        + chars(e.etag()) + chars(e.owner()) + chars(e.storageClass()) + chars(e.encryption())
        + map(e.userMetadata()) + map(e.tags())
        + (e.partSizes() == null ? 0 : 24L * e.partSizes().size())
        + (e.acl() == null ? 0 : 96L * e.acl().grants().size())
        + (e.inline() == null ? 0 : 32L + e.inline().length());
    ContentHeaders h = e.headers();
    if (h != null) {
      bytes += chars(h.contentType()) + chars(h.contentEncoding()) + chars(h.contentDisposition())
          + chars(h.contentLanguage()) + chars(h.cacheControl()) + chars(h.expires());
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  private static long chars(String s) {
    return s == null ? 0 : 40L + s.length();
  }

  private static long map(Map<String, String> m) {
    if (m == null) {
      return 0;
    }
    long bytes = 0;
    for (Map.Entry<String, String> e : m.entrySet()) {
      bytes += 32 + chars(e.getKey()) + chars(e.getValue());
    }
    return bytes;
  }
}
