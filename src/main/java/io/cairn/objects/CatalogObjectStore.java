package io.cairn.objects;

import static io.cairn.objects.CatalogRecords.draft;
import static io.cairn.objects.CatalogRecords.entry;
import static io.cairn.objects.CatalogRecords.headers;
import static io.cairn.objects.CatalogRecords.stored;

import io.cairn.catalog.Acl;
import io.cairn.catalog.AlreadyExistsException;
import io.cairn.catalog.Buckets;
import io.cairn.catalog.Catalog;
import io.cairn.catalog.ConflictException;
import io.cairn.catalog.InitialLock;
import io.cairn.catalog.MultipartUploads;
import io.cairn.catalog.NotFoundException;
import io.cairn.catalog.ObjectEntries;
import io.cairn.catalog.ObjectFilter;
import io.cairn.catalog.UploadDraft;
import io.cairn.catalog.User;
import io.cairn.catalog.Users;
import io.cairn.catalog.Versioning;
import io.cairn.objects.encryption.Encryption;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ObjectCatalog} on the JDBC {@link Catalog}: buckets, object versions (S3 versioning is
 * decided by the catalog, atomically with each write) and multipart uploads. Thread safe.
 */
public final class CatalogObjectStore implements ObjectCatalog {
  /** Sorts after every string with the same prefix: U+10FFFF, the greatest code point. */
  private static final String AFTER_ALL = "\uDBFF\uDFFF";
  /** The bucket_configs kind of a bucket's default encryption. */
  private static final String ENCRYPTION = "encryption";
  /** The bucket_configs kind of a bucket's CORS configuration. */
  private static final String CORS = "cors";

  private final Buckets buckets;
  private final ObjectEntries objects;
  private final MultipartUploads uploads;
  private final Users users;
  private final String region;
  private final VersionLocks versionLocks;

  public CatalogObjectStore(Catalog catalog, String region) {
    this.buckets = catalog.buckets();
    this.objects = catalog.objects();
    this.uploads = catalog.multipartUploads();
    this.users = catalog.users();
    this.region = region;
    this.versionLocks = new VersionLocks(catalog);
  }

  @Override
  public VersionLocks versionLocks() {
    return versionLocks;
  }

  @Override
  public boolean createBucket(String name, String owner, Acl acl) throws IOException {
    try {
      buckets.create(name, owner, region, acl);
      return true;
    } catch (AlreadyExistsException e) {
      return false;
    }
  }

  @Override
  public void setBucketAcl(String name, Acl acl) throws IOException {
    inBucket(name, () -> buckets.setAcl(name, acl));
  }

