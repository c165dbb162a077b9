package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.catalog.CommitOutcomeUnknownException;
import io.cairn.objects.encryption.KeyRing;
import io.cairn.objects.encryption.SseRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog write that may or may not have been committed ({@link CommitOutcomeUnknownException}:
 * the SQLite catalog's WAL fsync failed after the COMMIT, so readers already see the row and it
 * may survive a restart) must not have the blob its row names deleted, as a plain failure does.
 * The catalog here commits for real and then reports the unknown outcome.
 */
class UncertainCommitTest {
  private static final Set<String> WRITES = Set.of("putObject", "completeUpload", "putPart");

  @TempDir Path dir;
  private StorageRig storage;
  private ObjectService objects;
  private ObjectCatalog real;
  private final AtomicBoolean uncertain = new AtomicBoolean();
  private final AtomicBoolean rolledBack = new AtomicBoolean();

  @BeforeEach
  void open() throws IOException {
    storage = new StorageRig(dir);
    real = storage.objectCatalog();
    ObjectCatalog failing = (ObjectCatalog) Proxy.newProxyInstance(
        ObjectCatalog.class.getClassLoader(), new Class<?>[] {ObjectCatalog.class},
        (proxy, method, args) -> {
          boolean write = WRITES.contains(method.getName());
          if (write && rolledBack.get()) {
            throw new IOException("injected: the commit was rolled back");
          }
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (write && uncertain.get()) {
            throw new CommitOutcomeUnknownException("injected: the WAL fsync failed",
                new IOException("EIO"));
          }
          return result;
        });
    objects = new ObjectService(failing, storage.blobs, Clock.systemUTC(),
        BlobRetirement.immediate(storage.blobs), KeyRing.none(), new SecureRandom(), 0);
    objects.createBucket("u", "b");
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  private void put(String key, byte[] body) throws IOException {
    objects.putObject("u", "b", key, new ByteArrayInputStream(body), body.length,
        ObjectMetadata.EMPTY, null, () -> null, WriteCondition.NONE, RequestedAcl.PRIVATE,
        Map.of(), SseRequest.NONE);
  }

  @Test
  void put_whoseCommitOutcomeIsUnknown_keepsTheBlobTheVisibleRowNames() throws Exception {
    uncertain.set(true);
    assertThatThrownBy(() -> put("k", new byte[4096]))
        .as("the PUT is not reported as stored").isInstanceOf(CommitOutcomeUnknownException.class);

    ObjectEntry visible = real.object("b", "k").orElseThrow();
    assertThat(visible.blobId()).isNotZero();
    storage.blobs.open(visible.blobId()); // throws NoSuchBlobException if it was deleted
  }

  @Test
  void put_whoseCommitFailed_deletesItsBlob() throws Exception {
    rolledBack.set(true);
    long before = storage.blobs.blobIds().size();
    assertThatThrownBy(() -> put("k", new byte[4096])).hasMessageContaining("rolled back");
    assertThat(real.object("b", "k")).isEmpty();
    assertThat(storage.blobs.blobIds()).as("nothing left behind").hasSize((int) before);
  }

  @Test
  void uploadPart_whoseCommitOutcomeIsUnknown_keepsItsBlob() throws Exception {
    MultipartService multipart = new MultipartService(objects, 5 << 20);
    String upload = multipart.create("u", "b", "m", ObjectMetadata.EMPTY).id();
    long before = storage.blobs.blobIds().size();
    uncertain.set(true);
    byte[] part = new byte[4096];
    assertThatThrownBy(() -> multipart.uploadPart("u", "b", "m", upload, 1,
        new ByteArrayInputStream(part), part.length, null))
        .isInstanceOf(CommitOutcomeUnknownException.class);
    assertThat(storage.blobs.blobIds()).as("the part's blob stays").hasSize((int) before + 1);
  }
}
