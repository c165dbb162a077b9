package io.cairn.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Buckets} with bucket rows and their sub-resource documents (present or absent) kept in
 * memory, for a catalog one process owns: every S3 request reads its bucket, and many read a
 * document (CORS on cross-origin requests, default encryption and Object Lock on writes). Reads
 * are served from memory once loaded; every write of a bucket forgets all it held of that bucket
 * after its commit, race-safely ({@link RowCache}). A missing bucket is not remembered. Listings
 * go to the database. Contract as {@link Buckets}; safe for concurrent use.
 */
final class CachedBuckets implements Buckets {

  /**
   * What is held of one bucket: its row (null: not loaded) and the documents read so far by kind
   * (an empty Optional: the bucket has none of that kind). Immutable.
   */
  private record Held(Bucket row, Map<String, Optional<String>> configs) {
    Held withRow(Bucket newRow) {
      return new Held(newRow, configs);
    }

    Held withConfig(String kind, Optional<String> document) {
      Map<String, Optional<String>> next = new HashMap<>(configs);
      next.put(kind, document);
      return new Held(row, Map.copyOf(next));
    }
  }

  private static final Held NOTHING = new Held(null, Map.of());

  private final Buckets database;
  private final RowCache<String, Held> cache;

  CachedBuckets(Buckets database, Database db, long maxBuckets) {
    this.database = database;
    this.cache = new RowCache<>(db, RowCache.builder().maximumSize(maxBuckets).build());
  }

  @Override
  public Optional<Bucket> find(String name) throws CatalogException {
    if (!cache.usable()) {
      return database.find(name);
    }
    Held held = cache.get(name);
    if (held != null && held.row() != null) {
      return Optional.of(held.row());
    }
    long stamp = cache.stamp(name);
    Optional<Bucket> found = database.find(name);
    found.ifPresent(row ->
        cache.offer(name, stamp, current -> (current == null ? NOTHING : current).withRow(row)));
    return found;
  }

  @Override
  public Bucket get(String name) throws CatalogException {
    return find(name).orElseThrow(() -> JdbcBuckets.missing(name));
  }

  @Override
  public Optional<String> config(String name, String kind) throws CatalogException {
    if (!cache.usable()) {
      return database.config(name, kind);
    }
    Held held = cache.get(name);
    if (held != null) {
      Optional<String> document = held.configs().get(kind);
      if (document != null) {
        return document;
      }
    }
    long stamp = cache.stamp(name);
    // Throws NotFoundException for a missing bucket: then nothing is offered.
    Optional<String> document = database.config(name, kind);
    cache.offer(name, stamp,
        current -> (current == null ? NOTHING : current).withConfig(kind, document));
    return document;
  }

  @Override
  public List<Bucket> list() throws CatalogException {
    return database.list();
  }

  @Override
  public List<Bucket> listByOwner(String owner) throws CatalogException {
    return database.listByOwner(owner);
  }

  @Override
  public Bucket create(String name, String owner, String region, Acl acl)
      throws CatalogException {
    return cache.writing(name, () -> database.create(name, owner, region, acl));
  }

  @Override
  public void setVersioning(String name, Versioning versioning) throws CatalogException {
    cache.changing(name, () -> database.setVersioning(name, versioning));
  }

  @Override
  public void setAcl(String name, Acl acl) throws CatalogException {
    cache.changing(name, () -> database.setAcl(name, acl));
  }

  @Override
  public void setTags(String name, Map<String, String> tags) throws CatalogException {
    cache.changing(name, () -> database.setTags(name, tags));
  }

  @Override
  public void setConfig(String name, String kind, String document) throws CatalogException {
    cache.changing(name, () -> database.setConfig(name, kind, document));
  }

  @Override
  public boolean deleteConfig(String name, String kind) throws CatalogException {
    return cache.writing(name, () -> database.deleteConfig(name, kind));
  }

  @Override
  public void delete(String name) throws CatalogException {
    cache.changing(name, () -> database.delete(name));
  }

  /** Buckets held now (tests). */
  long held() {
    return cache.size();
  }
}
