package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.AlreadyExistsException;
import io.cairn.catalog.Buckets;
import io.cairn.catalog.Catalog;
import io.cairn.catalog.ConflictException;
import io.cairn.catalog.ContentHeaders;
import io.cairn.catalog.MultipartUpload;
import io.cairn.catalog.MultipartUploads;
import io.cairn.catalog.NotFoundException;
import io.cairn.catalog.ObjectDraft;
import io.cairn.catalog.ObjectEntries;
import io.cairn.catalog.ObjectFilter;
import io.cairn.catalog.PutOutcome;
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
    try {
      buckets.setAcl(name, acl);
    } catch (NotFoundException e) {
      throw noSuchBucket(name);
    }
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
    return buckets.find(name).map(CatalogObjectStore::bucket);
  }

  @Override
  public List<Bucket> buckets(String owner) throws IOException {
    return buckets.listByOwner(owner).stream().map(CatalogObjectStore::bucket).toList();
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
          .map(CatalogObjectStore::entry);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Stored putObject(ObjectEntry entry) throws IOException {
    try {
      return stored(objects.put(entry.bucket(), draft(entry)));
    } catch (NotFoundException e) {
      throw noSuchBucket(entry.bucket());
    }
  }

  @Override
  public Stored putObject(ObjectEntry entry, WriteCondition condition) throws IOException {
    ObjectError[] refusal = new ObjectError[1];
    try {
      return stored(objects.put(entry.bucket(), draft(entry), current ->
          (refusal[0] = condition.refusal(current.map(CatalogObjectStore::entry))) == null));
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
    try {
      return objects.delete(bucket, key, requester).removed().map(CatalogObjectStore::entry);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
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
    try {
      io.cairn.catalog.ObjectListing page = objects.list(bucket, p, delimiter, start, maxKeys);
      return new ObjectListing(page.objects().stream().map(CatalogObjectStore::entry).toList(),
          page.commonPrefixes(), page.truncated(), page.truncated() ? page.nextMarker() : null);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public ObjectListing listFiltered(String bucket, String prefix, ObjectFilter filter,
      String after, int maxKeys, int scanLimit) throws IOException {
    try {
      io.cairn.catalog.ObjectListing page =
          objects.listFiltered(bucket, prefix, filter, after, maxKeys, scanLimit);
      return new ObjectListing(page.objects().stream().map(CatalogObjectStore::entry).toList(),
          List.of(), page.truncated(), page.truncated() ? page.nextMarker() : null);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Upload createUpload(String bucket, String key, String owner, ObjectMetadata metadata,
      String checksumAlgorithm, Acl acl, Map<String, String> tags, Encryption encryption)
      throws IOException {
    try {
      return upload(uploads.create(bucket, new UploadDraft(key, owner, owner, headers(metadata),
          metadata.user(), checksumAlgorithm, null, tags, acl,
          encryption == null ? null : encryption.toJson())));
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Optional<String> encryptionConfig(String bucket) throws IOException {
    return config(bucket, ENCRYPTION);
  }

  @Override
  public void setEncryptionConfig(String bucket, String document) throws IOException {
    setConfig(bucket, ENCRYPTION, document);
  }

  @Override
  public boolean deleteEncryptionConfig(String bucket) throws IOException {
    return deleteConfig(bucket, ENCRYPTION);
  }

  @Override
  public Optional<String> corsConfig(String bucket) throws IOException {
    return config(bucket, CORS);
  }

  @Override
  public void setCorsConfig(String bucket, String document) throws IOException {
    setConfig(bucket, CORS, document);
  }

  @Override
  public boolean deleteCorsConfig(String bucket) throws IOException {
    return deleteConfig(bucket, CORS);
  }

  /** A bucket's document of {@code kind}; empty when it has none or there is no such bucket. */
  private Optional<String> config(String bucket, String kind) throws IOException {
    try {
      return buckets.config(bucket, kind);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private void setConfig(String bucket, String kind, String document) throws IOException {
    try {
      buckets.setConfig(bucket, kind, document);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  private boolean deleteConfig(String bucket, String kind) throws IOException {
    try {
      return buckets.deleteConfig(bucket, kind);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Optional<Upload> upload(String uploadId) throws IOException {
    return uploads.find(uploadId).map(CatalogObjectStore::upload);
  }

  @Override
  public Optional<Part> putPart(String uploadId, Part part) throws IOException {
    try {
      return uploads.putPart(uploadId, part.number(), part.blobId(), part.size(), part.etag(),
              part.checksum())
          .map(CatalogObjectStore::part);
    } catch (NotFoundException e) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_UPLOAD, uploadId);
    }
  }

  @Override
  public List<Part> parts(String uploadId, int afterNumber, int limit) throws IOException {
    try {
      return uploads.parts(uploadId, afterNumber, limit).stream()
          .map(CatalogObjectStore::part).toList();
    } catch (NotFoundException e) {
      return List.of();
    }
  }

  @Override
  public List<Upload> uploads(String bucket, String prefix, String afterKey, String afterId,
      int limit) throws IOException {
    try {
      return uploads.list(bucket, prefix, afterKey, afterId, limit).uploads().stream()
          .map(CatalogObjectStore::upload).toList();
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Optional<List<Part>> deleteUpload(String uploadId) throws IOException {
    try {
      return Optional.of(uploads.abort(uploadId).stream().map(CatalogObjectStore::part).toList());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Completion> completeUpload(String uploadId, ObjectEntry entry)
      throws IOException {
    try {
      io.cairn.catalog.Completion done = uploads.complete(uploadId, draft(entry));
      return Optional.of(new Completion(stored(done.put()),
          done.parts().stream().map(CatalogObjectStore::part).toList()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void setVersioning(String bucket, Versioning versioning) throws IOException {
    try {
      buckets.setVersioning(bucket, versioning);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public void setBucketTags(String bucket, Map<String, String> tags) throws IOException {
    try {
      buckets.setTags(bucket, tags);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Optional<ObjectEntry> latestVersion(String bucket, String key) throws IOException {
    try {
      return objects.latest(bucket, key).map(CatalogObjectStore::entry);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Optional<ObjectEntry> version(String bucket, String key, String versionId)
      throws IOException {
    try {
      return objects.version(bucket, key, versionId).map(CatalogObjectStore::entry);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Removal removeOrMark(String bucket, String key, String requester) throws IOException {
    try {
      io.cairn.catalog.DeleteOutcome outcome = objects.delete(bucket, key, requester);
      return new Removal(outcome.removed().map(CatalogObjectStore::entry),
          outcome.deleteMarker().map(CatalogObjectStore::entry));
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Optional<ObjectEntry> deleteVersion(String bucket, String key, String versionId)
      throws IOException {
    try {
      return objects.deleteVersion(bucket, key, versionId).map(CatalogObjectStore::entry);
    } catch (NotFoundException e) {
      throw noSuchBucket(bucket);
    }
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

  private static ObjectServiceException noSuchBucket(String bucket) {
    return new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket);
  }

  private static Stored stored(PutOutcome outcome) {
    return new Stored(entry(outcome.stored()), outcome.replaced().map(CatalogObjectStore::entry));
  }

  private static ObjectDraft draft(ObjectEntry e) {
    return new ObjectDraft(e.key(), e.blobId(), e.size(), e.etag(), headers(e.metadata()),
        e.metadata().user(), e.checksum(), e.owner(), e.acl(), e.tags(), null, e.partSizes(),
        e.encryption() == null ? null : e.encryption().toJson());
  }

  private static ContentHeaders headers(ObjectMetadata m) {
    return new ContentHeaders(m.contentType(), m.contentEncoding(), m.contentDisposition(),
        m.contentLanguage(), m.cacheControl(), m.expires());
  }

  private static ObjectMetadata metadata(ContentHeaders h, Map<String, String> user) {
    ContentHeaders c = h == null ? ContentHeaders.none() : h;
    return new ObjectMetadata(c.contentType(), c.contentEncoding(), c.contentDisposition(),
        c.contentLanguage(), c.cacheControl(), c.expires(), user == null ? Map.of() : user);
  }

  private static Bucket bucket(io.cairn.catalog.Bucket b) {
    return new Bucket(b.name(), b.owner(), b.created(), b.acl(), b.versioning(), b.tags());
  }

  static ObjectEntry entry(io.cairn.catalog.ObjectEntry e) {
    return new ObjectEntry(e.bucket(), e.key(), e.owner(), e.blobId(), e.size(), e.etag(),
        e.lastModified(), metadata(e.headers(), e.userMetadata()), e.checksum(), e.partSizes(),
        e.versionId(), e.deleteMarker(), e.acl(), e.tags(), Encryption.parse(e.encryption()));
  }

  private static Upload upload(MultipartUpload u) {
    return new Upload(u.uploadId(), u.bucket(), u.key(), u.owner(), u.created(),
        metadata(u.headers(), u.userMetadata()), u.checksumAlgorithm(), u.acl(), u.tags(),
        Encryption.parse(u.encryption()));
  }

  private static Part part(io.cairn.catalog.Part p) {
    return new Part(p.partNumber(), p.blobId(), p.size(), p.etag(), p.lastModified(),
        p.checksum());
  }
}
