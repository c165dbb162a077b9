package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Object versions with S3 versioning semantics (unset, enabled, suspended). */
interface ObjectEntriesContract extends CatalogFixture {

  @Test
  default void put_withEveryField_roundTrips() throws Exception {
    bucket("b1");
    ObjectDraft draft =
        new ObjectDraft(
            "dir/file.txt",
            99,
            12345,
            "\"0123abcd\"",
            new ContentHeaders("text/plain", "gzip", "attachment; filename=\"f.txt\"", "fr",
                "max-age=60", "Thu, 01 Dec 2094 16:00:00 GMT"),
            Map.of("color", "blue", "note", "héllo wörld"),
            new Checksum("CRC32C", "yZRlqg=="),
            "owner-9",
            new Acl(List.of(new Acl.Grant(Acl.GranteeType.CANONICAL_USER, "u7", Acl.Permission.READ_ACP))),
            Map.of("k", "v"),
            "STANDARD_IA");

    PutOutcome outcome = catalog().objects().put("b1", draft);
    ObjectEntry got = catalog().objects().latest("b1", "dir/file.txt").orElseThrow();

    assertThat(got).isEqualTo(outcome.stored());
    assertThat(got.versionId()).isEqualTo(ObjectEntries.NULL_VERSION);
    assertThat(got.latest()).isTrue();
    assertThat(got.deleteMarker()).isFalse();
    assertThat(got.blobId()).isEqualTo(99);
    assertThat(got.size()).isEqualTo(12345);
    assertThat(got.headers()).isEqualTo(draft.headers());
    assertThat(got.userMetadata()).isEqualTo(draft.userMetadata());
    assertThat(got.checksum()).isEqualTo(draft.checksum());
    assertThat(got.acl()).isEqualTo(draft.acl());
    assertThat(got.tags()).isEqualTo(Map.of("k", "v"));
    assertThat(got.storageClass()).isEqualTo("STANDARD_IA");
    assertThat(got.owner()).isEqualTo("owner-9");
    assertThat(outcome.replaced()).isEmpty();
  }

  @Test
  default void put_withDefaults_storesStandardClassAndNoChecksum() throws Exception {
    bucket("b1");
    ObjectEntry got = put("b1", "k", 1).stored();
    assertThat(got.storageClass()).isEqualTo("STANDARD");
    assertThat(got.checksum()).isNull();
    assertThat(got.headers()).isEqualTo(ContentHeaders.none());
  }

