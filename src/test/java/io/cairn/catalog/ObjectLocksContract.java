package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Object Lock columns of versions and uploads, and deletions checked against them. */
interface ObjectLocksContract extends CatalogFixture {
  Instant UNTIL = Instant.parse("2100-01-01T00:00:00.123Z");

  @Test
  default void change_setsRetentionAndLegalHold_perVersion_andLatestByDefault() throws Exception {
    versionedBucket("L");
    ObjectEntry v1 = put("L", "k", 1).stored();
    ObjectEntry v2 = put("L", "k", 2).stored();
    ObjectLocks locks = catalog().objectLocks();
    assertThat(locks.lock("L", "k", v1.versionId())).contains(VersionLock.NONE);

    assertThat(locks.change("L", "k", v1.versionId(),
        c -> c.withRetention("COMPLIANCE", UNTIL))).isEqualTo(v1.versionId());
    assertThat(locks.change("L", "k", null, c -> c.withLegalHold(false)))
        .isEqualTo(v2.versionId());

    assertThat(locks.lock("L", "k", v1.versionId()))
        .contains(new VersionLock("COMPLIANCE", UNTIL, null));
    assertThat(locks.lock("L", "k", null)).contains(new VersionLock(null, null, false));
    assertThat(locks.lock("L", "k", "nosuchversion")).isEmpty();
  }

  @Test
  default void change_refusedByTheDecision_changesNothing() throws Exception {
    versionedBucket("L");
    ObjectEntry v = put("L", "k", 1).stored();
    ObjectLocks locks = catalog().objectLocks();
    locks.change("L", "k", v.versionId(), c -> c.withLegalHold(true));
    assertThatThrownBy(() -> locks.change("L", "k", v.versionId(), c -> {
      throw new ConflictException("no");
    })).isInstanceOf(ConflictException.class);
    assertThat(locks.lock("L", "k", v.versionId())).contains(new VersionLock(null, null, true));
    assertThatThrownBy(() -> locks.change("L", "missing", null, c -> c))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> locks.lock("nope", "k", null)).isInstanceOf(NotFoundException.class);
  }

  @Test
  default void deleteVersion_removesOnlyWhatTheLockAllows_andPromotesTheNextNewest()
      throws Exception {
    versionedBucket("L");
    ObjectEntry v1 = put("L", "k", 1).stored();
    ObjectEntry v2 = put("L", "k", 2).stored();
    ObjectLocks locks = catalog().objectLocks();
    locks.change("L", "k", v2.versionId(), c -> c.withLegalHold(true));

    assertThatThrownBy(() -> locks.deleteVersion("L", "k", v2.versionId(),
        l -> !Boolean.TRUE.equals(l.legalHold()))).isInstanceOf(ConflictException.class);
    assertThat(catalog().objects().latest("L", "k").orElseThrow().versionId())
        .isEqualTo(v2.versionId());

    locks.change("L", "k", v2.versionId(), c -> c.withLegalHold(false));
    assertThat(locks.deleteVersion("L", "k", v2.versionId(),
        l -> !Boolean.TRUE.equals(l.legalHold()))).map(ObjectEntry::blobId).contains(2L);
    assertThat(catalog().objects().latest("L", "k").orElseThrow().versionId())
        .isEqualTo(v1.versionId());
    assertThat(locks.deleteVersion("L", "k", "gone", l -> true)).isEmpty();
  }

  @Test
  default void put_withInitialLock_storesItInTheVersionRow_fromItsCreationTime() throws Exception {
    versionedBucket("L");
    Instant[] seen = new Instant[1];
    PutOutcome out = catalog().objects().put("L", ObjectDraft.of("k", 1, 1, "e", "owner-1")
        .withLock(created -> {
          seen[0] = created;
          return new VersionLock("GOVERNANCE", created.plusSeconds(60), true);
        }));
    ObjectEntry stored = out.stored();
    VersionLock expected = new VersionLock("GOVERNANCE", stored.lastModified().plusSeconds(60), true);
    assertThat(seen[0]).isEqualTo(stored.lastModified());
    assertThat(stored.lock()).isEqualTo(expected);
    assertThat(catalog().objects().latest("L", "k").orElseThrow().lock()).isEqualTo(expected);
    assertThat(catalog().objects().version("L", "k", stored.versionId()).orElseThrow().lock())
        .isEqualTo(expected);
    assertThat(catalog().objectLocks().lock("L", "k", null)).contains(expected);
    assertThat(catalog().objects().list("L", null, null, null, 10).objects())
        .extracting(ObjectEntry::lock).containsExactly(expected);
  }

  @Test
  default void put_inUnversionedBucket_neverAsksTheInitialLock() throws Exception {
    bucket("U");
    ObjectEntry stored = catalog().objects().put("U", ObjectDraft.of("k", 1, 1, "e", "owner-1")
        .withLock(created -> {
          throw new AssertionError("asked for the null version");
        })).stored();
    assertThat(stored.lock()).isEqualTo(VersionLock.NONE);
  }

  @Test
  default void put_whoseInitialLockThrows_storesNothing() throws Exception {
    versionedBucket("L");
    assertThatThrownBy(() -> catalog().objects().put("L",
        ObjectDraft.of("k", 1, 1, "e", "owner-1").withLock(created -> {
          throw new ConflictException("refused");
        }))).isInstanceOf(ConflictException.class);
    assertThat(catalog().objects().latest("L", "k")).isEmpty();
  }

  @Test
  default void uploadLock_isRecordedPerUpload() throws Exception {
    bucket("L");
    MultipartUpload u = catalog().multipartUploads().create("L", UploadDraft.of("k", "owner-1"));
    ObjectLocks locks = catalog().objectLocks();
    assertThat(locks.uploadLock(u.uploadId())).isEmpty();
    locks.setUploadLock(u.uploadId(), "GOVERNANCE 2100-01-01T00:00:00Z true");
    assertThat(locks.uploadLock(u.uploadId())).contains("GOVERNANCE 2100-01-01T00:00:00Z true");
    assertThatThrownBy(() -> locks.setUploadLock("nope", "x"))
        .isInstanceOf(NotFoundException.class);
  }
}
