package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Canned ACLs where objects are made (multipart, copy, put by another user) and the ownership of
 * objects others write, through the AWS SDK v2 on a real server with two users.
 */
class S3SdkAclTest {
  @TempDir static Path data;
  static TestServer server;
  static S3Client alice;
  static S3Client bob;
  static String aliceId;
  static String bobId;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Wiring.production(TestServer.config(data)).env(TestServer.ENV));
    var users = server.server.context().catalog().users();
    aliceId = users.create("alice", false, "AKALICE0000000000000", "alice-secret-0123456789").id();
    bobId = users.create("bob", false, "AKBOB000000000000000", "bob-secret-0123456789").id();
    alice = client("AKALICE0000000000000", "alice-secret-0123456789");
    bob = client("AKBOB000000000000000", "bob-secret-0123456789");
  }

  @AfterAll
  static void stop() {
    alice.close();
    bob.close();
    server.close();
  }

  static S3Client client(String ak, String sk) {
    return S3Client.builder().endpointOverride(URI.create(server.s3())).region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ak, sk)))
        .build();
  }

  static int anonymousGet(String path) throws Exception {
    return server.http.send(HttpRequest.newBuilder(URI.create(server.s3() + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void multipartUpload_cannedAclOfTheUpload_isTheCompletedObjects() throws Exception {
    alice.createBucket(b -> b.bucket("mp-acl"));
    String id = alice.createMultipartUpload(b -> b.bucket("mp-acl").key("big")
        .acl(ObjectCannedACL.PUBLIC_READ)).uploadId();
    String etag = alice.uploadPart(b -> b.bucket("mp-acl").key("big").uploadId(id).partNumber(1),
        RequestBody.fromString("all of it")).eTag();
    assertThat(anonymousGet("/mp-acl/big")).as("not there yet").isEqualTo(403);
    alice.completeMultipartUpload(b -> b.bucket("mp-acl").key("big").uploadId(id)
        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
    assertThat(anonymousGet("/mp-acl/big")).isEqualTo(200);
    assertThat(alice.getObjectAcl(b -> b.bucket("mp-acl").key("big")).grants())
        .extracting(g -> g.grantee().typeAsString() + ":" + g.permissionAsString())
        .containsExactly("Group:READ", "CanonicalUser:FULL_CONTROL");
  }

  @Test
  void copyObject_getsItsOwnCannedAcl_notTheSources() throws Exception {
    alice.createBucket(b -> b.bucket("copy-acl"));
    alice.putObject(b -> b.bucket("copy-acl").key("public").acl(ObjectCannedACL.PUBLIC_READ),
        RequestBody.fromString("x"));
    alice.copyObject(b -> b.sourceBucket("copy-acl").sourceKey("public")
        .destinationBucket("copy-acl").destinationKey("private-copy"));
    alice.copyObject(b -> b.sourceBucket("copy-acl").sourceKey("public")
        .destinationBucket("copy-acl").destinationKey("public-copy")
        .acl(ObjectCannedACL.PUBLIC_READ));
    assertThat(anonymousGet("/copy-acl/public")).isEqualTo(200);
    assertThat(anonymousGet("/copy-acl/private-copy")).isEqualTo(403);
    assertThat(anonymousGet("/copy-acl/public-copy")).isEqualTo(200);
  }

  @Test
  void objectWrittenByAnotherUser_isTheirs_bucketOwnerReadsItOnlyWhenGranted() {
    alice.createBucket(b -> b.bucket("drop-box"));
    alice.putBucketAcl(b -> b.bucket("drop-box").grantWrite("id=" + bobId));
    bob.putObject(b -> b.bucket("drop-box").key("bobs"), RequestBody.fromString("mine"));
    bob.putObject(b -> b.bucket("drop-box").key("shared")
        .acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("ours"));

    assertThat(alice.listObjectsV2(b -> b.bucket("drop-box").fetchOwner(true)).contents())
        .extracting(o -> o.key() + ":" + o.owner().id())
        .containsExactly("bobs:" + bobId, "shared:" + bobId);
    assertThatThrownBy(() -> alice.getObjectAsBytes(b -> b.bucket("drop-box").key("bobs")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
    assertThat(alice.getObjectAsBytes(b -> b.bucket("drop-box").key("shared")).asUtf8String())
        .isEqualTo("ours");
    assertThat(alice.getObjectAcl(b -> b.bucket("drop-box").key("shared")).owner().id())
        .isEqualTo(bobId);
    // The bucket's owner may still delete what others wrote (WRITE on the bucket is its own).
    alice.deleteObject(b -> b.bucket("drop-box").key("bobs"));
    assertThat(alice.listObjectsV2(b -> b.bucket("drop-box")).contents()).hasSize(1);
  }

  @Test
  void anonymousRequests_getExactlyWhatAllUsersIsGranted() throws Exception {
    alice.createBucket(b -> b.bucket("open-door").acl(
        software.amazon.awssdk.services.s3.model.BucketCannedACL.PUBLIC_READ_WRITE));
    var put = server.http.send(HttpRequest.newBuilder(URI.create(server.s3() + "/open-door/anon"))
        .PUT(HttpRequest.BodyPublishers.ofString("from nobody")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(alice.getObjectAcl(b -> b.bucket("open-door").key("anon")).owner().id())
        .as("what is written anonymously belongs to the bucket's owner").isEqualTo(aliceId);
    assertThat(anonymousGet("/open-door")).isEqualTo(200);
    assertThat(anonymousGet("/open-door/anon")).as("the object itself is private").isEqualTo(403);
    assertThat(anonymousGet("/")).as("anonymous ListBuckets").isEqualTo(403);
    assertThat(anonymousGet("/no-such-bucket/x")).isEqualTo(404);
    // A wrong signature is refused, not taken as anonymous.
    S3Client forged = client("AKALICE0000000000000", "not-alices-secret-0000");
    assertThatThrownBy(() -> forged.listObjectsV2(b -> b.bucket("open-door")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
            .isEqualTo("SignatureDoesNotMatch"));
    forged.close();
  }
}
