package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 Object Lock through the AWS SDK for Java v2 against a real server whose clock the test moves:
 * lock-enabled buckets, default retention, GOVERNANCE (and its bypass), COMPLIANCE, legal holds.
 */
class S3SdkObjectLockTest {
  /** The server's clock: real time plus an offset the tests advance (less than the 15 minutes of
   * signature skew the server accepts, so signed requests still pass). */
  static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration d) {
      offset = offset.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  private static final MovableClock CLOCK = new MovableClock();
  private static S3TestServer server;
  private static S3Client s3;
  private static S3Client bob;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir, CLOCK);
    s3 = server.client(S3TestServer.ALICE, true);
    bob = server.client(S3TestServer.BOB, true);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    bob.close();
    server.close();
  }

  private static void lockedBucket(String bucket) {
    s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
  }

  private static String put(String bucket, String key) {
    return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("worm"))
        .versionId();
  }

  private static String errorCode(Throwable e) {
    return ((S3Exception) e).awsErrorDetails().errorCode();
  }

  private static void deleteVersion(String bucket, String key, String versionId, boolean bypass) {
    s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId)
        .bypassGovernanceRetention(bypass ? true : null));
  }

  @Test
  void createBucket_withObjectLock_enablesVersioningThatCannotBeSuspended() {
    lockedBucket("lock-create");
    assertThat(s3.getBucketVersioning(b -> b.bucket("lock-create")).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
    assertThat(s3.getObjectLockConfiguration(b -> b.bucket("lock-create"))
        .objectLockConfiguration().objectLockEnabledAsString()).isEqualTo("Enabled");
    assertThatThrownBy(() -> s3.putBucketVersioning(b -> b.bucket("lock-create")
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidBucketState"));
  }

  @Test
  void putObjectLockConfiguration_bucketWithoutVersioning_isInvalidBucketState() {
    s3.createBucket(b -> b.bucket("lock-plain"));
    assertThatThrownBy(() -> s3.putObjectLockConfiguration(b -> b.bucket("lock-plain")
        .objectLockConfiguration(c -> c.objectLockEnabled("Enabled"))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidBucketState"));
    assertThatThrownBy(() -> s3.getObjectLockConfiguration(b -> b.bucket("lock-plain")))
        .satisfies(e -> assertThat(errorCode(e))
            .isEqualTo("ObjectLockConfigurationNotFoundError"));
    String v = put("lock-plain", "k");
    assertThatThrownBy(() -> s3.putObjectLegalHold(b -> b.bucket("lock-plain").key("k")
        .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidRequest"));
    deleteVersion("lock-plain", "k", v, false);
  }

  @Test
  void defaultRetention_appliesToNewVersions_whichCannotBeDeletedButGetAMarker() {
    lockedBucket("lock-default");
    s3.putObjectLockConfiguration(b -> b.bucket("lock-default").objectLockConfiguration(c -> c
        .objectLockEnabled("Enabled")
        .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).days(1)))));
    GetObjectLockConfigurationResponse conf =
        s3.getObjectLockConfiguration(b -> b.bucket("lock-default"));
    assertThat(conf.objectLockConfiguration().rule().defaultRetention().days()).isEqualTo(1);

    String v1 = put("lock-default", "doc");
    HeadObjectResponse head = s3.headObject(b -> b.bucket("lock-default").key("doc"));
    assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
    // Last-Modified is sent to the second; the retention counts from the millisecond.
    Instant lastModified = head.lastModified().plus(1, ChronoUnit.DAYS);
    assertThat(head.objectLockRetainUntilDate())
        .isBetween(lastModified, lastModified.plusSeconds(1));

    String marker = s3.deleteObject(b -> b.bucket("lock-default").key("doc")).versionId();
    assertThat(marker).isNotEqualTo(v1);
    assertThatThrownBy(() -> deleteVersion("lock-default", "doc", v1, true))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    String v2 = put("lock-default", "doc");
    assertThat(v2).isNotEqualTo(v1);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("lock-default").key("doc").versionId(v1))
        .asUtf8String()).isEqualTo("worm");
  }

  @Test
  void governanceRetention_protectsUntilItsDate_thenTheVersionMayGo() {
    lockedBucket("lock-clock");
    String v = put("lock-clock", "k");
    Instant until = CLOCK.instant().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    s3.putObjectRetention(b -> b.bucket("lock-clock").key("k").versionId(v)
        .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until)));
    assertThat(s3.getObjectRetention(b -> b.bucket("lock-clock").key("k").versionId(v))
        .retention().retainUntilDate()).isEqualTo(until);
    assertThatThrownBy(() -> deleteVersion("lock-clock", "k", v, false))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

    CLOCK.advance(Duration.ofMinutes(6));
    deleteVersion("lock-clock", "k", v, false);
    assertThat(s3.listObjectVersions(b -> b.bucket("lock-clock")).versions()).isEmpty();
  }

  @Test
  void governanceRetention_shortenedOrBypassedOnlyWithTheBypassHeader_byTheOwner() {
    lockedBucket("lock-gov");
    String v = put("lock-gov", "k");
    Instant far = Instant.parse("2100-01-01T00:00:00Z");
    s3.putObjectRetention(b -> b.bucket("lock-gov").key("k")
        .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(far)));
    Instant nearer = Instant.parse("2090-01-01T00:00:00Z");
    assertThatThrownBy(() -> s3.putObjectRetention(b -> b.bucket("lock-gov").key("k")
        .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(nearer))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    s3.putObjectRetention(b -> b.bucket("lock-gov").key("k").bypassGovernanceRetention(true)
        .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(nearer)));
    assertThat(s3.getObjectRetention(b -> b.bucket("lock-gov").key("k")).retention()
        .retainUntilDate()).isEqualTo(nearer);

    DeleteObjectsResponse multi = s3.deleteObjects(b -> b.bucket("lock-gov")
        .delete(d -> d.objects(o -> o.key("k").versionId(v))));
    assertThat(multi.errors()).singleElement()
        .satisfies(err -> assertThat(err.code()).isEqualTo("AccessDenied"));
    deleteVersion("lock-gov", "k", v, true);
    assertThat(s3.listObjectVersions(b -> b.bucket("lock-gov")).versions()).isEmpty();
  }

  @Test
  void complianceRetention_cannotBeShortenedOrBypassed_onlyExtended() {
    lockedBucket("lock-comp");
    Instant until = Instant.parse("2100-01-01T00:00:00Z");
    String v = s3.putObject(b -> b.bucket("lock-comp").key("k")
        .objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until),
        RequestBody.fromString("worm")).versionId();
    assertThatThrownBy(() -> s3.putObjectRetention(b -> b.bucket("lock-comp").key("k")
        .bypassGovernanceRetention(true)
        .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> deleteVersion("lock-comp", "k", v, true))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    Instant later = Instant.parse("2101-01-01T00:00:00Z");
    s3.putObjectRetention(b -> b.bucket("lock-comp").key("k")
        .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(later)));
    assertThat(s3.headObject(b -> b.bucket("lock-comp").key("k")).objectLockRetainUntilDate())
        .isEqualTo(later);
  }

  @Test
  void legalHold_onBlocksDeletion_offReleasesIt_andMultipartUploadsCarryIt() {
    lockedBucket("lock-hold");
    String upload = s3.createMultipartUpload(b -> b.bucket("lock-hold").key("k")
        .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)).uploadId();
    String etag = s3.uploadPart(b -> b.bucket("lock-hold").key("k").uploadId(upload)
        .partNumber(1), RequestBody.fromString("held")).eTag();
    String v = s3.completeMultipartUpload(b -> b.bucket("lock-hold").key("k").uploadId(upload)
        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))).versionId();
    assertThat(s3.getObjectLegalHold(b -> b.bucket("lock-hold").key("k")).legalHold().status())
        .isEqualTo(ObjectLockLegalHoldStatus.ON);
    assertThat(s3.headObject(b -> b.bucket("lock-hold").key("k")).objectLockLegalHoldStatus())
        .isEqualTo(ObjectLockLegalHoldStatus.ON);
    assertThatThrownBy(() -> deleteVersion("lock-hold", "k", v, true))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

    s3.putObjectLegalHold(b -> b.bucket("lock-hold").key("k").versionId(v)
        .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
    assertThat(s3.getObjectLegalHold(b -> b.bucket("lock-hold").key("k")).legalHold().status())
        .isEqualTo(ObjectLockLegalHoldStatus.OFF);
    deleteVersion("lock-hold", "k", v, false);
    assertThat(s3.listObjectVersions(b -> b.bucket("lock-hold")).versions()).isEmpty();
  }

  @Test
  void objectRetention_readByOthersWithoutReadAccess_isDenied() {
    lockedBucket("lock-access");
    put("lock-access", "k");
    s3.putObjectLegalHold(b -> b.bucket("lock-access").key("k")
        .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
    assertThatThrownBy(() -> bob.getObjectLegalHold(b -> b.bucket("lock-access").key("k")))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> bob.putObjectLegalHold(b -> b.bucket("lock-access").key("k")
        .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> bob.putObjectLockConfiguration(b -> b.bucket("lock-access")
        .objectLockConfiguration(c -> c.objectLockEnabled("Enabled"))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
  }
}
