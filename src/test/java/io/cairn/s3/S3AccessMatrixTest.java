package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.catalog.Users;
import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every bucket and object operation, tried by every kind of user on buckets and objects whose
 * grants are placed on the bucket, on the object, on both, or given to everyone, against the table
 * below. The table is the specification, in the source's words (HStore 2.0, 5.3.1): a
 * <b>reader</b> reads data and metadata; a <b>writer</b> also writes them but cannot read or
 * change the ACL; an <b>owner</b> does everything, ACLs included, and grants any role. Roles on a
 * bucket govern its listing and the writing of keys in it; roles on an object govern that object.
 *
 * <p>Users: {@code owner} created the bucket and the object; {@code coowner} was granted the owner
 * role (FULL_CONTROL), {@code writer} the writer role (READ, WRITE), {@code reader} the reader role
 * (READ), where the placement says; {@code other} is an authenticated user without a grant;
 * {@code anonymous} sends unsigned requests.
 */
class S3AccessMatrixTest {
  enum Placement {
    /** the roles are granted on the bucket; the object is private */
    BUCKET,
    /** the roles are granted on the object; the bucket is private */
    OBJECT,
    /** the roles are granted on both */
    BOTH,
    /** bucket public-read-write, object public-read; no user has a role */
    PUBLIC,
    /** bucket and object authenticated-read; no user has a role */
    AUTHENTICATED
  }

  static final String OWNER_ONLY = "owner";
  static final String OWNERS = "owner coowner";
  static final String WRITERS = "owner coowner writer";
  static final String READERS = "owner coowner writer reader";
  static final String SIGNED = "owner coowner writer reader other";
  static final String EVERYONE = "owner coowner writer reader other anonymous";

  /** Who may: per operation, the users allowed under each placement (columns in enum order). */
  static final Map<String, String[]> EXPECTED = new LinkedHashMap<>();

  static void expect(String operation, String onBucket, String onObject, String onBoth,
      String isPublic, String authenticated) {
    EXPECTED.put(operation, new String[] {onBucket, onObject, onBoth, isPublic, authenticated});
  }

