package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.blob.NoSuchBlobException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object service on the real catalog and blob store: durability order, cleanup, retirement. */
class ObjectServiceTest {
  @TempDir Path dir;
  private StorageRig storage;
  private BlobRetirement retirement;
  private ObjectService objects;

  @BeforeEach
  void open() throws IOException {
    storage = new StorageRig(dir);
    retirement = BlobRetirement.after(storage.blobs, Duration.ofMillis(300));
    // Blobs throughout: these tests follow blobs (inline objects have none; InlineObjectsTest).
    objects = new ObjectService(storage.objectCatalog(), storage.blobs,
        Clock.systemUTC(), retirement, io.cairn.objects.encryption.KeyRing.none(),
        new java.security.SecureRandom(), 0);
    objects.createBucket("u", "b");
  }

  @AfterEach
  void close() throws Exception {
    retirement.close();
    storage.close();
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private String read(ObjectEntry e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    objects.transferTo(e, 0, e.size(), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void overwrite_oldBytesStayReadableUntilTheGracePeriodEnds() throws Exception {
    ObjectEntry first = objects.putObject("u", "b", "k", text("first"), 5, ObjectMetadata.EMPTY,
        null, () -> null);
    ObjectEntry second = objects.putObject("u", "b", "k", text("second"), 6,
        ObjectMetadata.EMPTY, null, () -> null);
    assertThat(objects.object("u", "b", "k").blobId()).isEqualTo(second.blobId());
    // A GET that looked the key up before the overwrite still reads what it found.
    assertThat(read(first)).isEqualTo("first");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (storage.blobs.blobIds().contains(first.blobId()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(storage.blobs.blobIds()).doesNotContain(first.blobId()).contains(second.blobId());
    assertThatThrownBy(() -> storage.blobs.open(first.blobId()))
        .isInstanceOf(NoSuchBlobException.class);
  }

  @Test
  void putObject_bodyRejectedAtEof_storesNothingAndLeavesNoBlob() throws Exception {
    int before = storage.blobs.blobIds().size();
    InputStream failing = new InputStream() {
      private int left = 3 << 20;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
          throw new IOException("checksum mismatch found at the end of the body");
        }
        int n = Math.min(len, left);
        left -= n;
        return n;
      }
    };
    assertThatThrownBy(() -> objects.putObject("u", "b", "bad", failing, -1,
        ObjectMetadata.EMPTY, null, () -> null)).hasMessageContaining("checksum mismatch");
    assertThatThrownBy(() -> objects.object("u", "b", "bad"))
        .isInstanceOf(ObjectServiceException.class)
        .extracting(e -> ((ObjectServiceException) e).error()).isEqualTo(ObjectError.NO_SUCH_KEY);
    assertThat(storage.blobs.blobIds()).hasSize(before);
  }

  @Test
  void putObject_contentMd5Mismatch_isBadDigestAndLeavesNoBlob() throws Exception {
    int before = storage.blobs.blobIds().size();
    assertThatThrownBy(() -> objects.putObject("u", "b", "md5", text("data"), 4,
        ObjectMetadata.EMPTY, new byte[16], () -> null))
        .extracting(e -> ((ObjectServiceException) e).error()).isEqualTo(ObjectError.BAD_DIGEST);
    assertThat(storage.blobs.blobIds()).hasSize(before);
  }

  @Test
  void putObject_largeBody_isStreamedAndReadBackWithRanges() throws Exception {
    byte[] data = new byte[(5 << 20) + 12345];
    new Random(3).nextBytes(data);
    ObjectEntry e = objects.putObject("u", "b", "large", new ByteArrayInputStream(data),
        data.length, ObjectMetadata.EMPTY, null, () -> null);
    assertThat(e.size()).isEqualTo(data.length);
    assertThat(e.etag()).isEqualTo(java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("MD5").digest(data)));
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    objects.transferTo(e, 0, e.size(), all);
    assertThat(all.toByteArray()).isEqualTo(data);
    ByteArrayOutputStream part = new ByteArrayOutputStream();
    objects.transferTo(e, (1 << 20) - 7, (2 << 20) + 9, part);
    assertThat(part.toByteArray()).isEqualTo(
        java.util.Arrays.copyOfRange(data, (1 << 20) - 7, (3 << 20) + 2));
  }

  @Test
  void putObject_bodyOverSeveralSyncAheads_syncsWhileStreamingAndReadsBackWhole() throws Exception {
    int size = (int) (2 * BlobWriter.SYNC_AHEAD + (3 << 20) + 77);
    byte[] data = new byte[size];
    new Random(4).nextBytes(data);
    long syncsBefore = storage.log.stats().syncCalls();
    ObjectEntry e = objects.putObject("u", "b", "big", new ByteArrayInputStream(data), -1,
        ObjectMetadata.EMPTY, null, () -> null);
    // At least one background sync while the body streamed in, then the final one.
    assertThat(storage.log.stats().syncCalls() - syncsBefore).isGreaterThanOrEqualTo(2);
    assertThat(e.etag()).isEqualTo(java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("MD5").digest(data)));
    ByteArrayOutputStream all = new ByteArrayOutputStream(size);
    objects.transferTo(objects.object("u", "b", "big"), 0, e.size(), all);
    assertThat(all.toByteArray()).isEqualTo(data);
  }

  @Test
  void deleteObject_removesEntryAndRetiresBlob() throws Exception {
    ObjectEntry e = objects.putObject("u", "b", "gone", text("x"), 1, ObjectMetadata.EMPTY, null, () -> null);
    objects.deleteObject("u", "b", "gone");
    assertThatThrownBy(() -> objects.object("u", "b", "gone"))
        .isInstanceOf(ObjectServiceException.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (storage.blobs.blobIds().contains(e.blobId()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(storage.blobs.blobIds()).doesNotContain(e.blobId());
  }

  @Test
  void putObject_conditionRefusedAtCommit_storesNothingAndDeletesTheNewBlob() throws Exception {
    objects.putObject("u", "b", "k", text("first"), 5, ObjectMetadata.EMPTY, null, () -> null);
    java.util.Set<Long> before = new java.util.HashSet<>(storage.blobs.blobIds());
    // Accepts the early check (read before the body) and refuses the one at commit, as a
    // concurrent writer that won the race would make it.
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    WriteCondition raced = current -> calls.incrementAndGet() == 1 ? null
        : ObjectError.PRECONDITION_FAILED;

    assertThatThrownBy(() -> objects.putObject("u", "b", "k", text("second"), 6,
        ObjectMetadata.EMPTY, null, () -> null, raced))
        .isInstanceOf(ObjectServiceException.class)
        .extracting(e -> ((ObjectServiceException) e).error())
        .isEqualTo(ObjectError.PRECONDITION_FAILED);
    assertThat(calls.get()).isEqualTo(2);
    assertThat(read(objects.object("u", "b", "k"))).isEqualTo("first");
    assertThat(storage.blobs.blobIds()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void deleteBucket_abortsUploadsAndDeletesTheirParts() throws Exception {
    MultipartService multipart = new MultipartService(objects, 1);
    Upload upload = multipart.create("u", "b", "k", ObjectMetadata.EMPTY);
    Part part = multipart.uploadPart("u", "b", "k", upload.id(), 1, text("part"), 4, null);

    objects.deleteBucket("u", "b");

    assertThat(storage.blobs.blobIds()).doesNotContain(part.blobId());
    assertThat(storage.catalog.buckets().find("b")).isEmpty();
  }
}
