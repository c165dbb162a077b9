package io.cairn.objects;

import io.cairn.blob.BlobStore;
import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.Permission;
import io.cairn.catalog.Checksum;
import io.cairn.objects.encryption.KeyRing;
import io.cairn.objects.encryption.ObjectEncryption;
import io.cairn.objects.encryption.SseRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * S3 semantics over the blob store (bytes) and the {@link ObjectCatalog} (metadata): buckets,
 * objects, copies and listings. Multipart uploads are in {@link MultipartService}.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Durability</b>: a method that stores something returns only after the bytes are synced
 *       in the blob store and the metadata is committed in the catalog, in that order, so the
 *       catalog never points at bytes a crash could lose. A plain-text object of at most the
 *       inline limit ({@code inline-object-max}) has no blob: its bytes are in its catalog entry
 *       with a CRC32C ({@link InlinePut}), so its PUT is one durable commit and its GET one row
 *       read; every reader gets them through {@link ObjectBytes} as for any blob.
 *   <li><b>Write once</b>: an object's blob is never modified; overwriting a key writes a new blob
 *       and retires the old one ({@link BlobRetirement}) after the catalog switched to the new one
 *       — unless the bucket is versioned, where the old version keeps it ({@link ObjectVersions}).
 *   <li><b>Failure</b>: a refused or failed store leaves nothing behind (the new blob is deleted).
 *   <li><b>Access</b>: every operation checks its requester (a canonical user id; null for an
 *       anonymous request) against the owner and grants of the bucket or object first, as {@link
 *       Access} decides and before it touches any data, and answers {@link
 *       ObjectError#ACCESS_DENIED} otherwise. What each needs: {@link #list} bucket READ; {@link
 *       #putObject}, {@link #deleteObject} bucket WRITE; {@link #object} object READ; {@link
 *       #copyObject} READ on the source object and WRITE on the destination bucket; {@link
 *       #deleteBucket} being the bucket's owner; {@link #bucket(String, String)} (bucket
 *       configuration) the owner role. A missing bucket is NO_SUCH_BUCKET whoever asks; a missing
 *       key is NO_SUCH_KEY only to those who may list the bucket (ACCESS_DENIED otherwise, so keys
 *       do not leak). Objects written anonymously belong to the bucket's owner.
 *   <li>Refusals are {@link ObjectServiceException}s with an {@link ObjectError}; other {@link
 *       IOException}s are failures of the storage below or of the body stream.
 *   <li><b>Thread safety</b>: safe for concurrent use.
 * </ul>
 */
public final class ObjectService {
  /** The largest object a single PUT may store (S3: 5 GiB). */
  public static final long MAX_PUT_SIZE = 5L << 30;
  /** The default largest object stored in its catalog entry instead of a blob ({@link InlinePut}). */
  public static final int DEFAULT_INLINE_MAX = 16 << 10;

  private final ObjectCatalog catalog;
  private final BlobStore blobs;
  private final Clock clock;
  private final BlobRetirement retirement;
  private final ObjectEncryption encryption;
  private final BucketDirectory directory;
  private final int inlineMax;
  private final InlineStats inlineStats = new InlineStats();

  /**
   * A service without a key ring (SSE-C works, SSE-S3 and SSE-KMS are refused); {@code
   * retirement} says how blobs of overwritten and deleted objects are released.
   */
  public ObjectService(ObjectCatalog catalog, BlobStore blobs, Clock clock,
      BlobRetirement retirement) {
    this(catalog, blobs, clock, retirement, KeyRing.none(), new SecureRandom());
  }

  /**
   * @param keyRing the master keys of SSE-S3 and SSE-KMS
   * @param random the source of data keys and counter blocks (a {@link SecureRandom} outside
   *     tests)
   */
  public ObjectService(ObjectCatalog catalog, BlobStore blobs, Clock clock,
      BlobRetirement retirement, KeyRing keyRing, SecureRandom random) {
    this(catalog, blobs, clock, retirement, keyRing, random, DEFAULT_INLINE_MAX);
  }

  /**
   * @param inlineMax the largest plain-text object stored in its catalog entry, without a blob
   *     (bytes; 0: none)
   */
  public ObjectService(ObjectCatalog catalog, BlobStore blobs, Clock clock,
      BlobRetirement retirement, KeyRing keyRing, SecureRandom random, int inlineMax) {
    if (inlineMax < 0) {
      throw new IllegalArgumentException("inlineMax must not be negative: " + inlineMax);
    }
    this.inlineMax = inlineMax;
    this.catalog = catalog;
    this.blobs = blobs;
    this.clock = clock;
    this.retirement = retirement;
    this.encryption = new ObjectEncryption(keyRing, catalog, clock, random);
    this.directory = new BucketDirectory(this);
  }

