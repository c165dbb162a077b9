package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.objects.encryption.BucketEncryption;
import io.cairn.objects.encryption.FileKeyRing;
import io.cairn.objects.encryption.SseMode;
import io.cairn.objects.encryption.SseRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypted objects meeting the other object operations: metadata updates, compose, buckets. */
class EncryptedObjectsTest {
  private static final byte[] KEY = new byte[32];

  @TempDir Path dir;
  private StorageRig rig;
  private BlobRetirement retirement;
  private ObjectService objects;

  @BeforeEach
  void open() throws IOException {
    rig = new StorageRig(dir);
    retirement = BlobRetirement.after(rig.blobs, Duration.ofMillis(300));
    objects = new ObjectService(rig.objectCatalog(), rig.blobs,
        Clock.systemUTC(), retirement,
        FileKeyRing.open(dir.resolve("master.key"), dir.resolve("ring.json"), new SecureRandom()),
        new SecureRandom());
    objects.createBucket("u", "b");
  }

  @AfterEach
  void close() throws Exception {
    retirement.close();
    rig.close();
  }

  private ObjectEntry put(String key, String text, SseRequest sse) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return objects.putObject("u", "b", key, new ByteArrayInputStream(bytes), bytes.length,
        ObjectMetadata.EMPTY, null, () -> null, WriteCondition.NONE, RequestedAcl.PRIVATE,
        Map.of(), sse);
  }

  private String read(ObjectEntry e, SseRequest presented) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    objects.transferTo(e, objects.encryption().open(e.encryption(), presented), 0, e.size(), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void metadataUpdate_ofAnSseCObject_keepsItsEncryptionAndBytes() throws Exception {
    SseRequest customer = SseRequest.customer(KEY, "md5");
    put("k", "customer secret", customer);
    ObjectEntry updated = new MetadataUpdate(objects).update("u", "b", "k",
        new MetadataPatch(Map.of("contentType", "text/plain"), Map.of()), null);
    assertThat(updated.metadata().contentType()).isEqualTo("text/plain");
    assertThat(updated.encryption().mode()).isEqualTo(SseMode.CUSTOMER);
    assertThat(read(objects.object("u", "b", "k"), customer)).isEqualTo("customer secret");
  }

  @Test
  void compose_ofAnEncryptedSource_isRefusedAndStoresNothing() throws Exception {
    put("plain", "plain part", SseRequest.NONE);
    put("secret", "secret part", SseRequest.s3());
    assertThatThrownBy(() -> new Composition(objects).compose("u", "b", "joined",
        List.of(Composition.Source.whole("plain"), Composition.Source.whole("secret")),
        ObjectMetadata.EMPTY, WriteCondition.NONE, RequestedAcl.PRIVATE))
        .isInstanceOfSatisfying(ObjectServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.INVALID_REQUEST));
    assertThatThrownBy(() -> objects.object("u", "b", "joined"))
        .isInstanceOf(ObjectServiceException.class);
  }

  @Test
  void bucketDefault_isForgottenWhenTheBucketIsDeletedAndMadeAgain() throws Exception {
    objects.createBucket("u", "c");
    objects.encryption().setBucketDefault("c", new BucketEncryption(SseMode.S3, null, false));
    byte[] one = {1};
    assertThat(objects.putObject("u", "c", "k", new ByteArrayInputStream(one), 1,
        ObjectMetadata.EMPTY, null, () -> null).encryption()).isNotNull();
    objects.deleteObject("u", "c", "k");
    objects.deleteBucket("u", "c");
    objects.createBucket("u", "c");
    assertThat(objects.putObject("u", "c", "k", new ByteArrayInputStream(one), 1,
        ObjectMetadata.EMPTY, null, () -> null).encryption()).isNull();
  }
}
