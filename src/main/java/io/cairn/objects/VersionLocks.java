package io.cairn.objects;

import io.cairn.catalog.Buckets;
import io.cairn.catalog.Catalog;
import io.cairn.catalog.ConflictException;
import io.cairn.catalog.NotFoundException;
import io.cairn.catalog.ObjectLocks;
import io.cairn.catalog.VersionLock;
import java.io.IOException;
import java.util.Optional;

/**
 * The Object Lock state as the catalog stores it, with catalog outcomes turned into {@link
 * ObjectError}s: a bucket's lock configuration (a {@code bucket_configs} document of kind {@value
 * #KIND}), each version's {@link VersionLock}, and the lock a multipart upload asked for. No
 * access checks and no S3 rules here: {@link ObjectLock} decides. Durability and thread safety as
 * {@link ObjectCatalog}.
 */
public final class VersionLocks {
  /** The bucket_configs kind of a bucket's Object Lock configuration. */
  static final String KIND = "object-lock";

  private final Buckets buckets;
  private final ObjectLocks locks;

  VersionLocks(Catalog catalog) {
    this.buckets = catalog.buckets();
    this.locks = catalog.objectLocks();
  }

  /** The bucket's configuration document; empty if Object Lock was never enabled on it. */
  Optional<String> configuration(String bucket) throws IOException {
    try {
      return buckets.config(bucket, KIND);
    } catch (NotFoundException e) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket);
    }
  }

  /**
   * {@link #configuration} as the catalog answers it, for a decision made inside a catalog
   * transaction ({@link io.cairn.catalog.InitialLock}), which joins it.
   */
  Optional<String> configurationInTransaction(String bucket)
      throws io.cairn.catalog.CatalogException {
    return buckets.config(bucket, KIND);
  }

  void setConfiguration(String bucket, String document) throws IOException {
    try {
      buckets.setConfig(bucket, KIND, document);
    } catch (NotFoundException e) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket);
    }
  }

  /**
   * Changes a version's lock atomically with reading it ({@link ObjectLocks#change}); a refusal
   * {@code change} throws as a {@link ConflictException} is ACCESS_DENIED.
   */
  void change(String bucket, String key, String versionId, ObjectLocks.Change change)
      throws IOException {
    try {
      locks.change(bucket, key, versionId, change);
    } catch (ConflictException e) {
      throw new ObjectServiceException(ObjectError.ACCESS_DENIED, e.getMessage());
    } catch (NotFoundException e) {
      if (buckets.find(bucket).isEmpty()) {
        throw new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket);
      }
      throw missing(key, versionId);
    }
  }

  /**
   * Removes a version for good if {@code removable} accepts its lock: ACCESS_DENIED if not; empty
   * if there was no such version.
   */
  Optional<ObjectEntry> deleteVersion(String bucket, String key, String versionId,
      ObjectLocks.Removable removable) throws IOException {
    try {
      return locks.deleteVersion(bucket, key, versionId, removable)
          .map(CatalogRecords::entry);
    } catch (ConflictException e) {
      throw new ObjectServiceException(ObjectError.ACCESS_DENIED,
          "Object " + key + " version " + versionId + " is protected by Object Lock");
    } catch (NotFoundException e) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket);
    }
  }

  void setUploadLock(String uploadId, String document) throws IOException {
    try {
      locks.setUploadLock(uploadId, document);
    } catch (NotFoundException e) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_UPLOAD, uploadId);
    }
  }

  Optional<String> uploadLock(String uploadId) throws IOException {
    return locks.uploadLock(uploadId);
  }

  private static ObjectServiceException missing(String key, String versionId) {
    return versionId == null ? new ObjectServiceException(ObjectError.NO_SUCH_KEY, key)
        : new ObjectServiceException(ObjectError.NO_SUCH_VERSION, versionId);
  }
}