  /** Server-side encryption: key ring, bucket defaults, data keys. */
  public ObjectEncryption encryption() {
    return encryption;
  }

  /** Counts of inline objects stored and read. */
  public InlineStats inlineStats() {
    return inlineStats;
  }

  int inlineMax() {
    return inlineMax;
  }

  BlobRetirement retirement() {
    return retirement;
  }

  ObjectCatalog catalog() {
    return catalog;
  }

  BlobStore blobs() {
    return blobs;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  public List<Bucket> listBuckets(String owner) throws IOException {
    return catalog.buckets(owner);
  }

  /** Creates a bucket. BUCKET_ALREADY_OWNED_BY_YOU or BUCKET_ALREADY_EXISTS if the name is taken. */
  public Bucket createBucket(String owner, String name) throws IOException {
    return createBucket(owner, name, RequestedAcl.PRIVATE);
  }

  /**
   * Creates a bucket with the grants {@code acl} asks for; ACCESS_DENIED for an anonymous
   * requester, INVALID_ARGUMENT for a grant to an unknown user.
   */
  public Bucket createBucket(String owner, String name, RequestedAcl acl) throws IOException {
    return directory.create(owner, name, acl);
  }

  /**
   * The bucket if {@code requester} holds the owner role on it (its owner or a FULL_CONTROL
   * grantee), which its configuration (versioning, tagging, CORS, ...) needs: NO_SUCH_BUCKET or
   * ACCESS_DENIED otherwise.
   */
  public Bucket bucket(String requester, String name) throws IOException {
    return bucket(requester, name, Permission.FULL_CONTROL);
  }

  /** The bucket if {@code requester} holds {@code needed} on it: NO_SUCH_BUCKET or ACCESS_DENIED. */
  public Bucket bucket(String requester, String name, Permission needed) throws IOException {
    Bucket bucket = catalog.bucket(name).orElseThrow(
        () -> new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, name));
    Access.check(requester, bucket, needed);
    return bucket;
  }

  /** INVALID_ARGUMENT unless every user a grant names exists (S3: "Invalid id"). */
  void checkGrantees(Acl acl) throws IOException {
    directory.checkGrantees(acl);
  }

  /**
   * A user's name (S3 DisplayName) by canonical id; the id itself for an unknown one. Names are
   * cached: a user's name never changes and ids are never reused.
   */
  public String displayName(String id) throws IOException {
    return directory.displayName(id);
  }

  /**
   * The owner of a bucket, whoever asks (S3's {@code x-amz-expected-bucket-owner} check); empty if
   * there is no such bucket.
   */
  public Optional<String> bucketOwner(String name) throws IOException {
    return catalog.bucket(name).map(Bucket::owner);
  }

  /**
   * The bucket's CORS document, whoever asks (browsers' preflights are anonymous, and CORS
   * headers go on every reply to a cross-origin request); empty if the bucket has none or there
   * is no such bucket. A change applies at once everywhere: on PostgreSQL each call reads the
   * catalog, and on SQLite the catalog's bucket cache is invalidated by the change's commit.
   */
  public Optional<String> corsConfig(String bucket) throws IOException {
    return catalog.corsConfig(bucket);
  }

  /** Stores a bucket's CORS document; the caller checked the requester may. NO_SUCH_BUCKET. */
  public void setCorsConfig(String bucket, String document) throws IOException {
    catalog.setCorsConfig(bucket, document);
  }

  /** Removes a bucket's CORS document; false if it had none. NO_SUCH_BUCKET. */
  public boolean deleteCorsConfig(String bucket) throws IOException {
    return catalog.deleteCorsConfig(bucket);
  }

  /** Whether a bucket of that name exists, whoever owns it (S3 bucket names are global). */
  public boolean bucketExists(String name) throws IOException {
    return catalog.bucket(name).isPresent();
  }

  /**
   * Deletes a bucket that holds no object: BUCKET_NOT_EMPTY otherwise. Multipart uploads still in
   * progress are aborted first, as S3 does (DeleteBucket only requires the objects to be gone).
   * An object stored concurrently may still make the deletion fail after the uploads were aborted.
   */
  public void deleteBucket(String owner, String name) throws IOException {
    directory.delete(owner, name);
  }

