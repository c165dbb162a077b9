package io.cairn.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.catalog.Checksum;
import io.cairn.catalog.CorruptRowException;
import io.cairn.catalog.Versioning;
import io.cairn.objects.encryption.KeyRing;
import io.cairn.objects.encryption.SseRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects up to the inline limit live in their catalog entry: no blob, one commit. */
class InlineObjectsTest {
  private static final int MAX = ObjectService.DEFAULT_INLINE_MAX;

  @TempDir Path dir;
  private StorageRig storage;
  private ObjectService objects;

  @BeforeEach
  void open() throws IOException {
    storage = new StorageRig(dir);
    objects = service(storage, MAX);
    objects.createBucket("u", "b");
  }

  @AfterEach
  void close() throws IOException {
    storage.close();
  }

  private static ObjectService service(StorageRig rig, int inlineMax) {
    return new ObjectService(rig.objectCatalog(), rig.blobs, Clock.systemUTC(),
        BlobRetirement.immediate(rig.blobs), KeyRing.none(), new SecureRandom(), inlineMax);
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private ObjectEntry put(String key, byte[] body, long lengthHint) throws IOException {
    return objects.putObject("u", "b", key, new ByteArrayInputStream(body), lengthHint,
        ObjectMetadata.EMPTY, null, () -> null);
  }

  private ObjectEntry put(String key, byte[] body) throws IOException {
    return put(key, body, body.length);
  }

  private byte[] read(ObjectEntry e) throws IOException {
    return read(e, 0, e.size());
  }

  private byte[] read(ObjectEntry e, long offset, long length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    objects.transferTo(e, offset, length, out);
    return out.toByteArray();
  }

  private static String md5Hex(byte[] b) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
  }

  @Test
  void put_small_writesNothingToTheLogAndCommitsOnce() throws Exception {
    byte[] body = bytes(4096, 1);
    long appendsBefore = storage.log.stats().appends();
    long payloadBefore = storage.log.stats().payloadBytes();
    long commitsBefore = storage.catalog.groupCommitCounts()[1];

    ObjectEntry e = put("small", body);

    assertThat(e.blobId()).isZero();
    assertThat(e.etag()).isEqualTo(md5Hex(body));
    assertThat(storage.log.stats().appends()).isEqualTo(appendsBefore);
    assertThat(storage.log.stats().payloadBytes()).isEqualTo(payloadBefore);
    assertThat(storage.blobs.blobIds()).isEmpty();
    assertThat(storage.catalog.groupCommitCounts()[1] - commitsBefore)
        .as("catalog write transactions").isEqualTo(1);
    assertThat(read(objects.object("u", "b", "small"))).isEqualTo(body);
    assertThat(objects.inlineStats().puts()).isEqualTo(1);
    assertThat(objects.inlineStats().gets()).isEqualTo(1);
  }

  @Test
  void put_exactlyMax_isInline_andMaxPlusOne_isABlob_withKnownAndUnknownLengths()
      throws Exception {
    byte[] max = bytes(MAX, 2);
    byte[] over = bytes(MAX + 1, 3);
    for (boolean known : new boolean[] {true, false}) {
      ObjectEntry a = put("max" + known, max, known ? max.length : -1);
      ObjectEntry b = put("over" + known, over, known ? over.length : -1);
      assertThat(a.blobId()).as("exactly max, length known: %s", known).isZero();
      assertThat(b.blobId()).as("max+1, length known: %s", known).isNotZero();
      assertThat(b.etag()).isEqualTo(md5Hex(over));
      assertThat(read(objects.object("u", "b", "max" + known))).isEqualTo(max);
      assertThat(read(objects.object("u", "b", "over" + known))).isEqualTo(over);
    }
    byte[] large = bytes(3 << 20, 4);
    ObjectEntry big = put("large", large, -1); // crosses the inline buffer and several chunks
    assertThat(big.blobId()).isNotZero();
    assertThat(big.etag()).isEqualTo(md5Hex(large));
    assertThat(read(objects.object("u", "b", "large"))).isEqualTo(large);
  }