  @Test
  default void put_intoMissingBucket_isNotFound() {
    assertThatThrownBy(() -> put("nope", "k", 1)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> catalog().objects().latest("nope", "k"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void put_withEmptyKeyOrNulOrNoOwner_isRejected() throws Exception {
    bucket("b1");
    assertThatThrownBy(() -> put("b1", "", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> put("b1", "a\u0000b", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> catalog().objects().put("b1", ObjectDraft.of("k", 1, 1, "e", null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(catalog().objects().list("b1", null, null, null, 10).objects()).isEmpty();
    assertThat(catalog().objects().delete("b1", "k", null).removed()).isEmpty();
    versionedBucket("v");
    assertThatThrownBy(() -> catalog().objects().delete("v", "k", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(catalog().objects().listVersions("v", null, null, null, null, 10).versions()).isEmpty();
  }

  @Test
  default void put_unversioned_replacesAndHandsBackTheOldBlob() throws Exception {
    bucket("b1");
    put("b1", "k", 1);
    PutOutcome second = put("b1", "k", 2);

    assertThat(second.replaced().orElseThrow().blobId()).isEqualTo(1);
    assertThat(catalog().objects().latest("b1", "k").orElseThrow().blobId()).isEqualTo(2);
    assertThat(catalog().objects().listVersions("b1", null, null, null, null, 10).versions())
        .hasSize(1);
  }

  @Test
  default void put_versioned_keepsEveryVersionNewestLatest() throws Exception {
    versionedBucket("v");
    ObjectEntry v1 = put("v", "k", 1).stored();
    ObjectEntry v2 = put("v", "k", 2).stored();
    PutOutcome third = put("v", "k", 3);

    assertThat(third.replaced()).isEmpty();
    assertThat(v1.versionId()).isNotEqualTo(v2.versionId()).isNotEqualTo(ObjectEntries.NULL_VERSION);
    assertThat(catalog().objects().latest("v", "k").orElseThrow().blobId()).isEqualTo(3);
    assertThat(catalog().objects().version("v", "k", v1.versionId()).orElseThrow().latest()).isFalse();
    assertThat(catalog().objects().listVersions("v", null, null, null, null, 10).versions())
        .extracting(ObjectEntry::blobId)
        .containsExactly(3L, 2L, 1L);
  }

  @Test
  default void put_suspended_replacesOnlyTheNullVersion() throws Exception {
    bucket("s");
    put("s", "k", 1); // null version from before versioning
    catalog().buckets().setVersioning("s", Versioning.ENABLED);
    ObjectEntry enabled = put("s", "k", 2).stored();
    catalog().buckets().setVersioning("s", Versioning.SUSPENDED);

    PutOutcome suspended = put("s", "k", 3);

    assertThat(suspended.stored().versionId()).isEqualTo(ObjectEntries.NULL_VERSION);
    assertThat(suspended.replaced().orElseThrow().blobId()).isEqualTo(1);
    assertThat(catalog().objects().listVersions("s", null, null, null, null, 10).versions())
        .extracting(ObjectEntry::blobId, ObjectEntry::latest)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, true),
            org.assertj.core.groups.Tuple.tuple(2L, false));
    assertThat(catalog().objects().version("s", "k", enabled.versionId())).isPresent();
  }

  @Test
  default void delete_unversioned_removesTheObject() throws Exception {
    bucket("b1");
    put("b1", "k", 1);
    DeleteOutcome outcome = catalog().objects().delete("b1", "k", "owner-1");
    assertThat(outcome.removed().orElseThrow().blobId()).isEqualTo(1);
    assertThat(outcome.deleteMarker()).isEmpty();
    assertThat(catalog().objects().latest("b1", "k")).isEmpty();
    DeleteOutcome again = catalog().objects().delete("b1", "k", "owner-1");
    assertThat(again.removed()).isEmpty();
  }

  @Test
  default void delete_versioned_addsMarkerThatHidesTheKey() throws Exception {
    versionedBucket("v");
    put("v", "k", 1);
    DeleteOutcome outcome = catalog().objects().delete("v", "k", "deleter");

    ObjectEntry marker = outcome.deleteMarker().orElseThrow();
    assertThat(outcome.removed()).isEmpty();
    assertThat(marker.deleteMarker()).isTrue();
    assertThat(marker.owner()).isEqualTo("deleter");
    assertThat(catalog().objects().latest("v", "k").orElseThrow()).isEqualTo(marker);
    assertThat(catalog().objects().list("v", null, null, null, 10).objects()).isEmpty();
    assertThat(catalog().objects().listVersions("v", null, null, null, null, 10).versions())
        .extracting(ObjectEntry::deleteMarker)
        .containsExactly(true, false);
  }

  @Test
  default void deleteVersion_ofMarker_restoresThePreviousVersion() throws Exception {
    versionedBucket("v");
    put("v", "k", 1);
    ObjectEntry marker = catalog().objects().delete("v", "k", "u").deleteMarker().orElseThrow();

    Object removed = catalog().objects().deleteVersion("v", "k", marker.versionId()).orElseThrow();

    assertThat(removed).isEqualTo(marker);
    ObjectEntry latest = catalog().objects().latest("v", "k").orElseThrow();
    assertThat(latest.blobId()).isEqualTo(1);
    assertThat(latest.latest()).isTrue();
  }

  @Test
  default void deleteVersion_ofOlderVersion_keepsLatest_andUnknownIsEmpty() throws Exception {
    versionedBucket("v");
    ObjectEntry v1 = put("v", "k", 1).stored();
    put("v", "k", 2);
    assertThat(catalog().objects().deleteVersion("v", "k", v1.versionId())).isPresent();
    assertThat(catalog().objects().latest("v", "k").orElseThrow().blobId()).isEqualTo(2);
    assertThat(catalog().objects().deleteVersion("v", "k", "no-such-version")).isEmpty();
    assertThat(catalog().objects().deleteVersion("v", "k",
        catalog().objects().latest("v", "k").orElseThrow().versionId())).isPresent();
    assertThat(catalog().objects().latest("v", "k")).isEmpty();
  }

  @Test
  default void delete_suspended_replacesNullVersionWithNullMarker() throws Exception {
    bucket("s");
    put("s", "k", 1);
    catalog().buckets().setVersioning("s", Versioning.ENABLED);
    put("s", "k", 2);
    catalog().buckets().setVersioning("s", Versioning.SUSPENDED);

    DeleteOutcome outcome = catalog().objects().delete("s", "k", "u");

    assertThat(outcome.removed().orElseThrow().blobId()).isEqualTo(1);
    assertThat(outcome.deleteMarker().orElseThrow().versionId()).isEqualTo(ObjectEntries.NULL_VERSION);
    assertThat(catalog().objects().listVersions("s", null, null, null, null, 10).versions())
        .extracting(ObjectEntry::deleteMarker, ObjectEntry::blobId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(true, 0L),
            org.assertj.core.groups.Tuple.tuple(false, 2L));
  }

  @Test
  default void setAclAndTags_onLatestOrVersion_replaceThem() throws Exception {
    versionedBucket("v");
    ObjectEntry v1 = put("v", "k", 1).stored();
    put("v", "k", 2);
    Acl acl = new Acl(List.of(new Acl.Grant(Acl.GranteeType.ALL_USERS, null, Acl.Permission.READ)));

    catalog().objects().setAcl("v", "k", null, acl);
    catalog().objects().setTags("v", "k", v1.versionId(), Map.of("old", "yes"));

    assertThat(catalog().objects().latest("v", "k").orElseThrow().acl()).isEqualTo(acl);
    assertThat(catalog().objects().version("v", "k", v1.versionId()).orElseThrow().tags())
        .isEqualTo(Map.of("old", "yes"));
    assertThat(catalog().objects().version("v", "k", v1.versionId()).orElseThrow().acl())
        .isEqualTo(Acl.none());
  }

  @Test
  default void setAcl_onMissingObjectOrDeleteMarker_isNotFound() throws Exception {
    versionedBucket("v");
    assertThatThrownBy(() -> catalog().objects().setAcl("v", "none", null, Acl.none()))
        .isInstanceOf(NotFoundException.class);
    put("v", "k", 1);
    catalog().objects().delete("v", "k", "u");
    assertThatThrownBy(() -> catalog().objects().setTags("v", "k", null, Map.of()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void put_withEncryption_roundTripsTheDocument_uploadsKeepTheirs() throws Exception {
    bucket("enc");
    String document = "{\"mode\":\"KMS\",\"keyId\":\"k1\",\"key\":\"AAEC\",\"ivs\":[]}";
    MultipartUpload upload = catalog().multipartUploads().create("enc", new UploadDraft("mp",
        "o", "o", ContentHeaders.none(), Map.of(), null, null, Map.of(), Acl.none(), document));
    assertThat(catalog().multipartUploads().get(upload.uploadId()).encryption()).isEqualTo(document);

    String withIvs = document.replace("[]", "[\"AAAAAAAAAAAAAAAAAAAAAA==\"]");
    catalog().multipartUploads().complete(upload.uploadId(), new ObjectDraft("mp", 5, 1, "e-1",
        ContentHeaders.none(), Map.of(), null, "o", Acl.none(), Map.of(), null, List.of(1L),
        withIvs));
    assertThat(catalog().objects().latest("enc", "mp").orElseThrow().encryption())
        .isEqualTo(withIvs);
    assertThat(put("enc", "plain", 1).stored().encryption()).isNull();
  }
}
