package io.cairn.objects;

import io.cairn.catalog.Acl.Permission;
import java.io.IOException;
import java.util.Map;

/**
 * Tag sets of object versions and of buckets, with S3's limits. A tag change rewrites one catalog
 * row: it makes no new version and touches no data. Same durability, access and thread-safety
 * contract as {@link ObjectService}.
 */
public final class ObjectTagging {
  /** S3: at most 10 tags per object version. */
  public static final int MAX_OBJECT_TAGS = 10;
  /** S3: at most 50 tags per bucket. */
  public static final int MAX_BUCKET_TAGS = 50;
  /** S3: a tag key is 1 to 128 Unicode characters. */
  public static final int MAX_KEY_LENGTH = 128;
  /** S3: a tag value is 0 to 256 Unicode characters. */
  public static final int MAX_VALUE_LENGTH = 256;
  /** Keys with this prefix are reserved to the system (AWS tag restrictions). */
  private static final String RESERVED_PREFIX = "aws:";

  private final ObjectService objects;
  private final ObjectCatalog catalog;
  private final ObjectVersions versions;

  public ObjectTagging(ObjectService objects) {
    this.objects = objects;
    this.catalog = objects.catalog();
    this.versions = new ObjectVersions(objects);
  }

  /** INVALID_TAG unless {@code tags} is a valid object tag set. */
  public static void checkObjectTags(Map<String, String> tags) throws ObjectServiceException {
    check(tags, MAX_OBJECT_TAGS, "Object tags cannot be greater than " + MAX_OBJECT_TAGS);
  }

  /** INVALID_TAG unless {@code tags} is a valid bucket tag set. */
  public static void checkBucketTags(Map<String, String> tags) throws ObjectServiceException {
    check(tags, MAX_BUCKET_TAGS, "Bucket tag count cannot be greater than " + MAX_BUCKET_TAGS);
  }

  private static void check(Map<String, String> tags, int max, String tooMany)
      throws ObjectServiceException {
    if (tags.size() > max) {
      throw new ObjectServiceException(ObjectError.INVALID_TAG, tooMany);
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      int keyLength = key.codePointCount(0, key.length());
      if (keyLength == 0 || keyLength > MAX_KEY_LENGTH) {
        throw new ObjectServiceException(ObjectError.INVALID_TAG,
            "The TagKey you have provided is invalid");
      }
      String value = tag.getValue();
      if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
        throw new ObjectServiceException(ObjectError.INVALID_TAG,
            "The TagValue you have provided is invalid");
      }
      if (key.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
        throw new ObjectServiceException(ObjectError.INVALID_TAG,
            "System tags cannot be added/updated by requester");
      }
    }
  }

  /**
   * Replaces the tag set of an object version ({@code versionId} null: the latest, which must not
   * be a delete marker; empty tags: none). INVALID_TAG beyond the limits; NO_SUCH_KEY or
   * NO_SUCH_VERSION when there is no such version.
   */
  public void setObjectTags(String owner, String bucket, String key, String versionId,
      Map<String, String> tags) throws IOException {
    checkObjectTags(tags);
    // The tags go to the version whose permission was checked (see AccessControl#replace).
    ObjectEntry checked = versions.read(owner, bucket, key, versionId, Permission.WRITE);
    catalog.setObjectTags(bucket, key, checked.versionId(), tags);
  }

  /** A bucket's tag set, empty when it has none. */
  public Map<String, String> bucketTags(String owner, String bucket) throws IOException {
    return objects.bucket(owner, bucket).tags();
  }

  /** Replaces a bucket's tag set (empty: none). INVALID_TAG beyond the limits. */
  public void setBucketTags(String owner, String bucket, Map<String, String> tags)
      throws IOException {
    checkBucketTags(tags);
    objects.bucket(owner, bucket);
    catalog.setBucketTags(bucket, tags);
  }
}
