package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata updates and compose on the real catalog and blob store, with a catalog that can slip a
 * concurrent writer in just before a conditional commit.
 */
class MetadataUpdateTest {
  @TempDir Path dir;
  private StorageRig storage;
  private ObjectService objects;
  /** The catalog the service runs on, running {@link #beforeConditionalPut} when due. */
  private ObjectCatalog racing;
  /** Runs (once) right before the next conditional putObject reaches the catalog. */
  private final AtomicReference<IoAction> beforeConditionalPut = new AtomicReference<>();

  interface IoAction {
    void run() throws IOException;
  }

  @BeforeEach
  void open() throws IOException {
    storage = new StorageRig(dir);
    ObjectCatalog real = storage.objectCatalog();
    racing = (ObjectCatalog) Proxy.newProxyInstance(
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
    // Blobs throughout: these tests follow the blobs updates make and retire (inline objects have
    // none; InlineObjectsTest covers them).
    objects = new ObjectService(racing, storage.blobs, Clock.systemUTC(),
        BlobRetirement.immediate(storage.blobs), io.cairn.objects.encryption.KeyRing.none(),
        new java.security.SecureRandom(), 0);
    objects.createBucket("u", "b");
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  private ObjectEntry put(String key, String text, Map<String, String> user) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return objects.putObject("u", "b", key, new ByteArrayInputStream(bytes), bytes.length,
        new ObjectMetadata("text/plain", null, null, null, null, null, user), null, () -> null);
  }

  private String read(ObjectEntry e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    objects.transferTo(e, 0, e.size(), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static MetadataPatch patch(String name, String value) {
    Map<String, String> user = new HashMap<>();
    user.put(name, value);
    return new MetadataPatch(Map.of(), user);
  }

  @Test
  void update_whenAWriterReplacesTheObjectMeanwhile_reappliesThePatchToTheNewObject()
      throws Exception {
    put("k", "old", Map.of("a", "1"));
    beforeConditionalPut.set(() -> put("k", "new bytes", Map.of("b", "2")));

    ObjectEntry updated = new MetadataUpdate(objects).update("u", "b", "k",
        patch("c", "3"), null);

    assertThat(updated.metadata().user()).isEqualTo(Map.of("b", "2", "c", "3"));
    assertThat(read(objects.object("u", "b", "k"))).isEqualTo("new bytes");
    // The blob of the refused first attempt is gone: live blobs are the object's only.
    assertThat(storage.blobs.blobIds()).containsExactly(updated.blobId());
  }

  @Test
  void update_ofAnInlineObject_whenAWriterReplacesItMeanwhile_reappliesThePatchToTheNewObject()
      throws Exception {
    objects = new ObjectService(racing, storage.blobs, Clock.systemUTC(),
        BlobRetirement.immediate(storage.blobs), io.cairn.objects.encryption.KeyRing.none(),
        new java.security.SecureRandom(), ObjectService.DEFAULT_INLINE_MAX);
    assertThat(put("k", "old", Map.of("a", "1")).blobId()).isZero();
    // Inline objects all have blob id 0: the update must still notice the object changed.
    beforeConditionalPut.set(() -> put("k", "new bytes", Map.of("b", "2")));

    ObjectEntry updated = new MetadataUpdate(objects).update("u", "b", "k",
        patch("c", "3"), null);

    assertThat(updated.blobId()).isZero();
    assertThat(updated.metadata().user()).isEqualTo(Map.of("b", "2", "c", "3"));
    assertThat(read(objects.object("u", "b", "k"))).isEqualTo("new bytes");
    assertThat(storage.blobs.blobIds()).isEmpty();
  }

  @Test
  void update_withIfMatch_whenAWriterReplacesTheObjectMeanwhile_failsAndKeepsTheWritersObject()
      throws Exception {
    ObjectEntry old = put("k", "old", Map.of());
    beforeConditionalPut.set(() -> put("k", "new", Map.of()));

    assertThatThrownBy(() -> new MetadataUpdate(objects).update("u", "b", "k",
        patch("c", "3"), "\"" + old.etag() + "\""))
        .isInstanceOfSatisfying(ObjectServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.PRECONDITION_FAILED));
    assertThat(read(objects.object("u", "b", "k"))).isEqualTo("new");
    assertThat(objects.object("u", "b", "k").metadata().user()).isEmpty();
  }

  @Test
  void update_removingAndSettingFields_keepsEtagChecksumAndBytes() throws Exception {
    ObjectEntry old = put("k", "payload", Map.of("a", "1", "b", "2"));

    Map<String, String> user = new HashMap<>();
    user.put("a", null);
    user.put("Z", "26");
    ObjectEntry updated = new MetadataUpdate(objects).update("u", "b", "k",
        new MetadataPatch(Map.of("cacheControl", "no-cache"), user), null);

    assertThat(updated.etag()).isEqualTo(old.etag());
    assertThat(updated.blobId()).isNotEqualTo(old.blobId());
    assertThat(updated.metadata().user()).isEqualTo(Map.of("b", "2", "z", "26"));
    assertThat(updated.metadata().contentType()).isEqualTo("text/plain");
    assertThat(updated.metadata().cacheControl()).isEqualTo("no-cache");
    assertThat(read(objects.object("u", "b", "k"))).isEqualTo("payload");
    assertThat(storage.blobs.blobIds()).containsExactly(updated.blobId());
  }

  @Test
  void compose_whenTheDestinationConditionFailsAtCommit_deletesItsBlob() throws Exception {
    put("s", "source", Map.of());
    beforeConditionalPut.set(() -> put("dst", "appeared", Map.of()));
    WriteCondition absent = current -> current.isPresent() ? ObjectError.PRECONDITION_FAILED : null;

    assertThatThrownBy(() -> new Composition(objects).compose("u", "b", "dst",
        List.of(Composition.Source.whole("s")), ObjectMetadata.EMPTY, absent,
        RequestedAcl.PRIVATE))
        .isInstanceOfSatisfying(ObjectServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.PRECONDITION_FAILED));
    assertThat(read(objects.object("u", "b", "dst"))).isEqualTo("appeared");
    assertThat(storage.blobs.blobIds()).hasSize(2);
  }

  @Test
  void update_byAnotherUser_isAccessDeniedAndChangesNothing() throws Exception {
    put("k", "mine", Map.of("a", "1"));

    assertThatThrownBy(() -> new MetadataUpdate(objects).update("v", "b", "k",
        patch("a", "2"), null))
        .isInstanceOfSatisfying(ObjectServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.ACCESS_DENIED));
    assertThat(objects.object("u", "b", "k").metadata().user()).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void update_byTheObjectsWriter_succeeds_whileItsReaderIsDenied() throws Exception {
    put("k", "mine", Map.of("a", "1"));
    objects.catalog().setObjectAcl("b", "k", new io.cairn.catalog.Acl(List.of(
        new io.cairn.catalog.Acl.Grant(io.cairn.catalog.Acl.GranteeType.CANONICAL_USER, "v",
            io.cairn.catalog.Acl.Permission.READ),
        new io.cairn.catalog.Acl.Grant(io.cairn.catalog.Acl.GranteeType.CANONICAL_USER, "v",
            io.cairn.catalog.Acl.Permission.WRITE),
        new io.cairn.catalog.Acl.Grant(io.cairn.catalog.Acl.GranteeType.CANONICAL_USER, "w",
            io.cairn.catalog.Acl.Permission.READ))));

    assertThatThrownBy(() -> new MetadataUpdate(objects).update("w", "b", "k",
        patch("a", "3"), null))
        .isInstanceOfSatisfying(ObjectServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.ACCESS_DENIED));
    new MetadataUpdate(objects).update("v", "b", "k", patch("a", "2"), null);
    assertThat(objects.object("u", "b", "k").metadata().user()).isEqualTo(Map.of("a", "2"));
  }

  @Test
  void metadataPatch_unknownFieldOrBadName_isRejected() {
    assertThatThrownBy(() -> new MetadataPatch(Map.of("colour", "x"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MetadataPatch(Map.of(), Map.of("a b", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