  /**
   * Stores an object from a body stream read to its end. The body may throw at EOF to reject the
   * payload (signature, checksum); then nothing is stored.
   *
   * @param lengthHint the expected size or -1 (sizes buffers only)
   * @param contentMd5 the MD5 the client declared (Content-MD5), or null; BAD_DIGEST if different
   * @param checksum the additional checksum the body verified, asked once the body ended; it
   *     may give null (none)
   */
  public ObjectEntry putObject(String owner, String bucket, String key, InputStream body,
      long lengthHint, ObjectMetadata metadata, byte[] contentMd5, Supplier<Checksum> checksum)
      throws IOException {
    return putObject(owner, bucket, key, body, lengthHint, metadata, contentMd5, checksum,
        WriteCondition.NONE);
  }

  /**
   * {@link #putObject(String, String, String, InputStream, long, ObjectMetadata, byte[],
   * Supplier)} if {@code condition} accepts the current object: checked before the body is read
   * (a doomed write stores nothing) and again atomically with the commit; its refusal otherwise.
   */
  public ObjectEntry putObject(String owner, String bucket, String key, InputStream body,
      long lengthHint, ObjectMetadata metadata, byte[] contentMd5, Supplier<Checksum> checksum,
      WriteCondition condition) throws IOException {
    return putObject(owner, bucket, key, body, lengthHint, metadata, contentMd5, checksum,
        condition, RequestedAcl.PRIVATE, Map.of(), SseRequest.NONE);
  }

  /**
   * {@link #putObject(String, String, String, InputStream, long, ObjectMetadata, byte[],
   * Supplier, WriteCondition)} giving the new object the grants {@code acl} asks for and a tag
   * set ({@code x-amz-tagging}), stored with it in the same commit. In a versioned bucket the new
   * version gets a version id of its own (the entry returned carries it) and the older versions
   * keep their blobs. The object is encrypted as {@code sse} asks, else as the bucket's default
   * encryption says (plain text if neither names any).
   */
  public ObjectEntry putObject(String requester, String bucket, String key, InputStream body,
      long lengthHint, ObjectMetadata metadata, byte[] contentMd5, Supplier<Checksum> checksum,
      WriteCondition condition, RequestedAcl acl, Map<String, String> tags, SseRequest sse)
      throws IOException {
    return putObject(requester, bucket, key, body, lengthHint, metadata, contentMd5, checksum,
        condition, acl, tags, sse, null);
  }

  /**
   * {@link #putObject(String, String, String, InputStream, long, ObjectMetadata, byte[],
   * Supplier, WriteCondition, RequestedAcl, Map, SseRequest)} whose new version starts with the
   * Object Lock state {@code lock} asks for (null: the bucket's default retention, if any),
   * stored in the same commit ({@link ObjectLock#initialLock}); the caller checked the request
   * ({@link ObjectLock#checkRequest}).
   */
  public ObjectEntry putObject(String requester, String bucket, String key, InputStream body,
      long lengthHint, ObjectMetadata metadata, byte[] contentMd5, Supplier<Checksum> checksum,
      WriteCondition condition, RequestedAcl acl, Map<String, String> tags, SseRequest sse,
      ObjectLock.Requested lock) throws IOException {
    return ObjectPut.put(this, requester, bucket, key, body, lengthHint, metadata, contentMd5,
        checksum, condition, acl, tags, sse, lock);
  }

  /**
   * The entry of an object {@code requester} may read: NO_SUCH_BUCKET, ACCESS_DENIED or
   * NO_SUCH_KEY if unreachable.
   */
  public ObjectEntry object(String requester, String bucket, String key) throws IOException {
    return object(requester, bucket, key, Permission.READ);
  }

