package io.cairn.s3;

import io.cairn.catalog.Acl.Permission;
import io.cairn.objects.Bucket;
import io.cairn.objects.ObjectError;
import io.cairn.objects.ObjectService;
import io.cairn.objects.ObjectServiceException;
import java.io.IOException;
import java.util.List;

/** ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation. */
final class BucketOperations {
  /** The largest page of ListBuckets. */
  static final int MAX_BUCKETS = 10_000;
  private final ObjectService objects;
  private final String region;
  private final ObjectLockOperations objectLock;

  BucketOperations(ObjectService objects, String region) {
    this.objects = objects;
    this.region = region;
    this.objectLock = new ObjectLockOperations(objects);
  }

  /**
   * ListBuckets, by name: all of them, or pages of {@code max-buckets} (1 to 10000) continued by
   * an opaque {@code continuation-token}, optionally only names starting with {@code prefix}.
   */
  void listBuckets(S3Exchange x) throws IOException {
    S3Request r = x.request();
    String prefix = r.param("prefix");
    String token = r.param("continuation-token");
    String after = token == null || token.isEmpty() ? null : ListingOperations.decodeToken(token);
    int max = Integer.MAX_VALUE;
    if (r.param("max-buckets") != null) {
      max = r.intParam("max-buckets", MAX_BUCKETS, Integer.MAX_VALUE);
      if (max < 1 || max > MAX_BUCKETS) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
            "max-buckets must be between 1 and " + MAX_BUCKETS);
      }
    }
    XmlDocument doc = XmlDocument.of("ListAllMyBucketsResult");
    if (x.owner() != null) {
      owner(doc, "Owner", x.owner(), objects);
    }
    doc.start("Buckets");
    int listed = 0;
    String last = null;
    boolean more = false;
    // An anonymous caller owns no bucket: its list is empty (RGW; S3 refuses it).
    for (Bucket b : x.owner() == null ? List.<Bucket>of() : objects.listBuckets(x.owner())) {
      if ((prefix != null && !b.name().startsWith(prefix))
          || (after != null && b.name().compareTo(after) <= 0)) {
        continue;
      }
      if (listed == max) {
        more = true;
        break;
      }
      doc.start("Bucket").element("Name", b.name()).element("CreationDate", b.created())
          .element("BucketRegion", region).end();
      listed++;
      last = b.name();
    }
    doc.end();
    if (more) {
      doc.element("ContinuationToken", ListingOperations.encodeToken(last));
    }
    doc.element("Prefix", prefix);
    x.replyXml(doc);
  }

  void create(S3Exchange x) throws IOException {
    BucketNames.check(x.bucket());
    XmlBodies.createBucketConfiguration(x.body());
    try {
      objects.createBucket(x.owner(), x.bucket(), AclRequests.fromHeaders(x.request()));
    } catch (ObjectServiceException e) {
      // S3 CreateBucket: in us-east-1, for legacy compatibility, re-creating a bucket you own
      // succeeds (and changes nothing here); every other region answers BucketAlreadyOwnedByYou.
      if (e.error() != ObjectError.BUCKET_ALREADY_OWNED_BY_YOU || !region.equals("us-east-1")) {
        throw e;
      }
    }
    objectLock.afterCreateBucket(x);
    x.header("Location", "/" + x.bucket());
    x.replyEmpty(200);
  }

  void head(S3Exchange x) throws IOException {
    objects.bucket(x.owner(), x.bucket(), Permission.READ);
    x.header("x-amz-bucket-region", region);
    x.replyEmpty(200);
  }

  void delete(S3Exchange x) throws IOException {
    objects.deleteBucket(x.owner(), x.bucket());
    x.replyEmpty(204);
  }

  void location(S3Exchange x) throws IOException {
    objects.bucket(x.owner(), x.bucket(), Permission.READ);
    // us-east-1 is spelled as an empty LocationConstraint (S3 GetBucketLocation).
    XmlDocument doc = XmlDocument.of("LocationConstraint");
    if (!region.equals("us-east-1")) {
      doc.text(region);
    }
    x.replyXml(doc);
  }

  /** {@code <element><ID>id</ID><DisplayName>name</DisplayName></element>}: the user's name. */
  static void owner(XmlDocument doc, String element, String owner, ObjectService objects)
      throws IOException {
    doc.start(element).element("ID", owner).element("DisplayName", objects.displayName(owner))
        .end();
  }
}
