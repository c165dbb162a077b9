package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.blob.LogBlobStore;
import io.cairn.catalog.Versioning;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions and tags through the object service, on the real catalog and blob store. */
class ObjectVersionsTest {
  @TempDir Path dir;
  private StorageRig rig;
  private LogBlobStore blobs;
  private ObjectService objects;
  private ObjectVersions versions;
  private ObjectTagging tagging;

  @BeforeEach
  void open() throws IOException {
    rig = new StorageRig(dir);
    blobs = rig.blobs;
    // Blobs throughout: these tests follow the blobs of versions (InlineObjectsTest: inline ones).
    objects = new ObjectService(rig.objectCatalog(), blobs,
        Clock.systemUTC(), BlobRetirement.immediate(blobs), io.cairn.objects.encryption.KeyRing.none(),
        new java.security.SecureRandom(), 0);
    versions = new ObjectVersions(objects);
    tagging = new ObjectTagging(objects);
    objects.createBucket("u", "b");
  }

  @AfterEach
  void close() throws Exception {
    rig.close();
  }

  private ObjectEntry put(String key, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return objects.putObject("u", "b", key, new ByteArrayInputStream(bytes), bytes.length,
        ObjectMetadata.EMPTY, null, () -> null);
  }

  private static ObjectError error(Throwable e) {
    return ((ObjectServiceException) e).error();
  }

  @Test
  void setVersioning_onlyTheOwner_andNeverBackToUnversioned() throws Exception {
    assertThat(versions.versioning("u", "b")).isEqualTo(Versioning.UNVERSIONED);
    versions.setVersioning("u", "b", Versioning.ENABLED);
    assertThat(versions.versioning("u", "b")).isEqualTo(Versioning.ENABLED);
    assertThatThrownBy(() -> versions.setVersioning("other", "b", Versioning.SUSPENDED))
        .satisfies(e -> assertThat(error(e)).isEqualTo(ObjectError.ACCESS_DENIED));
    assertThatThrownBy(() -> versions.setVersioning("u", "b", Versioning.UNVERSIONED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> versions.setVersioning("u", "nope", Versioning.ENABLED))
        .satisfies(e -> assertThat(error(e)).isEqualTo(ObjectError.NO_SUCH_BUCKET));
  }

  @Test
  void delete_reportsMarkersAndRemovedVersions_andRetiresOnlyRemovedBlobs() throws Exception {
    ObjectEntry plain = put("k", "plain");
    assertThat(versions.delete("u", "b", "k", null))
        .isEqualTo(new ObjectVersions.Deletion(null, false));
    assertThat(blobExists(plain.blobId())).isFalse();

    versions.setVersioning("u", "b", Versioning.ENABLED);
    ObjectEntry v1 = put("k", "one");
    ObjectEntry v2 = put("k", "two");
    assertThat(blobExists(v1.blobId())).isTrue();
    ObjectVersions.Deletion marked = versions.delete("u", "b", "k", null);
    assertThat(marked.deleteMarker()).isTrue();
    assertThat(versions.read("u", "b", "k", null).deleteMarker()).isTrue();
    assertThat(versions.read("u", "b", "k", marked.versionId()).deleteMarker()).isTrue();

    assertThat(versions.delete("u", "b", "k", v2.versionId()))
        .isEqualTo(new ObjectVersions.Deletion(v2.versionId(), false));
    assertThat(blobExists(v2.blobId())).isFalse();
    assertThat(blobExists(v1.blobId())).isTrue();
    assertThat(versions.delete("u", "b", "k", marked.versionId()))
        .isEqualTo(new ObjectVersions.Deletion(marked.versionId(), true));
    assertThat(versions.read("u", "b", "k", null).versionId()).isEqualTo(v1.versionId());
    assertThat(versions.delete("u", "b", "k", v2.versionId()))
        .isEqualTo(new ObjectVersions.Deletion(v2.versionId(), false));
    assertThatThrownBy(() -> versions.delete("u", "b", "k", "bad id"))
        .satisfies(e -> assertThat(error(e)).isEqualTo(ObjectError.INVALID_ARGUMENT));
  }

  @Test
  void read_missingKeyOrVersion_isNoSuchKeyOrNoSuchVersion() throws Exception {
    versions.setVersioning("u", "b", Versioning.ENABLED);
    put("k", "x");
    assertThatThrownBy(() -> versions.read("u", "b", "other", null))
        .satisfies(e -> assertThat(error(e)).isEqualTo(ObjectError.NO_SUCH_KEY));
    assertThatThrownBy(() -> versions.read("u", "b", "k", "null"))
        .satisfies(e -> assertThat(error(e)).isEqualTo(ObjectError.NO_SUCH_VERSION));
    assertThatThrownBy(() -> versions.list("u", "b", null, null, null, "null", 10))
        .satisfies(e -> assertThat(error(e)).isEqualTo(ObjectError.INVALID_ARGUMENT));
  }

  @Test
  void list_marksTheLatestVersionOfEachKey() throws Exception {
    versions.setVersioning("u", "b", Versioning.ENABLED);
    ObjectEntry a1 = put("a", "1");
    ObjectEntry a2 = put("a", "2");
    ObjectEntry b1 = put("b", "1");
    VersionListing page = versions.list("u", "b", null, null, null, null, 2);
    assertThat(page.versions()).extracting(i -> i.entry().versionId(), VersionListing.Item::latest)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(a2.versionId(), true),
            org.assertj.core.groups.Tuple.tuple(a1.versionId(), false));
    assertThat(page.truncated()).isTrue();
    VersionListing rest = versions.list("u", "b", null, null, page.nextKeyMarker(),
        page.nextVersionIdMarker(), 2);
    assertThat(rest.versions()).extracting(i -> i.entry().versionId())
        .containsExactly(b1.versionId());
    assertThat(rest.truncated()).isFalse();
  }