  static {
    //                            roles on bucket  roles on object  on both   public     authenticated-read
    // reading the bucket: its readers
    expect("ListObjects",           READERS,    OWNER_ONLY, READERS,  EVERYONE,   SIGNED);
    expect("ListObjectsV2",         READERS,    OWNER_ONLY, READERS,  EVERYONE,   SIGNED);
    expect("ListObjectVersions",    READERS,    OWNER_ONLY, READERS,  EVERYONE,   SIGNED);
    expect("ListMultipartUploads",  READERS,    OWNER_ONLY, READERS,  EVERYONE,   SIGNED);
    expect("HeadBucket",            READERS,    OWNER_ONLY, READERS,  EVERYONE,   SIGNED);
    expect("GetBucketLocation",     READERS,    OWNER_ONLY, READERS,  EVERYONE,   SIGNED);
    // writing the bucket's data (its keys): its writers
    expect("PutObject",             WRITERS,    OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("PutObject overwrite",   WRITERS,    OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("DeleteObject",          WRITERS,    OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("DeleteObjects",         WRITERS,    OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("DeleteObject versionId", WRITERS,   OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("CreateMultipartUpload", WRITERS,    OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("UploadPart",            WRITERS,    OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("ListParts",             WRITERS,    OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("CompleteMultipartUpload", WRITERS,  OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("AbortMultipartUpload",  WRITERS,    OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    // copying: read the source object, write the destination bucket
    expect("CopyObject",            OWNER_ONLY, OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    expect("UploadPartCopy",        OWNER_ONLY, OWNER_ONLY, WRITERS,  EVERYONE,   OWNER_ONLY);
    // the bucket's ACL: its owners
    expect("GetBucketAcl",          OWNERS,     OWNER_ONLY, OWNERS,   OWNER_ONLY, OWNER_ONLY);
    expect("PutBucketAcl",          OWNERS,     OWNER_ONLY, OWNERS,   OWNER_ONLY, OWNER_ONLY);
    // the bucket's configuration: its owners (none yet: NoSuchTagSet)
    expect("GetBucketTagging",      OWNERS,     OWNER_ONLY, OWNERS,   OWNER_ONLY, OWNER_ONLY);
    expect("PutBucketTagging",      OWNERS,     OWNER_ONLY, OWNERS,   OWNER_ONLY, OWNER_ONLY);
    expect("GetBucketVersioning",   OWNERS,     OWNER_ONLY, OWNERS,   OWNER_ONLY, OWNER_ONLY);
    expect("PutBucketVersioning",   OWNERS,     OWNER_ONLY, OWNERS,   OWNER_ONLY, OWNER_ONLY);
    // deleting the bucket: the one who owns it (here it is not empty: BucketNotEmpty)
    expect("DeleteBucket",          OWNER_ONLY, OWNER_ONLY, OWNER_ONLY, OWNER_ONLY, OWNER_ONLY);
    // reading the object's data and metadata: its readers
    expect("GetObject",             OWNER_ONLY, READERS,    READERS,  EVERYONE,   SIGNED);
    expect("GetObject versionId",   OWNER_ONLY, READERS,    READERS,  EVERYONE,   SIGNED);
    expect("HeadObject",            OWNER_ONLY, READERS,    READERS,  EVERYONE,   SIGNED);
    expect("GetObjectAttributes",   OWNER_ONLY, READERS,    READERS,  EVERYONE,   SIGNED);
    expect("GetObjectTagging",      OWNER_ONLY, READERS,    READERS,  EVERYONE,   SIGNED);
    // writing the object's metadata: its writers
    expect("PutObjectTagging",      OWNER_ONLY, WRITERS,    WRITERS,  OWNER_ONLY, OWNER_ONLY);
    expect("DeleteObjectTagging",   OWNER_ONLY, WRITERS,    WRITERS,  OWNER_ONLY, OWNER_ONLY);
    // the object's ACL: its owners
    expect("GetObjectAcl",          OWNER_ONLY, OWNERS,     OWNERS,   OWNER_ONLY, OWNER_ONLY);
    expect("PutObjectAcl",          OWNER_ONLY, OWNERS,     OWNERS,   OWNER_ONLY, OWNER_ONLY);
    expect("GetObjectAcl versionId", OWNER_ONLY, OWNERS,    OWNERS,   OWNER_ONLY, OWNER_ONLY);
  }

  static final List<String> USERS =
      List.of("owner", "coowner", "writer", "reader", "other", "anonymous");
  static final String DOC = "doc";

  @TempDir static Path data;
  static TestServer server;
  static final Map<String, S3Client> clients = new LinkedHashMap<>();
  static final Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Wiring.production(TestServer.config(data)).env(TestServer.ENV));
    Users users = server.server.context().catalog().users();
    for (String user : USERS) {
      if (user.equals("anonymous")) {
        clients.put(user, client(AnonymousCredentialsProvider.create()));
        continue;
      }
      String ak = ("AK" + user.toUpperCase() + "0000000000000000").substring(0, 20);
      String sk = user + "-secret-key-0123456789";
      ids.put(user, users.create(user, false, ak, sk).id());
      clients.put(user, client(StaticCredentialsProvider.create(
          AwsBasicCredentials.create(ak, sk))));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (S3Client c : clients.values()) {
      c.close();
    }
    server.close();
  }

  static S3Client client(AwsCredentialsProvider credentials) {
    return S3Client.builder().endpointOverride(URI.create(server.s3()))
        .region(Region.US_EAST_1).forcePathStyle(true).credentialsProvider(credentials)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  static S3Client owner() {
    return clients.get("owner");
  }

  /** The grant headers giving the roles of the placement ({@code x-amz-grant-*}). */
  static String roleGrants(String permission) {
    return switch (permission) {
      case "read" -> "id=\"" + ids.get("writer") + "\", id=\"" + ids.get("reader") + "\"";
      case "write" -> "id=\"" + ids.get("writer") + "\"";
      default -> "id=\"" + ids.get("coowner") + "\"";
    };
  }

  /** The bucket's ACL request for a placement, as a change to a PutBucketAcl request. */
  static software.amazon.awssdk.services.s3.model.PutBucketAclRequest.Builder bucketAcl(
      Placement p, software.amazon.awssdk.services.s3.model.PutBucketAclRequest.Builder b) {
    return switch (p) {
      case BUCKET, BOTH -> b.grantRead(roleGrants("read")).grantWrite(roleGrants("write"))
          .grantFullControl(roleGrants("full"));
      case OBJECT -> b.acl("private");
      case PUBLIC -> b.acl("public-read-write");
      case AUTHENTICATED -> b.acl("authenticated-read");
    };
  }

  static software.amazon.awssdk.services.s3.model.PutObjectAclRequest.Builder objectAcl(
      Placement p, software.amazon.awssdk.services.s3.model.PutObjectAclRequest.Builder b) {
    return switch (p) {
      case OBJECT, BOTH -> b.grantRead(roleGrants("read")).grantWrite(roleGrants("write"))
          .grantFullControl(roleGrants("full"));
      case BUCKET -> b.acl("private");
      case PUBLIC -> b.acl("public-read");
      case AUTHENTICATED -> b.acl("authenticated-read");
    };
  }

  static String bucket(Placement p) {
    return "matrix-" + p.name().toLowerCase();
  }

  /** One attempt: the user's client, the bucket, the user's name (for keys of its own). */
  record Attempt(S3Client s3, Placement placement, String bucket, String user) {
    String key(String what) {
      return what + "-by-" + user;
    }
  }

  @FunctionalInterface
  interface Operation {
    void run(Attempt a) throws Exception;
  }

  /** How each operation is tried. */
  static final Map<String, Operation> OPERATIONS = new LinkedHashMap<>();

  static {
    OPERATIONS.put("ListObjects", a -> a.s3().listObjects(b -> b.bucket(a.bucket())));
    OPERATIONS.put("ListObjectsV2", a -> a.s3().listObjectsV2(b -> b.bucket(a.bucket())));
    OPERATIONS.put("ListObjectVersions",
        a -> a.s3().listObjectVersions(b -> b.bucket(a.bucket())));
    OPERATIONS.put("ListMultipartUploads",
        a -> a.s3().listMultipartUploads(b -> b.bucket(a.bucket())));
    OPERATIONS.put("HeadBucket", a -> a.s3().headBucket(b -> b.bucket(a.bucket())));
    OPERATIONS.put("GetBucketLocation",
        a -> a.s3().getBucketLocation(b -> b.bucket(a.bucket())));
    OPERATIONS.put("PutObject", a -> a.s3().putObject(b -> b.bucket(a.bucket())
        .key(a.key("new")), RequestBody.fromString("new")));
    OPERATIONS.put("PutObject overwrite", a -> a.s3().putObject(b -> b.bucket(a.bucket())
        .key(a.key("victim")), RequestBody.fromString("overwritten")));
    OPERATIONS.put("DeleteObject", a -> a.s3().deleteObject(b -> b.bucket(a.bucket())
        .key(a.key("doomed"))));
    OPERATIONS.put("DeleteObjects", a -> {
      var r = a.s3().deleteObjects(b -> b.bucket(a.bucket()).delete(d -> d.objects(
          o -> o.key(a.key("doomed-too")))));
      if (!r.errors().isEmpty()) {
        throw S3Exception.builder().statusCode(403).message(r.errors().get(0).code())
            .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                .errorCode(r.errors().get(0).code()).build()).build();
      }
    });
    OPERATIONS.put("DeleteObject versionId", a -> a.s3().deleteObject(b -> b.bucket(a.bucket())
        .key(a.key("gone")).versionId("null")));
    OPERATIONS.put("CreateMultipartUpload", a -> a.s3().createMultipartUpload(
        b -> b.bucket(a.bucket()).key(a.key("upload"))));
    OPERATIONS.put("UploadPart", a -> a.s3().uploadPart(b -> b.bucket(a.bucket()).key("mp")
        .uploadId(ownersUpload(a.bucket(), "mp")).partNumber(2 + USERS.indexOf(a.user())),
        RequestBody.fromString("part")));
    OPERATIONS.put("ListParts", a -> a.s3().listParts(b -> b.bucket(a.bucket()).key("mp")
        .uploadId(ownersUpload(a.bucket(), "mp"))));
    OPERATIONS.put("CompleteMultipartUpload", a -> {
      String key = a.key("completed");
      String id = owner().createMultipartUpload(b -> b.bucket(a.bucket()).key(key)).uploadId();
      String etag = owner().uploadPart(b -> b.bucket(a.bucket()).key(key).uploadId(id)
          .partNumber(1), RequestBody.fromString("only part")).eTag();
      a.s3().completeMultipartUpload(b -> b.bucket(a.bucket()).key(key).uploadId(id)
          .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag)
              .build())));
    });
    OPERATIONS.put("AbortMultipartUpload", a -> {
      String key = a.key("aborted");
      String id = owner().createMultipartUpload(b -> b.bucket(a.bucket()).key(key)).uploadId();
      a.s3().abortMultipartUpload(b -> b.bucket(a.bucket()).key(key).uploadId(id));
    });
    OPERATIONS.put("CopyObject", a -> a.s3().copyObject(b -> b.sourceBucket(a.bucket())
        .sourceKey(DOC).destinationBucket(a.bucket()).destinationKey(a.key("copy"))));
    OPERATIONS.put("UploadPartCopy", a -> a.s3().uploadPartCopy(b -> b.sourceBucket(a.bucket())
        .sourceKey(DOC).destinationBucket(a.bucket()).destinationKey("mp")
        .uploadId(ownersUpload(a.bucket(), "mp")).partNumber(20 + USERS.indexOf(a.user()))));
    OPERATIONS.put("GetBucketAcl", a -> a.s3().getBucketAcl(b -> b.bucket(a.bucket())));
    OPERATIONS.put("PutBucketAcl", a -> a.s3().putBucketAcl(
        b -> bucketAcl(a.placement(), b.bucket(a.bucket()))));
    OPERATIONS.put("DeleteBucket", a -> a.s3().deleteBucket(b -> b.bucket(a.bucket())));
    OPERATIONS.put("GetBucketTagging", a -> a.s3().getBucketTagging(b -> b.bucket(a.bucket())));
    OPERATIONS.put("PutBucketTagging", a -> a.s3().putBucketTagging(b -> b.bucket(a.bucket())
        .tagging(t -> t.tagSet(tag -> tag.key("by").value(a.user())))));
    OPERATIONS.put("GetBucketVersioning",
        a -> a.s3().getBucketVersioning(b -> b.bucket(a.bucket())));
    OPERATIONS.put("GetObject", a -> a.s3().getObjectAsBytes(b -> b.bucket(a.bucket()).key(DOC)));
    OPERATIONS.put("GetObject versionId", a -> a.s3().getObjectAsBytes(b -> b.bucket(a.bucket())
        .key(DOC).versionId(S3AccessMatrixTest.docVersions.get(a.bucket()))));
    OPERATIONS.put("HeadObject", a -> a.s3().headObject(b -> b.bucket(a.bucket()).key(DOC)));
    OPERATIONS.put("GetObjectAttributes", a -> a.s3().getObjectAttributes(b -> b
        .bucket(a.bucket()).key(DOC).objectAttributes(ObjectAttributes.E_TAG)));
    OPERATIONS.put("GetObjectTagging",
        a -> a.s3().getObjectTagging(b -> b.bucket(a.bucket()).key(DOC)));
    OPERATIONS.put("PutObjectTagging", a -> a.s3().putObjectTagging(b -> b.bucket(a.bucket())
        .key(DOC).tagging(t -> t.tagSet(tag -> tag.key("by").value(a.user())))));
    OPERATIONS.put("DeleteObjectTagging",
        a -> a.s3().deleteObjectTagging(b -> b.bucket(a.bucket()).key(DOC)));
    OPERATIONS.put("GetObjectAcl", a -> a.s3().getObjectAcl(b -> b.bucket(a.bucket()).key(DOC)));
    OPERATIONS.put("PutObjectAcl", a -> a.s3().putObjectAcl(
        b -> objectAcl(a.placement(), b.bucket(a.bucket()).key(DOC))));
    OPERATIONS.put("GetObjectAcl versionId", a -> a.s3().getObjectAcl(b -> b.bucket(a.bucket())
        .key(DOC).versionId(S3AccessMatrixTest.docVersions.get(a.bucket()))));
    // Last: once versioning is on, the operations above would make versions and markers.
    OPERATIONS.put("PutBucketVersioning", a -> a.s3().putBucketVersioning(b -> b
        .bucket(a.bucket()).versioningConfiguration(v -> v.status("Enabled"))));
  }

  static final Map<String, String> uploads = new LinkedHashMap<>();
  static final Map<String, String> docVersions = new LinkedHashMap<>();

  /** Errors that mean "allowed, and the answer is": the bucket is not empty, it has no tags. */
  static final Map<String, String> ALLOWED_ERRORS =
      Map.of("DeleteBucket", "BucketNotEmpty", "GetBucketTagging", "NoSuchTagSet");

  static String ownersUpload(String bucket, String key) {
    return uploads.computeIfAbsent(bucket + "/" + key, k -> owner().createMultipartUpload(
        b -> b.bucket(bucket).key(key)).uploadId());
  }

  static void setUp(Placement p) {
    String bucket = bucket(p);
    owner().createBucket(b -> b.bucket(bucket));
    String version = owner().putObject(b -> b.bucket(bucket).key(DOC),
        RequestBody.fromString("the document")).versionId();
    docVersions.put(bucket, version == null ? "null" : version);
    for (String user : USERS) {
      owner().putObject(b -> b.bucket(bucket).key("gone-by-" + user),
          RequestBody.fromString("gone"));
      owner().putObject(b -> b.bucket(bucket).key("victim-by-" + user),
          RequestBody.fromString("victim"));
      owner().putObject(b -> b.bucket(bucket).key("doomed-by-" + user),
          RequestBody.fromString("doomed"));
    }
    owner().putBucketAcl(b -> bucketAcl(p, b.bucket(bucket)));
    owner().putObjectAcl(b -> objectAcl(p, b.bucket(bucket).key(DOC)));
  }

  enum Outcome { ALLOWED, DENIED }

  @Test
  void everyRoleOnEveryOperation_isAllowedExactlyWhereTheTableSays() {
    assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(OPERATIONS.keySet());
    List<String> unauthorised = new ArrayList<>();
    List<String> wronglyRefused = new ArrayList<>();
    List<String> otherErrors = new ArrayList<>();
    int tried = 0;
    for (Placement p : Placement.values()) {
      setUp(p);
      for (Map.Entry<String, Operation> op : OPERATIONS.entrySet()) {
        Set<String> allowed = new TreeSet<>(
            Arrays.asList(EXPECTED.get(op.getKey())[p.ordinal()].split(" ")));
        for (String user : USERS) {
          String what = op.getKey() + " by " + user + " with roles " + p;
          Outcome outcome;
          try {
            op.getValue().run(new Attempt(clients.get(user), p, bucket(p), user));
            outcome = Outcome.ALLOWED;
          } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            // A HEAD reply has no body to carry the code: its 403 is the refusal.
            boolean head = op.getKey().startsWith("Head");
            if (e.statusCode() == 403 && ("AccessDenied".equals(code) || head)) {
              outcome = Outcome.DENIED;
            } else if (code != null && code.equals(ALLOWED_ERRORS.get(op.getKey()))) {
              outcome = Outcome.ALLOWED;
            } else {
              otherErrors.add(what + ": " + e.statusCode() + " " + code + " " + e.getMessage());
              continue;
            }
          } catch (Exception e) {
            otherErrors.add(what + ": " + e);
            continue;
          }
          tried++;
          boolean expected = allowed.contains(user);
          if (outcome == Outcome.ALLOWED && !expected) {
            unauthorised.add(what);
          } else if (outcome == Outcome.DENIED && expected) {
            wronglyRefused.add(what);
          }
        }
      }
    }
    assertThat(otherErrors).as("operations that failed for another reason").isEmpty();
    assertThat(unauthorised).as("unauthorised successes").isEmpty();
    assertThat(wronglyRefused).as("wrong refusals").isEmpty();
    assertThat(tried).isEqualTo(OPERATIONS.size() * USERS.size() * Placement.values().length);
  }
}
