package io.cairn.objects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A test double of {@link ObjectCatalog} on heap maps under one lock. Keys order as UTF-8 bytes,
 * like the real catalog.
 */
public final class InMemoryObjectCatalog implements ObjectCatalog {
  static final Comparator<String> UTF8 = (a, b) -> Arrays.compareUnsigned(
      a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private final Map<String, Bucket> buckets = new TreeMap<>();
  private final Map<String, TreeMap<String, ObjectEntry>> objects = new TreeMap<>();
  private final Map<String, Upload> uploads = new TreeMap<>();
  private final Map<String, TreeMap<Integer, Part>> parts = new TreeMap<>();

  @Override
  public synchronized boolean createBucket(Bucket bucket) {
    if (buckets.containsKey(bucket.name())) {
      return false;
    }
    buckets.put(bucket.name(), bucket);
    objects.put(bucket.name(), new TreeMap<>(UTF8));
    return true;
  }

  @Override
  public synchronized Optional<Bucket> bucket(String name) {
    return Optional.ofNullable(buckets.get(name));
  }

  @Override
  public synchronized List<Bucket> buckets(String owner) {
    return buckets.values().stream().filter(b -> b.owner().equals(owner)).toList();
  }

  @Override
  public synchronized BucketDeletion deleteBucketIfEmpty(String name) {
    if (!buckets.containsKey(name)) {
      return BucketDeletion.NOT_FOUND;
    }
    boolean hasUploads = uploads.values().stream().anyMatch(u -> u.bucket().equals(name));
    if (!objects.get(name).isEmpty() || hasUploads) {
      return BucketDeletion.NOT_EMPTY;
    }
    buckets.remove(name);
    objects.remove(name);
    return BucketDeletion.DELETED;
  }

  @Override
  public synchronized Optional<ObjectEntry> object(String bucket, String key) {
    TreeMap<String, ObjectEntry> m = objects.get(bucket);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(key));
  }

  @Override
  public synchronized Optional<ObjectEntry> putObject(ObjectEntry entry) {
    return Optional.ofNullable(objects.get(entry.bucket()).put(entry.key(), entry));
  }

  @Override
  public synchronized Optional<ObjectEntry> deleteObject(String bucket, String key) {
    TreeMap<String, ObjectEntry> m = objects.get(bucket);
    return m == null ? Optional.empty() : Optional.ofNullable(m.remove(key));
  }

  @Override
  public synchronized List<ObjectEntry> listObjects(String bucket, String prefix, String after,
      int limit) {
    TreeMap<String, ObjectEntry> m = objects.get(bucket);
    List<ObjectEntry> out = new ArrayList<>();
    if (m == null) {
      return out;
    }
    var tail = after == null ? m.tailMap(prefix, true) : m.tailMap(after, false);
    for (ObjectEntry e : tail.values()) {
      if (out.size() == limit) {
        break;
      }
      if (e.key().startsWith(prefix)) {
        out.add(e);
      } else if (UTF8.compare(e.key(), prefix) > 0) {
        break;
      }
    }
    return out;
  }

  @Override
  public synchronized void createUpload(Upload upload) {
    uploads.put(upload.id(), upload);
    parts.put(upload.id(), new TreeMap<>());
  }

  @Override
  public synchronized Optional<Upload> upload(String uploadId) {
    return Optional.ofNullable(uploads.get(uploadId));
  }

  @Override
  public synchronized Optional<Part> putPart(String uploadId, Part part)
      throws ObjectServiceException {
    TreeMap<Integer, Part> m = parts.get(uploadId);
    if (m == null) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_UPLOAD, uploadId);
    }
    return Optional.ofNullable(m.put(part.number(), part));
  }

  @Override
  public synchronized List<Part> parts(String uploadId, int afterNumber, int limit) {
    TreeMap<Integer, Part> m = parts.get(uploadId);
    if (m == null) {
      return List.of();
    }
    return m.tailMap(afterNumber, false).values().stream().limit(limit).toList();
  }

  @Override
  public synchronized List<Upload> uploads(String bucket, String prefix, String afterKey,
      String afterId, int limit) {
    Comparator<Upload> order = Comparator.comparing(Upload::key, UTF8).thenComparing(Upload::id);
    return uploads.values().stream()
        .filter(u -> u.bucket().equals(bucket) && u.key().startsWith(prefix))
        .filter(u -> afterKey == null || UTF8.compare(u.key(), afterKey) > 0
            || (u.key().equals(afterKey) && afterId != null && u.id().compareTo(afterId) > 0))
        .sorted(order).limit(limit).toList();
  }

  @Override
  public synchronized Optional<List<Part>> deleteUpload(String uploadId) {
    if (uploads.remove(uploadId) == null) {
      return Optional.empty();
    }
    return Optional.of(new ArrayList<>(parts.remove(uploadId).values()));
  }

  @Override
  public synchronized Optional<Completion> completeUpload(String uploadId, ObjectEntry entry) {
    Optional<List<Part>> removed = deleteUpload(uploadId);
    if (removed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Completion(removed.get(), putObject(entry)));
  }
}
