package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Versioning;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PutObjectAcl / PutObjectTagging without a version id write to the version whose permission
 * they checked, not to whatever version is latest when the catalog commits: a version written in
 * between must not get an ACL (or tags) from someone who had no permission on it.
 */
class AclVersionRaceTest {
  @TempDir Path dir;
  private StorageRig storage;
  private ObjectService objects;
  private ObjectCatalog real;
  private final AtomicReference<IoAction> beforeSet = new AtomicReference<>();

  interface IoAction {
    void run() throws IOException;
  }

  @BeforeEach
  void open() throws IOException {
    storage = new StorageRig(dir);
    real = storage.objectCatalog();
    ObjectCatalog racing = (ObjectCatalog) Proxy.newProxyInstance(
        ObjectCatalog.class.getClassLoader(), new Class<?>[] {ObjectCatalog.class},
        (proxy, method, args) -> {
          if (method.getName().equals("setObjectAcl")
              || method.getName().equals("setObjectTags")) {
            IoAction action = beforeSet.getAndSet(null);
            if (action != null) {
              action.run();
            }
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    objects = new ObjectService(racing, storage.blobs, Clock.systemUTC(),
        BlobRetirement.immediate(storage.blobs), io.cairn.objects.encryption.KeyRing.none(),
        new java.security.SecureRandom(), 0);
    objects.createBucket("u", "b");
    real.setVersioning("b", Versioning.ENABLED);
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  private ObjectEntry put(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return objects.putObject("u", "b", "k", new ByteArrayInputStream(bytes), bytes.length,
        ObjectMetadata.EMPTY, null, () -> null);
  }

  @Test
  void putAcl_byAGranteeOfTheOldVersion_mustNotChangeANewerVersionItHasNoRightsOn()
      throws Exception {
    ObjectEntry shared = put("shared with v");
    real.setObjectAcl("b", "k", shared.versionId(), new Acl(List.of(
        new Acl.Grant(Acl.GranteeType.CANONICAL_USER, "v", Acl.Permission.FULL_CONTROL))));
    // v (FULL_CONTROL on the current version) makes it public; meanwhile the owner writes a new,
    // private version.
    AtomicReference<ObjectEntry> secret = new AtomicReference<>();
    beforeSet.set(() -> secret.set(put("private to u")));
    new AccessControl(objects).replace("v", new AccessControl.Resource("b", "k"),
        RequestedAcl.of(CannedAcl.PUBLIC_READ));

    ObjectEntry newest = real.version("b", "k", secret.get().versionId()).orElseThrow();
    assertThat(newest.acl().grants())
        .as("u's new private version must not get the ACL v set (v has no WRITE_ACP on it)")
        .isEmpty();
  }

  @Test
  void putTagging_byAGranteeOfTheOldVersion_mustNotTagANewerVersionItHasNoRightsOn()
      throws Exception {
    ObjectEntry shared = put("shared with v");
    real.setObjectAcl("b", "k", shared.versionId(), new Acl(List.of(
        new Acl.Grant(Acl.GranteeType.CANONICAL_USER, "v", Acl.Permission.WRITE))));
    AtomicReference<ObjectEntry> secret = new AtomicReference<>();
    beforeSet.set(() -> secret.set(put("private to u")));
    new ObjectTagging(objects).setObjectTags("v", "b", "k", null, Map.of("by", "v"));

    ObjectEntry newest = real.version("b", "k", secret.get().versionId()).orElseThrow();
    assertThat(newest.tags())
        .as("u's new private version must not get the tags v set (v has no WRITE on it)")
        .isEmpty();
  }
}