  /**
   * The entry of an object on which {@code requester} holds {@code needed}. A missing key is
   * NO_SUCH_KEY to those with READ on the bucket and ACCESS_DENIED to others, as in S3.
   */
  public ObjectEntry object(String requester, String bucket, String key, Permission needed)
      throws IOException {
    Bucket b = catalog.bucket(bucket).orElseThrow(
        () -> new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket));
    Optional<ObjectEntry> entry = catalog.object(bucket, key);
    if (entry.isEmpty()) {
      throw new ObjectServiceException(Access.allows(requester, b, Permission.READ)
          ? ObjectError.NO_SUCH_KEY : ObjectError.ACCESS_DENIED, key);
    }
    Access.check(requester, entry.get(), needed);
    return entry.get();
  }

  /**
   * Writes [offset, offset+length) of an object's bytes to {@code out}. NO_SUCH_KEY if the object
   * was deleted since {@code entry} was read.
   */
  public void transferTo(ObjectEntry entry, long offset, long length, OutputStream out)
      throws IOException {
    ObjectBytes.send(this, entry, offset, length, out);
  }

  /**
   * {@link #transferTo(ObjectEntry, long, long, OutputStream)} for an object that may be
   * encrypted: {@code dataKey} is what {@link ObjectEncryption#open} gave (null: plain text).
   */
  public void transferTo(ObjectEntry entry, byte[] dataKey, long offset, long length,
      OutputStream out) throws IOException {
    if (dataKey == null) {
      transferTo(entry, offset, length, out);
      return;
    }
    try (InputStream plain = ObjectBytes.plaintext(this, entry, dataKey, offset, length)) {
      plain.transferTo(out);
    }
  }

  /** Deletes an object; deleting a missing key succeeds, as in S3. */
  public void deleteObject(String owner, String bucket, String key) throws IOException {
    Bucket b = bucket(owner, bucket, Permission.WRITE);
    catalog.deleteObject(bucket, key, owner != null ? owner : b.owner())
        .ifPresent(old -> retirement.retire(old.blobId()));
  }

  /**
   * Copies an object without copying its bytes (the new blob links the source's data).
   *
   * @param metadata the new object's metadata, or null to keep the source's (COPY directive)
   * @param checkSource called with the source entry before anything is written; it throws (the
   *     caller's own unchecked error, e.g. a failed x-amz-copy-source-if-match) to refuse
   */
  public ObjectEntry copyObject(String owner, String srcBucket, String srcKey, String dstBucket,
      String dstKey, ObjectMetadata metadata, Consumer<ObjectEntry> checkSource)
      throws IOException {
    return copyObject(owner, object(owner, srcBucket, srcKey), dstBucket, dstKey, metadata, null,
        checkSource, RequestedAcl.PRIVATE, SseRequest.NONE, SseRequest.NONE);
  }

  /**
   * Copies a given object version (not a delete marker; the caller read it with the requester's
   * access) without copying its bytes: a new blob links the source's data, whichever version it
   * is, so an older version is restored or copied at no data cost. The copy gets the grants
   * {@code acl} asks for (S3 does not copy ACLs). With server-side encryption, {@code sourceSse}
   * presents the source's SSE-C key (if it has one) and {@code sse} is the new object's
   * encryption as for a PUT: between two plain-text objects the copy links the source's bytes;
   * otherwise it decrypts and re-encrypts them (a data copy, under a new data key).
   *
   * @param tags the new object's tag set, or null to keep the source's (tagging directive COPY)
   */
  public ObjectEntry copyObject(String requester, ObjectEntry source, String dstBucket,
      String dstKey, ObjectMetadata metadata, Map<String, String> tags,
      Consumer<ObjectEntry> checkSource, RequestedAcl acl, SseRequest sourceSse, SseRequest sse)
      throws IOException {
    return copyObject(requester, source, dstBucket, dstKey, metadata, tags, checkSource, acl,
        sourceSse, sse, null);
  }

  /**
   * {@link #copyObject(String, ObjectEntry, String, String, ObjectMetadata, Map, Consumer,
   * RequestedAcl, SseRequest, SseRequest)} whose new version starts with the Object Lock state
   * {@code lock} asks for (null: the bucket's default retention; the source's lock is never
   * copied), stored in the same commit.
   */
  public ObjectEntry copyObject(String requester, ObjectEntry source, String dstBucket,
      String dstKey, ObjectMetadata metadata, Map<String, String> tags,
      Consumer<ObjectEntry> checkSource, RequestedAcl acl, SseRequest sourceSse, SseRequest sse,
      ObjectLock.Requested lock) throws IOException {
    return ObjectCopy.copy(this, requester, source, dstBucket, dstKey, metadata, tags,
        checkSource, acl, sourceSse, sse, lock);
  }

  /**
   * A page of objects under {@code prefix}, rolled up into common prefixes at {@code delimiter}
   * (null: none), starting after {@code after} (a key or common prefix; null: from the start).
   */
  public ObjectListing list(String owner, String bucket, String prefix, String delimiter,
      String after, int maxKeys) throws IOException {
    bucket(owner, bucket, Permission.READ);
    if (maxKeys <= 0) {
      return new ObjectListing(List.of(), List.of(), false, null);
    }
    return catalog.list(bucket, prefix, delimiter, after, maxKeys);
  }
}
