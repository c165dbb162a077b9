package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.blob.LogBlobStore;
import io.cairn.log.SegmentLogConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multipart completion on the real storage: the object links its parts' data, the part blobs are
 * deleted, and the object survives compaction, checkpoint and reopening the store.
 */
class MultipartServiceTest {
  @TempDir Path dir;

  private record Rig(StorageRig storage, ObjectService objects, MultipartService multipart)
      implements AutoCloseable {
    static Rig open(Path dir) throws IOException {
      StorageRig storage = new StorageRig(dir,
          new SegmentLogConfig(4L << 20, SegmentLogConfig.DEFAULT_WRITE_BUFFER_SIZE));
      ObjectService objects = new ObjectService(storage.objectCatalog(), storage.blobs,
          Clock.systemUTC(), BlobRetirement.immediate(storage.blobs));
      return new Rig(storage, objects, new MultipartService(objects, 1 << 20));
    }

    LogBlobStore blobs() {
      return storage.blobs;
    }

    @Override
    public void close() throws IOException {
      storage.close();
    }
  }

  @Test
  void completedObject_survivesPartDeletionCompactionAndReopen() throws Exception {
    byte[] p1 = new byte[3 << 20];
    byte[] p2 = new byte[(1 << 20) + 333];
    new Random(7).nextBytes(p1);
    new Random(8).nextBytes(p2);
    byte[] whole = new byte[p1.length + p2.length];
    System.arraycopy(p1, 0, whole, 0, p1.length);
    System.arraycopy(p2, 0, whole, p1.length, p2.length);
    try (Rig rig = Rig.open(dir)) {
      rig.objects().createBucket("u", "b");
      // Unrelated garbage so that compaction has segments worth rewriting.
      for (int i = 0; i < 6; i++) {
        rig.objects().putObject("u", "b", "junk", new ByteArrayInputStream(new byte[2 << 20]),
            2 << 20, ObjectMetadata.EMPTY, null, () -> null);
      }
      Upload upload = rig.multipart().create("u", "b", "big", ObjectMetadata.EMPTY);
      Part a = rig.multipart().uploadPart("u", "b", "big", upload.id(), 1,
          new ByteArrayInputStream(p1), p1.length, null);
      Part c = rig.multipart().uploadPart("u", "b", "big", upload.id(), 2,
          new ByteArrayInputStream(p2), p2.length, null);
      ObjectEntry entry = rig.multipart().complete("u", "b", "big", upload.id(),
          List.of(new CompletedPart(1, a.etag()), new CompletedPart(2, "\"" + c.etag() + "\"")));
      assertThat(entry.etag()).endsWith("-2");
      assertThat(rig.blobs().blobIds()).doesNotContain(a.blobId(), c.blobId());
      rig.objects().deleteObject("u", "b", "junk");
      assertThat(rig.blobs().compact()).as("bytes freed by compaction").isPositive();
      rig.blobs().checkpoint();
      assertThat(read(rig, entry)).isEqualTo(whole);
    }
    try (Rig rig = Rig.open(dir)) {
      ObjectEntry entry = rig.objects().object("u", "b", "big");
      assertThat(read(rig, entry)).isEqualTo(whole);
    }
  }

  private static byte[] read(Rig rig, ObjectEntry entry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    rig.objects().transferTo(entry, 0, entry.size(), out);
    return out.toByteArray();
  }
}