  @Override
  public void setObjectAcl(String bucket, String key, Acl acl) throws IOException {
    if (buckets.find(bucket).isEmpty()) {
      throw noSuchBucket(bucket);
    }
    try {
      objects.setAcl(bucket, key, null, acl);
    } catch (NotFoundException e) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_KEY, key);
    }
  }

  @Override
  public void setObjectAcl(String bucket, String key, String versionId, Acl acl)
      throws IOException {
    if (versionId == null) {
      setObjectAcl(bucket, key, acl);
      return;
    }
    if (buckets.find(bucket).isEmpty()) {
      throw noSuchBucket(bucket);
    }
    try {
      objects.setAcl(bucket, key, versionId, acl);
    } catch (NotFoundException e) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_VERSION, versionId);
    }
  }

  @Override
  public Optional<User> userById(String id) throws IOException {
    return users.findById(id);
  }

  @Override
  public Optional<User> userByName(String name) throws IOException {
    return users.find(name);
  }

  @Override
  public Optional<Bucket> bucket(String name) throws IOException {
    return buckets.find(name).map(CatalogRecords::bucket);
  }

  @Override
  public List<Bucket> buckets(String owner) throws IOException {
    return buckets.listByOwner(owner).stream().map(CatalogRecords::bucket).toList();
  }

  @Override
  public BucketDeletion deleteBucketIfEmpty(String name) throws IOException {
    try {
      buckets.delete(name);
      return BucketDeletion.DELETED;
    } catch (NotFoundException e) {
      return BucketDeletion.NOT_FOUND;
    } catch (ConflictException e) {
      return BucketDeletion.NOT_EMPTY;
    }
  }

  @Override
  public Optional<ObjectEntry> object(String bucket, String key) throws IOException {
    try {
      return objects.latest(bucket, key).filter(e -> !e.deleteMarker())
          .map(CatalogRecords::entry);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Stored putObject(ObjectEntry entry, WriteCondition condition, InitialLock lock)
      throws IOException {
    io.cairn.catalog.ObjectDraft draft = draft(entry).withLock(lock);
    if (condition == WriteCondition.NONE) {
      return inBucket(entry.bucket(), () -> stored(objects.put(entry.bucket(), draft)));
    }
    ObjectError[] refusal = new ObjectError[1];
    try {
      return stored(objects.put(entry.bucket(), draft, current ->
          (refusal[0] = condition.refusal(current.map(CatalogRecords::entry))) == null));
    } catch (NotFoundException e) {
      throw noSuchBucket(entry.bucket());
    } catch (ConflictException e) {
      if (refusal[0] == null) {
        throw e;
      }
      throw new ObjectServiceException(refusal[0], entry.key());
    }
  }

  @Override
  public Optional<ObjectEntry> deleteObject(String bucket, String key, String requester)
      throws IOException {
    return inBucket(bucket,
        () -> objects.delete(bucket, key, requester).removed().map(CatalogRecords::entry));
  }

  @Override
  public ObjectListing list(String bucket, String prefix, String delimiter, String after,
      int maxKeys) throws IOException {
    String p = prefix == null ? "" : prefix;
    String start = after;
    if (start != null && delimiter != null && !delimiter.isEmpty() && start.startsWith(p)
        && start.endsWith(delimiter)
        && start.indexOf(delimiter, p.length()) == start.length() - delimiter.length()) {
      // The marker is a common prefix a previous page returned: skip every key under it.
      start = start + AFTER_ALL;
    }
    String from = start;
    io.cairn.catalog.ObjectListing page =
        inBucket(bucket, () -> objects.list(bucket, p, delimiter, from, maxKeys));
    return new ObjectListing(page.objects().stream().map(CatalogRecords::entry).toList(),
        page.commonPrefixes(), page.truncated(), page.truncated() ? page.nextMarker() : null);
  }

  @Override
  public ObjectListing listFiltered(String bucket, String prefix, ObjectFilter filter,
      String after, int maxKeys, int scanLimit) throws IOException {
    io.cairn.catalog.ObjectListing page = inBucket(bucket,
        () -> objects.listFiltered(bucket, prefix, filter, after, maxKeys, scanLimit));
    return new ObjectListing(page.objects().stream().map(CatalogRecords::entry).toList(),
        List.of(), page.truncated(), page.truncated() ? page.nextMarker() : null);
  }

  @Override
  public Upload createUpload(String bucket, String key, String owner, ObjectMetadata metadata,
      String checksumAlgorithm, Acl acl, Map<String, String> tags, Encryption encryption)
      throws IOException {
    UploadDraft draft = new UploadDraft(key, owner, owner, headers(metadata),
        metadata.user(), checksumAlgorithm, null, tags, acl,
        encryption == null ? null : encryption.toJson());
    return inBucket(bucket, () -> CatalogRecords.upload(uploads.create(bucket, draft)));
  }

  @Override
  public Optional<String> encryptionConfig(String bucket) throws IOException {
    return config(bucket, ENCRYPTION);
  }

  @Override
  public void setEncryptionConfig(String bucket, String document) throws IOException {
    inBucket(bucket, () -> buckets.setConfig(bucket, ENCRYPTION, document));
  }

  @Override
  public boolean deleteEncryptionConfig(String bucket) throws IOException {
    return inBucket(bucket, () -> buckets.deleteConfig(bucket, ENCRYPTION));
  }

  @Override
  public Optional<String> corsConfig(String bucket) throws IOException {
    return config(bucket, CORS);
  }

  @Override
  public void setCorsConfig(String bucket, String document) throws IOException {
    inBucket(bucket, () -> buckets.setConfig(bucket, CORS, document));
  }

  @Override
  public boolean deleteCorsConfig(String bucket) throws IOException {
    return inBucket(bucket, () -> buckets.deleteConfig(bucket, CORS));
  }

  /** A bucket's document of {@code kind}; empty when it has none or there is no such bucket. */
  private Optional<String> config(String bucket, String kind) throws IOException {
    try {
      return buckets.config(bucket, kind);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Upload> upload(String uploadId) throws IOException {
    return uploads.find(uploadId).map(CatalogRecords::upload);
  }

  @Override
  public Optional<Part> putPart(String uploadId, Part part) throws IOException {
    try {
      return uploads.putPart(uploadId, part.number(), part.blobId(), part.size(), part.etag(),
              part.checksum())
          .map(CatalogRecords::part);
    } catch (NotFoundException e) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_UPLOAD, uploadId);
    }
  }

  @Override
  public List<Part> parts(String uploadId, int afterNumber, int limit) throws IOException {
    try {
      return uploads.parts(uploadId, afterNumber, limit).stream()
          .map(CatalogRecords::part).toList();
    } catch (NotFoundException e) {
      return List.of();
    }
  }

  @Override
  public List<Upload> uploads(String bucket, String prefix, String afterKey, String afterId,
      int limit) throws IOException {
    return inBucket(bucket, () -> uploads.list(bucket, prefix, afterKey, afterId, limit)
        .uploads().stream().map(CatalogRecords::upload).toList());
  }

  @Override
  public Optional<List<Part>> deleteUpload(String uploadId) throws IOException {
    try {
      return Optional.of(uploads.abort(uploadId).stream().map(CatalogRecords::part).toList());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Completion> completeUpload(String uploadId, ObjectEntry entry,
      InitialLock lock) throws IOException {
    try {
      io.cairn.catalog.Completion done = uploads.complete(uploadId, draft(entry).withLock(lock));
      return Optional.of(new Completion(stored(done.put()),
          done.parts().stream().map(CatalogRecords::part).toList()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void setVersioning(String bucket, Versioning versioning) throws IOException {
    inBucket(bucket, () -> buckets.setVersioning(bucket, versioning));
  }

  @Override
  public void setBucketTags(String bucket, Map<String, String> tags) throws IOException {
    inBucket(bucket, () -> buckets.setTags(bucket, tags));
  }

  @Override
  public Optional<ObjectEntry> latestVersion(String bucket, String key) throws IOException {
    return inBucket(bucket, () -> objects.latest(bucket, key).map(CatalogRecords::entry));
  }

  @Override
  public Optional<ObjectEntry> version(String bucket, String key, String versionId)
      throws IOException {
    return inBucket(bucket,
        () -> objects.version(bucket, key, versionId).map(CatalogRecords::entry));
  }

  @Override
  public Removal removeOrMark(String bucket, String key, String requester) throws IOException {
    try {
      io.cairn.catalog.DeleteOutcome outcome = objects.delete(bucket, key, requester);
      return new Removal(outcome.removed().map(CatalogRecords::entry),
          outcome.deleteMarker().map(CatalogRecords::entry));
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Optional<ObjectEntry> deleteVersion(String bucket, String key, String versionId)
      throws IOException {
    return inBucket(bucket,
        () -> objects.deleteVersion(bucket, key, versionId).map(CatalogRecords::entry));
  }

  @Override
  public VersionListing versions(String bucket, String prefix, String delimiter, String keyMarker,
      String versionIdMarker, int maxKeys) throws IOException {
    try {
      io.cairn.catalog.VersionListing page = objects.listVersions(bucket, prefix, delimiter,
          keyMarker, versionIdMarker, maxKeys);
      return new VersionListing(page.versions().stream()
              .map(v -> new VersionListing.Item(entry(v), v.latest())).toList(),
          page.commonPrefixes(), page.truncated(), page.nextKeyMarker(),
          page.nextVersionIdMarker());
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public void setObjectTags(String bucket, String key, String versionId,
      Map<String, String> tags) throws IOException {
    try {
      objects.setTags(bucket, key, versionId, tags);
    } catch (NotFoundException e) {
      if (buckets.find(bucket).isEmpty()) {
        throw noSuchBucket(bucket);
      }
      throw versionId == null ? new ObjectServiceException(ObjectError.NO_SUCH_KEY, key)
          : new ObjectServiceException(ObjectError.NO_SUCH_VERSION, versionId);
    }
  }

  /** Catalog calls on a bucket, with a result or without; NotFoundException: no such bucket. */
  private interface BucketCall<T> { T call() throws IOException; }

  private interface BucketAction { void run() throws IOException; }

  private static <T> T inBucket(String bucket, BucketCall<T> call) throws IOException {
    try {
      return call.call();
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  private static void inBucket(String bucket, BucketAction action) throws IOException {
    try {
      action.run();
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  private static ObjectServiceException noSuchBucket(String bucket) {
    return new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket);
  }
}