  @Test
  void put_emptyBody_isInline() throws Exception {
    ObjectEntry e = put("empty", new byte[0]);
    assertThat(e.blobId()).isZero();
    assertThat(read(objects.object("u", "b", "empty"))).isEmpty();
  }

  @Test
  void put_whenTheBodyRejectsItselfAtEof_storesNothing() throws Exception {
    InputStream rejecting = new FilterInputStream(new ByteArrayInputStream(bytes(100, 5))) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          throw new IOException("x-amz-checksum-crc32 does not match");
        }
        return n;
      }
    };
    assertThatThrownBy(() -> objects.putObject("u", "b", "bad", rejecting, 100,
        ObjectMetadata.EMPTY, null, () -> null)).hasMessageContaining("checksum");
    assertThatThrownBy(() -> objects.object("u", "b", "bad"))
        .isInstanceOfSatisfying(ObjectServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.NO_SUCH_KEY));
    assertThat(objects.inlineStats().puts()).isZero();
  }

  @Test
  void put_withWrongContentMd5_isBadDigestAndStoresNothing_rightOneStoresWithChecksum()
      throws Exception {
    byte[] body = bytes(10, 6);
    assertThatThrownBy(() -> objects.putObject("u", "b", "k", new ByteArrayInputStream(body), 10,
        ObjectMetadata.EMPTY, new byte[16], () -> null))
        .isInstanceOfSatisfying(ObjectServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.BAD_DIGEST));
    assertThat(objects.catalog().object("b", "k")).isEmpty();

    Checksum crc = new Checksum("CRC32", "AAAAAA==");
    ObjectEntry ok = objects.putObject("u", "b", "k", new ByteArrayInputStream(body), 10,
        ObjectMetadata.EMPTY, MessageDigest.getInstance("MD5").digest(body), () -> crc);
    assertThat(ok.blobId()).isZero();
    assertThat(objects.object("u", "b", "k").checksum()).isEqualTo(crc);
  }

  @Test
  void ranges_readTheRightBytes() throws Exception {
    byte[] body = bytes(1000, 7);
    ObjectEntry e = objects.object("u", "b", put("k", body).key());
    assertThat(read(e, 100, 50)).isEqualTo(java.util.Arrays.copyOfRange(body, 100, 150));
    assertThat(read(e, 999, 1)).containsExactly(body[999]);
    assertThat(read(e, 0, 0)).isEmpty();
  }

  @Test
  void copy_ofAnInlineObject_isAnInlineCopy_withCopiedOrReplacedMetadata() throws Exception {
    byte[] body = bytes(500, 8);
    ObjectMetadata meta = new ObjectMetadata("text/plain", null, null, null, null, null,
        Map.of("a", "1"));
    objects.putObject("u", "b", "src", new ByteArrayInputStream(body), body.length, meta, null,
        () -> null);

    ObjectEntry kept = objects.copyObject("u", "b", "src", "b", "copy", null, s -> { });
    ObjectEntry replaced = objects.copyObject("u", "b", "src", "b", "replaced",
        ObjectMetadata.EMPTY, s -> { });

    assertThat(kept.blobId()).isZero();
    assertThat(replaced.blobId()).isZero();
    assertThat(storage.blobs.blobIds()).isEmpty();
    assertThat(objects.object("u", "b", "copy").metadata()).isEqualTo(meta);
    assertThat(objects.object("u", "b", "replaced").metadata()).isEqualTo(ObjectMetadata.EMPTY);
    assertThat(read(objects.object("u", "b", "copy"))).isEqualTo(body);
    assertThat(kept.etag()).isEqualTo(md5Hex(body));
  }

  @Test
  void copy_ofAnInlineObject_whenInliningIsOff_writesABlob() throws Exception {
    byte[] body = bytes(300, 9);
    put("src", body);
    ObjectService noInline = service(storage, 0);
    ObjectEntry copy = noInline.copyObject("u", "b", "src", "b", "copy", null, s -> { });
    assertThat(copy.blobId()).isNotZero();
    assertThat(read(noInline.object("u", "b", "copy"))).isEqualTo(body);
    assertThat(noInline.putObject("u", "b", "small", new ByteArrayInputStream(body), 300,
        ObjectMetadata.EMPTY, null, () -> null).blobId()).isNotZero();
  }

  @Test
  void compose_withInlineSources_writesTheirBytesIntoTheNewBlob() throws Exception {
    byte[] big = bytes(MAX + 100, 10);
    byte[] small = bytes(200, 11);
    put("big", big);
    put("small", small);

    ObjectEntry composed = new Composition(objects).compose("u", "b", "c",
        List.of(Composition.Source.whole("small"), Composition.Source.whole("big"),
            new Composition.Source("small", null, null, 10, 19)),
        ObjectMetadata.EMPTY, WriteCondition.NONE, RequestedAcl.PRIVATE);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(small);
    expected.write(big);
    expected.write(small, 10, 10);
    assertThat(composed.blobId()).isNotZero();
    assertThat(read(objects.object("u", "b", "c"))).isEqualTo(expected.toByteArray());
  }

  @Test
  void uploadPartCopy_fromAnInlineSource_writesTheBytesIntoThePart() throws Exception {
    byte[] small = bytes(700, 12);
    put("src", small);
    MultipartService multipart = new MultipartService(objects, 1);
    Upload upload = multipart.create("u", "b", "mp", ObjectMetadata.EMPTY);

    Part whole = multipart.uploadPartCopy("u", "b", "mp", upload.id(), 1,
        objects.object("u", "b", "src"), 0, small.length);
    Part range = multipart.uploadPartCopy("u", "b", "mp", upload.id(), 2,
        objects.object("u", "b", "src"), 100, 50);
    ObjectEntry done = multipart.complete("u", "b", "mp", upload.id(),
        List.of(new CompletedPart(1, whole.etag()), new CompletedPart(2, range.etag())));

    assertThat(whole.etag()).isEqualTo(md5Hex(small));
    assertThat(done.blobId()).as("multipart results stay in blobs").isNotZero();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(small);
    expected.write(small, 100, 50);
    assertThat(read(objects.object("u", "b", "mp"))).isEqualTo(expected.toByteArray());
  }

  @Test
  void versioning_eachVersionKeepsItsOwnBytes_throughOverwriteAndDelete() throws Exception {
    ObjectVersions versions = new ObjectVersions(objects);
    versions.setVersioning("u", "b", Versioning.ENABLED);
    ObjectEntry v1 = put("k", new byte[] {1});
    ObjectEntry v2 = put("k", new byte[] {2, 2});
    ObjectVersions.Deletion marker = versions.delete("u", "b", "k", null);

    assertThat(marker.deleteMarker()).isTrue();
    assertThat(read(versions.read("u", "b", "k", v1.versionId()))).containsExactly(1);
    assertThat(read(versions.read("u", "b", "k", v2.versionId()))).containsExactly(2, 2);
    versions.delete("u", "b", "k", marker.versionId());
    assertThat(read(objects.object("u", "b", "k"))).containsExactly(2, 2);
    versions.delete("u", "b", "k", v2.versionId());
    assertThat(read(objects.object("u", "b", "k"))).containsExactly(1);
    assertThat(objects.list("u", "b", null, null, null, 10).objects())
        .singleElement().satisfies(e -> assertThat(e.size()).isEqualTo(1));
    assertThat(storage.blobs.blobIds()).isEmpty();
  }

  @Test
  void overwrite_ofABlobObjectByAnInlineOne_retiresTheBlob_andBack() throws Exception {
    ObjectEntry big = put("k", bytes(MAX + 1, 13));
    assertThat(storage.blobs.blobIds()).containsExactly(big.blobId());
    put("k", bytes(10, 14));
    assertThat(storage.blobs.blobIds()).isEmpty();
    ObjectEntry again = put("k", bytes(MAX * 2, 15));
    assertThat(storage.blobs.blobIds()).containsExactly(again.blobId());
    objects.deleteObject("u", "b", "k");
    assertThat(storage.blobs.blobIds()).isEmpty();
  }

  @Test
  void metadataUpdate_ofAnInlineObject_staysInlineWithTheSameBytes() throws Exception {
    byte[] body = bytes(64, 16);
    ObjectEntry old = put("k", body);
    ObjectEntry updated = new MetadataUpdate(objects).update("u", "b", "k",
        new MetadataPatch(Map.of("contentType", "text/csv"), Map.of()), null);
    assertThat(updated.blobId()).isZero();
    assertThat(updated.etag()).isEqualTo(old.etag());
    assertThat(updated.metadata().contentType()).isEqualTo("text/csv");
    assertThat(read(objects.object("u", "b", "k"))).isEqualTo(body);
  }

  @Test
  void sseC_smallObject_staysInABlob() throws Exception {
    byte[] key = bytes(32, 17);
    String keyMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
    ObjectEntry e = objects.putObject("u", "b", "secret", new ByteArrayInputStream(new byte[10]),
        10, ObjectMetadata.EMPTY, null, () -> null, WriteCondition.NONE, RequestedAcl.PRIVATE,
        Map.of(), SseRequest.customer(key, keyMd5));
    assertThat(e.blobId()).isNotZero();
    assertThat(e.inline()).isNull();
  }

  @Test
  void copy_ofAnInlineObjectToAnSseCObject_isEncryptedInABlob_andBack() throws Exception {
    byte[] body = bytes(900, 19);
    put("plain", body);
    byte[] key = bytes(32, 20);
    SseRequest sse = SseRequest.customer(key,
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key)));

    ObjectEntry sealed = objects.copyObject("u", objects.object("u", "b", "plain"), "b", "sealed",
        null, null, s -> { }, RequestedAcl.PRIVATE, SseRequest.NONE, sse);
    assertThat(sealed.blobId()).isNotZero();
    assertThat(sealed.inline()).isNull();
    ObjectEntry stored = objects.object("u", "b", "sealed");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    objects.transferTo(stored, objects.encryption().open(stored.encryption(), sse), 0,
        stored.size(), out);
    assertThat(out.toByteArray()).isEqualTo(body);

    ObjectEntry back = objects.copyObject("u", stored, "b", "plain-again", null, null, s -> { },
        RequestedAcl.PRIVATE, sse, SseRequest.NONE);
    assertThat(back.blobId()).as("a copy that decrypts writes a blob").isNotZero();
    assertThat(read(objects.object("u", "b", "plain-again"))).isEqualTo(body);
  }

  @Test
  void restart_keepsInlineObjects() throws Exception {
    byte[] body = bytes(1234, 18);
    put("k", body);
    storage.close();
    storage = new StorageRig(dir);
    objects = service(storage, MAX);
    assertThat(read(objects.object("u", "b", "k"))).isEqualTo(body);
  }

  @Test
  void corruptedRow_isRefusedOnRead_butCanBeDeleted() throws Exception {
    put("k", new byte[] {1, 2, 3, 4});
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
        PreparedStatement s = c.prepareStatement(
            "UPDATE objects SET inline_body = ? WHERE object_key = 'k'")) {
      s.setBytes(1, new byte[] {1, 2, 3, 5});
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    ObjectEntry e = objects.object("u", "b", "k");
    assertThatThrownBy(() -> read(e)).isInstanceOf(CorruptRowException.class);
    assertThatThrownBy(() -> objects.copyObject("u", "b", "k", "b", "copy", null, s -> { }))
        .isInstanceOf(CorruptRowException.class);
    objects.deleteObject("u", "b", "k");
    assertThat(objects.catalog().object("b", "k")).isEmpty();
  }
}
