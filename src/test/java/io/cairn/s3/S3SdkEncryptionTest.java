package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Server-side encryption through the AWS SDK for Java v2: SSE-S3, SSE-KMS (keys of Cairn's key
 * ring), SSE-C, bucket default encryption, ranges, multipart, copies across modes, refusals, and
 * the bytes on disk.
 */
class S3SdkEncryptionTest {
  private static final String KEY_A = "pO3upElrwuEXSoFwCfnZPdSsmt/xWeFa0N9KgDijwVs=";
  private static final String KEY_A_MD5 = "DWygnHRtgiJ77HCm+1rvHw==";
  private static final String KEY_B = "6b+WOZ1T3cqZMxgThRcXAQBrS5mXKdDUphvpxptl9/4=";
  private static final String KEY_B_MD5 = "arxBvwY2V4SiOne6yppVPQ==";

  private static S3TestServer server;
  private static S3Client alice;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3TestServer(dir);
    server.keyRing.create("testkey-1");
    server.keyRing.create("testkey-2");
    alice = server.client(S3TestServer.ALICE, false);
    alice.createBucket(b -> b.bucket("enc"));
  }

  @AfterAll
  static void stop() throws Exception {
    alice.close();
    server.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static byte[] getRange(String key, String keyB64, String md5, long first, long last) {
    return alice.getObjectAsBytes(g -> {
      g.bucket("enc").key(key).range("bytes=" + first + "-" + last);
      if (keyB64 != null) {
        g.sseCustomerAlgorithm("AES256").sseCustomerKey(keyB64).sseCustomerKeyMD5(md5);
      }
    }).asByteArray();
  }

  @Test
  void putObject_sseS3_readsBackWithHeaderAndRanges() {
    byte[] data = random(3 * 1024 * 1024 + 17, 1);
    PutObjectResponse put = alice.putObject(p -> p.bucket("enc").key("s3obj")
        .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(data));
    assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

    ResponseBytes<GetObjectResponse> got = alice.getObjectAsBytes(g -> g.bucket("enc").key("s3obj"));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(getRange("s3obj", null, null, 1_000_003, 2_500_000))
        .isEqualTo(Arrays.copyOfRange(data, 1_000_003, 2_500_001));
    assertThat(getRange("s3obj", null, null, 5, 5)).isEqualTo(new byte[] {data[5]});
  }

  @Test
  void putObject_sseKms_reportsKeyId_unknownKeyIsRefused() {
    byte[] data = "kms protected".getBytes(StandardCharsets.UTF_8);
    PutObjectResponse put = alice.putObject(p -> p.bucket("enc").key("kmsobj")
        .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("testkey-1"),
        RequestBody.fromBytes(data));
    assertThat(put.ssekmsKeyId()).isEqualTo("testkey-1");
    HeadObjectResponse head = alice.headObject(h -> h.bucket("enc").key("kmsobj"));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.ssekmsKeyId()).isEqualTo("testkey-1");
    assertThat(alice.getObjectAsBytes(g -> g.bucket("enc").key("kmsobj")).asByteArray())
        .isEqualTo(data);

    assertThatThrownBy(() -> alice.putObject(p -> p.bucket("enc").key("kms-missing")
        .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("no-such-key"),
        RequestBody.fromBytes(data)))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.NotFoundException");
        });
    assertThatThrownBy(() -> alice.headObject(h -> h.bucket("enc").key("kms-missing")))
        .isInstanceOf(S3Exception.class);
  }

  @Test
  void putObject_sseC_needsTheSameKeyToRead_etagIsNotTheMd5() throws Exception {
    byte[] data = random(100_000, 2);
    PutObjectResponse put = alice.putObject(p -> p.bucket("enc").key("cobj")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_A).sseCustomerKeyMD5(KEY_A_MD5),
        RequestBody.fromBytes(data));
    assertThat(put.sseCustomerKeyMD5()).isEqualTo(KEY_A_MD5);
    String md5 = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    assertThat(put.eTag()).doesNotContain(md5);

    ResponseBytes<GetObjectResponse> got = alice.getObjectAsBytes(g -> g.bucket("enc").key("cobj")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_A).sseCustomerKeyMD5(KEY_A_MD5));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().sseCustomerAlgorithm()).isEqualTo("AES256");
    assertThat(got.response().eTag()).isEqualTo(put.eTag());
    assertThat(getRange("cobj", KEY_A, KEY_A_MD5, 31, 70_000))
        .isEqualTo(Arrays.copyOfRange(data, 31, 70_001));

    assertThatThrownBy(() -> alice.getObjectAsBytes(g -> g.bucket("enc").key("cobj")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    assertThatThrownBy(() -> alice.headObject(h -> h.bucket("enc").key("cobj")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_B).sseCustomerKeyMD5(KEY_B_MD5)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    // A key whose MD5 does not match is refused before anything is stored.
    assertThatThrownBy(() -> alice.putObject(p -> p.bucket("enc").key("cobj-bad")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_A).sseCustomerKeyMD5(KEY_B_MD5),
        RequestBody.fromBytes(data)))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
        });
  }

  @Test
  void multipart_sseC_unalignedParts_readWholeRangesAndParts() {
    int partSize = 5 * 1024 * 1024 + 1;
    byte[] data = random(2 * partSize + 1000, 3);
    String id = alice.createMultipartUpload(c -> c.bucket("enc").key("mp")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_A).sseCustomerKeyMD5(KEY_A_MD5))
        .uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    for (int n = 1, off = 0; off < data.length; n++, off += partSize) {
      int number = n;
      byte[] part = Arrays.copyOfRange(data, off, Math.min(data.length, off + partSize));
      // A part with the wrong key is refused; the upload goes on.
      assertThatThrownBy(() -> alice.uploadPart(u -> u.bucket("enc").key("mp").uploadId(id)
          .partNumber(number).sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_B)
          .sseCustomerKeyMD5(KEY_B_MD5), RequestBody.fromBytes(part)))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
      String etag = alice.uploadPart(u -> u.bucket("enc").key("mp").uploadId(id).partNumber(number)
          .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_A).sseCustomerKeyMD5(KEY_A_MD5),
          RequestBody.fromBytes(part)).eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }
    assertThatThrownBy(() -> alice.completeMultipartUpload(c -> c.bucket("enc").key("mp")
        .uploadId(id).multipartUpload(m -> m.parts(parts))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    alice.completeMultipartUpload(c -> c.bucket("enc").key("mp").uploadId(id)
        .multipartUpload(m -> m.parts(parts))
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_A).sseCustomerKeyMD5(KEY_A_MD5));

    assertThat(getRange("mp", KEY_A, KEY_A_MD5, 0, data.length - 1)).isEqualTo(data);
    // Ranges across the parts' boundaries, which are not on 16-byte cipher blocks.
    long first = partSize - 7;
    assertThat(getRange("mp", KEY_A, KEY_A_MD5, first, partSize + partSize + 9))
        .isEqualTo(Arrays.copyOfRange(data, (int) first, partSize + partSize + 10));
    byte[] second = alice.getObjectAsBytes(g -> g.bucket("enc").key("mp").partNumber(2)
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_A).sseCustomerKeyMD5(KEY_A_MD5))
        .asByteArray();
    assertThat(second).isEqualTo(Arrays.copyOfRange(data, partSize, 2 * partSize));    // The part number is checked before the key: out of range is InvalidPart even without it.
    assertThatThrownBy(() -> alice.getObject(g -> g.bucket("enc").key("mp").partNumber(9)))
        .isInstanceOfSatisfying(S3Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart"));
  }

  @Test
  void copyObject_acrossModes_reencrypts() {
    byte[] data = random(200_000, 4);
    alice.putObject(p -> p.bucket("enc").key("copy-src")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_A).sseCustomerKeyMD5(KEY_A_MD5),
        RequestBody.fromBytes(data));
    CopyObjectResponse toKms = alice.copyObject(c -> c.sourceBucket("enc").sourceKey("copy-src")
        .destinationBucket("enc").destinationKey("copy-kms")
        .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(KEY_A)
        .copySourceSSECustomerKeyMD5(KEY_A_MD5)
        .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("testkey-2"));
    assertThat(toKms.ssekmsKeyId()).isEqualTo("testkey-2");
    assertThat(alice.getObjectAsBytes(g -> g.bucket("enc").key("copy-kms")).asByteArray())
        .isEqualTo(data);

    alice.copyObject(c -> c.sourceBucket("enc").sourceKey("copy-kms")
        .destinationBucket("enc").destinationKey("copy-c")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_B).sseCustomerKeyMD5(KEY_B_MD5));
    assertThat(getRange("copy-c", KEY_B, KEY_B_MD5, 0, data.length - 1)).isEqualTo(data);

    alice.copyObject(c -> c.sourceBucket("enc").sourceKey("copy-c")
        .destinationBucket("enc").destinationKey("copy-plain")
        .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(KEY_B)
        .copySourceSSECustomerKeyMD5(KEY_B_MD5));
    ResponseBytes<GetObjectResponse> plain =
        alice.getObjectAsBytes(g -> g.bucket("enc").key("copy-plain"));
    assertThat(plain.asByteArray()).isEqualTo(data);
    assertThat(plain.response().serverSideEncryption()).isNull();

    // The source's key is required to copy it.
    assertThatThrownBy(() -> alice.copyObject(c -> c.sourceBucket("enc").sourceKey("copy-src")
        .destinationBucket("enc").destinationKey("copy-nokey")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
  }

  @Test
  void bucketEncryption_defaultAppliesToPlainPuts_andCanBeRemoved() {
    alice.createBucket(b -> b.bucket("enc-default"));
    assertThatThrownBy(() -> alice.getBucketEncryption(g -> g.bucket("enc-default")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
            .isEqualTo("ServerSideEncryptionConfigurationNotFoundError"));
    alice.putBucketEncryption(p -> p.bucket("enc-default").serverSideEncryptionConfiguration(c -> c
        .rules(r -> r.applyServerSideEncryptionByDefault(d -> d
            .sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("testkey-1")))));
    assertThat(alice.getBucketEncryption(g -> g.bucket("enc-default"))
        .serverSideEncryptionConfiguration().rules().get(0).applyServerSideEncryptionByDefault()
        .kmsMasterKeyID()).isEqualTo("testkey-1");

    PutObjectResponse put = alice.putObject(p -> p.bucket("enc-default").key("o"),
        RequestBody.fromString("by default"));
    assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(put.ssekmsKeyId()).isEqualTo("testkey-1");
    assertThat(alice.getObjectAsBytes(g -> g.bucket("enc-default").key("o")).asUtf8String())
        .isEqualTo("by default");

    alice.deleteBucketEncryption(d -> d.bucket("enc-default"));
    assertThat(alice.putObject(p -> p.bucket("enc-default").key("o2"),
        RequestBody.fromString("plain")).serverSideEncryption()).isNull();
  }

  @Test
  void encryptedObjects_plainTextIsNotOnDisk_plainObjectsAre() throws IOException {
    byte[] secret = repeat("CAIRN-SECRET-MARKER-0123456789/", 4000);
    byte[] visible = repeat("CAIRN-VISIBLE-MARKER-9876543210/", 4000);
    alice.putObject(p -> p.bucket("enc").key("disk-s3")
        .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(secret));
    alice.putObject(p -> p.bucket("enc").key("disk-c")
        .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_A).sseCustomerKeyMD5(KEY_A_MD5),
        RequestBody.fromBytes(secret));
    alice.putObject(p -> p.bucket("enc").key("disk-plain"), RequestBody.fromBytes(visible));

    byte[] secretMarker = "CAIRN-SECRET-MARKER".getBytes(StandardCharsets.US_ASCII);
    byte[] visibleMarker = "CAIRN-VISIBLE-MARKER".getBytes(StandardCharsets.US_ASCII);
    boolean secretSeen = false;
    boolean visibleSeen = false;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        secretSeen |= indexOf(bytes, secretMarker) >= 0;
        visibleSeen |= indexOf(bytes, visibleMarker) >= 0;
      }
    }
    assertThat(visibleSeen).as("the scan finds a plain object's bytes").isTrue();
    assertThat(secretSeen).as("encrypted objects' plain text on disk").isFalse();
  }

  private static byte[] repeat(String s, int times) {
    return s.repeat(times).getBytes(StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void keyMd5_isBase64OfTheKeysMd5() throws Exception {
    // Guards the constants above: the SDK sends them as given.
    byte[] md5 = MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(KEY_A));
    assertThat(Base64.getEncoder().encodeToString(md5)).isEqualTo(KEY_A_MD5);
  }
}
