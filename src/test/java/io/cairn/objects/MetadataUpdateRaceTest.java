package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.catalog.Acl;
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
 * MetadataUpdate promises "concurrent updates and writes are never lost": an ACL or tag change
 * committed between its read and its commit (which keep the blob) must survive, not be overwritten
 * with the values the update read.
 */
class MetadataUpdateRaceTest {
  @TempDir Path dir;
  private StorageRig storage;
  private ObjectService objects;
  private ObjectCatalog real;
  private final AtomicReference<IoAction> beforeConditionalPut = new AtomicReference<>();

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
          if (method.getName().equals("putObject") && args.length >= 2
              && args[1] != WriteCondition.NONE) {
            IoAction action = beforeConditionalPut.getAndSet(null);
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
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  private void put(String key, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    objects.putObject("u", "b", key, new ByteArrayInputStream(bytes), bytes.length,
        new ObjectMetadata("text/plain", null, null, null, null, null, Map.of()), null,
        () -> null, WriteCondition.NONE, RequestedAcl.PRIVATE, Map.of(),
        io.cairn.objects.encryption.SseRequest.NONE);
  }

  @Test
  void update_racingAnAclRevocation_mustNotRestoreTheRevokedGrant() throws Exception {
    put("k", "secret");
    Acl publicRead = new Acl(List.of(
        new Acl.Grant(Acl.GranteeType.ALL_USERS, null, Acl.Permission.READ)));
    real.setObjectAcl("b", "k", publicRead);
    assertThat(real.object("b", "k").orElseThrow().acl()).isEqualTo(publicRead);

    // The owner makes the object private again while a metadata update is in flight.
    beforeConditionalPut.set(() -> real.setObjectAcl("b", "k", Acl.none()));
    new MetadataUpdate(objects).update("u", "b", "k",
        new MetadataPatch(Map.of("contentType", "application/json"), Map.of()), null);

    ObjectEntry after = real.object("b", "k").orElseThrow();
    assertThat(after.metadata().contentType()).isEqualTo("application/json");
    assertThat(after.acl().grants())
        .as("the ACL revocation committed before the update's commit must survive")
        .isEmpty();
  }

  @Test
  void update_racingATagChange_mustNotLoseTheTags() throws Exception {
    put("k", "data");
    beforeConditionalPut.set(() -> real.setObjectTags("b", "k", null, Map.of("t", "v")));
    new MetadataUpdate(objects).update("u", "b", "k",
        new MetadataPatch(Map.of("contentType", "application/json"), Map.of()), null);

    assertThat(real.object("b", "k").orElseThrow().tags())
        .as("the tag set committed before the update's commit must survive")
        .isEqualTo(Map.of("t", "v"));
  }
}
