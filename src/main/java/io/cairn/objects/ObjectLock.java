package io.cairn.objects;

import io.cairn.catalog.Acl.Permission;
import io.cairn.catalog.ConflictException;
import io.cairn.catalog.InitialLock;
import io.cairn.catalog.VersionLock;
import io.cairn.catalog.Versioning;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * S3 Object Lock (write once, read many) over {@link ObjectService}: a bucket's lock configuration
 * with its default retention, the retention and legal hold of each object version, and the rule
 * that decides whether a version may be removed for good.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Buckets</b>: Object Lock is enabled at creation or later on a bucket whose versioning
 *       is enabled, and never disabled; such a bucket keeps versioning enabled ({@link
 *       ObjectVersions#setVersioning} refuses to suspend it: INVALID_BUCKET_STATE).
 *   <li><b>Protection</b> (S3 "Using S3 Object Lock"): a version under a legal hold, or whose
 *       retention date is still ahead of the injected clock, cannot be removed ({@link
 *       #removable}); a GOVERNANCE retention yields to a requester with the bucket's owner role who
 *       asks to bypass it, a COMPLIANCE one to nobody. Writing a new version or a delete marker is
 *       always allowed: the protected version stays.
 *   <li><b>Retention changes</b>: a COMPLIANCE retention may only be extended (same mode, later
 *       date); a GOVERNANCE one may be extended, and shortened, removed or turned into COMPLIANCE
 *       only with the bypass. Checked atomically with the write (ACCESS_DENIED if refused).
 *   <li><b>Access</b>: the configuration needs the bucket's owner role; reading a version's
 *       retention or legal hold needs READ on it, changing them WRITE. A bucket without Object
 *       Lock answers INVALID_REQUEST to version-level requests (S3).
 *   <li><b>New versions</b> get the lock their request asked for ({@link #initialLock}), else the
 *       bucket's default retention counted from their last-modified time, stored in the same row
 *       and transaction as the version itself: no version exists, even for a moment or after a
 *       crash, without its lock.
 *   <li>Durability and thread safety as {@link ObjectService}.
 * </ul>
 */
public final class ObjectLock {
  /** A retention mode. */
  public enum Mode { GOVERNANCE, COMPLIANCE }

  /**
   * A bucket's default retention: {@code days} or {@code years} (exactly one positive, the other
   * 0) from each new version's creation.
   */
  public record DefaultRetention(Mode mode, int days, int years) {
    public DefaultRetention {
      if (mode == null || (days > 0) == (years > 0) || days < 0 || years < 0) {
        throw new IllegalArgumentException("a default retention has a mode and days or years");
      }
    }

    Instant from(Instant start) {
      return days > 0 ? start.plus(java.time.Duration.ofDays(days))
          : start.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
    }
  }

  /** A bucket's Object Lock configuration; {@code rule} null: no default retention. */
  public record Configuration(DefaultRetention rule) {
    String document() {
      return rule == null ? "Enabled"
          : "Enabled " + rule.mode() + " " + rule.days() + " " + rule.years();
    }

    static Configuration parse(String document) {
      String[] words = document.split(" ");
      return words.length < 4 ? new Configuration(null) : new Configuration(new DefaultRetention(
          Mode.valueOf(words[1]), Integer.parseInt(words[2]), Integer.parseInt(words[3])));
    }
  }

  /** A version's retention: protected in {@code mode} until {@code until}. */
  public record Retention(Mode mode, Instant until) {
    public Retention {
      if (mode == null || until == null) {
        throw new IllegalArgumentException("a retention has a mode and a date");
      }
    }
  }

  /**
   * What a write asks for its new version: a retention and a legal hold, either null for none.
   */
  public record Requested(Retention retention, Boolean legalHold) {
    boolean isEmpty() {
      return retention == null && legalHold == null;
    }

    String document() {
      return (retention == null ? "- -" : retention.mode() + " " + retention.until())
          + " " + (legalHold == null ? "-" : legalHold.toString());
    }

    static Requested parse(String document) {
      String[] w = document.split(" ");
      return new Requested(w[0].equals("-") ? null
          : new Retention(Mode.valueOf(w[0]), Instant.parse(w[1])),
          w[2].equals("-") ? null : Boolean.valueOf(w[2]));
    }
  }

  private final ObjectService objects;
  private final VersionLocks locks;

  public ObjectLock(ObjectService objects) {
    this.objects = objects;
    this.locks = objects.catalog().versionLocks();
  }

  /** Enables Object Lock on a new bucket (S3 {@code x-amz-bucket-object-lock-enabled}). */
  public void enableOnNewBucket(String requester, String bucket) throws IOException {
    objects.bucket(requester, bucket);
    objects.catalog().setVersioning(bucket, Versioning.ENABLED);
    locks.setConfiguration(bucket, new Configuration(null).document());
  }

  /** Whether Object Lock is enabled on a bucket (no access check). */
  public boolean enabled(String bucket) throws IOException {
    return locks.configuration(bucket).isPresent();
  }

  /** The bucket's configuration: OBJECT_LOCK_CONFIGURATION_NOT_FOUND if it has none. */
  public Configuration configuration(String requester, String bucket) throws IOException {
    objects.bucket(requester, bucket);
    return locks.configuration(bucket).map(Configuration::parse).orElseThrow(
        () -> new ObjectServiceException(ObjectError.OBJECT_LOCK_CONFIGURATION_NOT_FOUND, bucket));
  }

  /**
   * Sets the bucket's configuration, enabling Object Lock if it was not: INVALID_BUCKET_STATE
   * unless versioning is enabled.
   */
  public void setConfiguration(String requester, String bucket, Configuration configuration)
      throws IOException {
    Bucket b = objects.bucket(requester, bucket);
    if (b.versioning() != Versioning.ENABLED) {
      throw new ObjectServiceException(ObjectError.INVALID_BUCKET_STATE,
          "Object Lock needs versioning enabled on the bucket");
    }
    locks.setConfiguration(bucket, configuration.document());
  }

  /** A version's retention: NO_SUCH_OBJECT_LOCK_CONFIGURATION if it has none. */
  public Retention retention(String requester, String bucket, String key, String versionId)
      throws IOException {
    VersionLock lock = readable(requester, bucket, key, versionId);
    if (lock.mode() == null) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_OBJECT_LOCK_CONFIGURATION, key);
    }
    return new Retention(Mode.valueOf(lock.mode()), lock.retainUntil());
  }

  /** A version's legal hold: NO_SUCH_OBJECT_LOCK_CONFIGURATION if it was never set. */
  public boolean legalHold(String requester, String bucket, String key, String versionId)
      throws IOException {
    VersionLock lock = readable(requester, bucket, key, versionId);
    if (lock.legalHold() == null) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_OBJECT_LOCK_CONFIGURATION, key);
    }
    return lock.legalHold();
  }

  /**
   * Sets (or, {@code retention} null, removes) a version's retention under the change rules of
   * the class contract; INVALID_ARGUMENT for a date not in the future.
   */
  public void setRetention(String requester, String bucket, String key, String versionId,
      Retention retention, boolean bypassGovernance) throws IOException {
    // The lock goes to the version whose permission was checked (see AccessControl#replace).
    String checked = writable(requester, bucket, key, versionId);
    Instant now = objects.now();
    if (retention != null && !retention.until().isAfter(now)) {
      throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT,
          "The retain until date must be in the future");
    }
    boolean bypass = bypassGovernance && ownerRole(requester, bucket);
    locks.change(bucket, key, checked, current -> {
      if (!mayReplace(current, retention, bypass, now)) {
        throw new ConflictException("Access Denied because object protected by object lock.");
      }
      return retention == null ? current.withRetention(null, null)
          : current.withRetention(retention.mode().name(), retention.until());
    });
  }

  /** Turns a version's legal hold on or off. */
  public void setLegalHold(String requester, String bucket, String key, String versionId,
      boolean on) throws IOException {
    String checked = writable(requester, bucket, key, versionId);
    locks.change(bucket, key, checked, current -> current.withLegalHold(on));
  }

  /**
   * Checks what a write asks for its new version before it is stored: INVALID_REQUEST in a
   * bucket without Object Lock, INVALID_ARGUMENT for a date not in the future.
   */
  public void checkRequest(String bucket, Requested requested) throws IOException {
    if (requested == null || requested.isEmpty()) {
      return;
    }
    if (!enabled(bucket)) {
      throw new ObjectServiceException(ObjectError.INVALID_REQUEST,
          "Bucket is missing Object Lock Configuration");
    }
    if (requested.retention() != null && !requested.retention().until().isAfter(objects.now())) {
      throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT,
          "The retain until date must be in the future");
    }
  }

  /**
   * The lock a new version written to {@code bucket} starts with, decided by the catalog in the
   * transaction that inserts it ({@link InitialLock}): the lock its write asked for ({@code
   * requested} null or empty: nothing), else the bucket's default retention counted from the
   * version's creation; nothing in a bucket without Object Lock. The configuration is read in that
   * transaction, and only for a version with an id of its own: a write to a bucket without
   * versioning costs no lookup.
   */
  public InitialLock initialLock(String bucket, Requested requested) {
    return created -> {
      Optional<String> document = locks.configurationInTransaction(bucket);
      if (document.isEmpty()) {
        return VersionLock.NONE;
      }
      DefaultRetention rule = Configuration.parse(document.get()).rule();
      Retention retention = requested != null && requested.retention() != null
          ? requested.retention()
          : rule == null ? null : new Retention(rule.mode(), rule.from(created));
      Boolean hold = requested == null ? null : requested.legalHold();
      return new VersionLock(retention == null ? null : retention.mode().name(),
          retention == null ? null : retention.until(), hold);
    };
  }

  /** Records what a multipart upload asks for its object, for {@link #requestOfUpload}. */
  public void holdForUpload(String uploadId, Requested requested) throws IOException {
    if (requested != null && !requested.isEmpty()) {
      locks.setUploadLock(uploadId, requested.document());
    }
  }

  /** What a multipart upload asked for its object; null if nothing. */
  public Requested requestOfUpload(String uploadId) throws IOException {
    return locks.uploadLock(uploadId).map(Requested::parse).orElse(null);
  }

  /**
   * Whether a version with this lock may be removed for good at {@code now}: not under a legal
   * hold, and its retention over or (GOVERNANCE only) bypassed.
   */
  public static boolean removable(VersionLock lock, boolean bypass, Instant now) {
    if (Boolean.TRUE.equals(lock.legalHold())) {
      return false;
    }
    if (lock.mode() == null || !lock.retainUntil().isAfter(now)) {
      return true;
    }
    return bypass && lock.mode().equals(Mode.GOVERNANCE.name());
  }

  /** Whether {@code requester} may bypass GOVERNANCE retention in {@code bucket}: its owner role. */
  boolean ownerRole(String requester, String bucket) throws IOException {
    Bucket b = objects.catalog().bucket(bucket).orElseThrow(
        () -> new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket));
    return Access.allows(requester, b.owner(), b.acl(), Permission.FULL_CONTROL);
  }

  private static boolean mayReplace(VersionLock current, Retention next, boolean bypass,
      Instant now) {
    if (current.mode() == null || !current.retainUntil().isAfter(now)) {
      return true;
    }
    boolean extends_ = next != null && next.mode().name().equals(current.mode())
        && !next.until().isBefore(current.retainUntil());
    if (extends_) {
      return true;
    }
    return bypass && current.mode().equals(Mode.GOVERNANCE.name());
  }

  private VersionLock readable(String requester, String bucket, String key, String versionId)
      throws IOException {
    return checkVersion(requester, bucket, key, versionId, Permission.READ).lock();
  }

  /** Checks WRITE on the version; returns its id (the latest's when {@code versionId} is null). */
  private String writable(String requester, String bucket, String key, String versionId)
      throws IOException {
    return checkVersion(requester, bucket, key, versionId, Permission.WRITE).versionId();
  }

  private ObjectEntry checkVersion(String requester, String bucket, String key, String versionId,
      Permission needed) throws IOException {
    ObjectEntry entry = new ObjectVersions(objects).read(requester, bucket, key, versionId,
        needed);
    if (entry.deleteMarker()) {
      throw new ObjectServiceException(ObjectError.INVALID_REQUEST,
          "A delete marker has no retention or legal hold");
    }
    if (!enabled(bucket)) {
      throw new ObjectServiceException(ObjectError.INVALID_REQUEST,
          "Bucket is missing Object Lock Configuration");
    }
    return entry;
  }
}
