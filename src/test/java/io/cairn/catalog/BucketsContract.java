package io.cairn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

interface BucketsContract extends CatalogFixture {

  @Test
  default void create_thenGet_returnsTheBucketUnversioned() throws Exception {
    Acl acl =
        new Acl(
            List.of(
                new Acl.Grant(Acl.GranteeType.ALL_USERS, null, Acl.Permission.READ),
                new Acl.Grant(Acl.GranteeType.CANONICAL_USER, "u2", Acl.Permission.FULL_CONTROL)));
    Bucket created = catalog().buckets().create("photos", "u1", "eu-west-1", acl);

    Bucket got = catalog().buckets().get("photos");

    assertThat(got).isEqualTo(created);
    assertThat(got.versioning()).isEqualTo(Versioning.UNVERSIONED);
    assertThat(got.acl()).isEqualTo(acl);
    assertThat(got.region()).isEqualTo("eu-west-1");
  }

  @Test
  default void create_withTakenName_isAlreadyExistsEvenForAnotherOwner() throws Exception {
    bucket("b1");
    assertThatThrownBy(() -> catalog().buckets().create("b1", "someone-else", "us-east-1", null))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(catalog().buckets().get("b1").owner()).isEqualTo("owner-1");
  }

  @Test
  default void list_andListByOwner_areOrderedByName() throws Exception {
    catalog().buckets().create("zeta", "u1", "us-east-1", null);
    catalog().buckets().create("alpha", "u2", "us-east-1", null);
    catalog().buckets().create("mid", "u1", "us-east-1", null);
    assertThat(catalog().buckets().list()).extracting(Bucket::name).containsExactly("alpha", "mid", "zeta");
    assertThat(catalog().buckets().listByOwner("u1")).extracting(Bucket::name).containsExactly("mid", "zeta");
  }

  @Test
  default void setVersioning_enableThenSuspend_isStoredAndCannotBeUnset() throws Exception {
    bucket("b1");
    catalog().buckets().setVersioning("b1", Versioning.ENABLED);
    assertThat(catalog().buckets().get("b1").versioning()).isEqualTo(Versioning.ENABLED);
    catalog().buckets().setVersioning("b1", Versioning.SUSPENDED);
    assertThat(catalog().buckets().get("b1").versioning()).isEqualTo(Versioning.SUSPENDED);
    assertThatThrownBy(() -> catalog().buckets().setVersioning("b1", Versioning.UNVERSIONED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> catalog().buckets().setVersioning("nope", Versioning.ENABLED))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void setAclAndTags_replaceThem() throws Exception {
    bucket("b1");
    Acl acl = new Acl(List.of(new Acl.Grant(Acl.GranteeType.AUTHENTICATED_USERS, null, Acl.Permission.WRITE)));
    catalog().buckets().setAcl("b1", acl);
    catalog().buckets().setTags("b1", Map.of("team", "storage", "env", "prod"));
    Bucket got = catalog().buckets().get("b1");
    assertThat(got.acl()).isEqualTo(acl);
    assertThat(got.tags()).isEqualTo(Map.of("team", "storage", "env", "prod"));
    assertThatThrownBy(() -> catalog().buckets().setTags("nope", Map.of()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void delete_ofEmptyBucket_removesIt() throws Exception {
    bucket("b1");
    catalog().buckets().delete("b1");
    assertThat(catalog().buckets().find("b1")).isEmpty();
    assertThatThrownBy(() -> catalog().buckets().get("b1")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> catalog().buckets().delete("b1")).isInstanceOf(NotFoundException.class);
  }

  @Test
  default void delete_withObjectOrOnlyDeleteMarkerOrUpload_isConflict() throws Exception {
    bucket("objects");
    put("objects", "k", 1);
    versionedBucket("markers");
    put("markers", "k", 2);
    catalog().objects().deleteVersion("markers", "k",
        catalog().objects().latest("markers", "k").orElseThrow().versionId());
    catalog().objects().delete("markers", "k", "owner-1"); // leaves only a delete marker
    bucket("uploads");
    catalog().multipartUploads().create("uploads", UploadDraft.of("k", "owner-1"));

    for (String name : List.of("objects", "markers", "uploads")) {
      assertThatThrownBy(() -> catalog().buckets().delete(name))
          .as(name)
          .isInstanceOf(ConflictException.class);
      assertThat(catalog().buckets().find(name)).as(name).isPresent();
    }
  }

  @Test
  default void configs_storeReplaceAndDeleteDocumentsPerKind() throws Exception {
    bucket("b1");
    catalog().buckets().setConfig("b1", "policy", "{\"Version\":\"2012-10-17\"}");
    catalog().buckets().setConfig("b1", "cors", "<CORSConfiguration/>");
    catalog().buckets().setConfig("b1", "policy", "{\"Statement\":[]}");

    assertThat(catalog().buckets().config("b1", "policy")).contains("{\"Statement\":[]}");
    assertThat(catalog().buckets().config("b1", "cors")).contains("<CORSConfiguration/>");
    assertThat(catalog().buckets().config("b1", "lifecycle")).isEmpty();
    assertThat(catalog().buckets().deleteConfig("b1", "cors")).isTrue();
    assertThat(catalog().buckets().deleteConfig("b1", "cors")).isFalse();
    assertThat(catalog().buckets().config("b1", "cors")).isEmpty();
    assertThatThrownBy(() -> catalog().buckets().setConfig("nope", "policy", "{}"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> catalog().buckets().config("nope", "policy"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void delete_ofBucketWithConfigs_removesThemToo() throws Exception {
    bucket("b1");
    catalog().buckets().setConfig("b1", "policy", "{}");
    catalog().buckets().delete("b1");
    bucket("b1");
    assertThat(catalog().buckets().config("b1", "policy")).isEmpty();
  }

  @Test
  default void invalidGrant_isRejected() {
    assertThatThrownBy(() -> new Acl.Grant(Acl.GranteeType.CANONICAL_USER, null, Acl.Permission.READ))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Acl.Grant(Acl.GranteeType.ALL_USERS, "x", Acl.Permission.READ))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