  @Test
  void tags_ofOneVersion_changeNoOtherVersionAndNoData() throws Exception {
    versions.setVersioning("u", "b", Versioning.ENABLED);
    ObjectEntry v1 = put("k", "one");
    ObjectEntry v2 = put("k", "two");
    long logBytes = blobs.stats().logBytes();
    tagging.setObjectTags("u", "b", "k", v1.versionId(), Map.of("a", "1"));
    tagging.setObjectTags("u", "b", "k", null, Map.of("b", "2"));
    assertThat(versions.read("u", "b", "k", v1.versionId()).tags()).isEqualTo(Map.of("a", "1"));
    assertThat(versions.read("u", "b", "k", null).tags()).isEqualTo(Map.of("b", "2"));
    assertThat(versions.read("u", "b", "k", null).versionId()).isEqualTo(v2.versionId());
    assertThat(blobs.stats().logBytes()).isEqualTo(logBytes);

    assertThatThrownBy(() -> tagging.setObjectTags("u", "b", "missing", null, Map.of()))
        .satisfies(e -> assertThat(error(e)).isEqualTo(ObjectError.NO_SUCH_KEY));
    assertThatThrownBy(() -> tagging.setObjectTags("u", "b", "k",
        "0123456789abcdef0123456789abcdef", Map.of()))
        .satisfies(e -> assertThat(error(e)).isEqualTo(ObjectError.NO_SUCH_VERSION));
    assertThatThrownBy(() -> tagging.setBucketTags("u", "b", Map.of("aws:x", "y")))
        .satisfies(e -> assertThat(error(e)).isEqualTo(ObjectError.INVALID_TAG));
    tagging.setBucketTags("u", "b", Map.of("team", "s"));
    assertThat(tagging.bucketTags("u", "b")).isEqualTo(Map.of("team", "s"));
  }

  private boolean blobExists(long blobId) throws IOException {
    try {
      blobs.open(blobId);
      return true;
    } catch (io.cairn.blob.NoSuchBlobException e) {
      return false;
    }
  }
}
