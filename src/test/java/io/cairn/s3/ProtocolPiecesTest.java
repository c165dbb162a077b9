package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.objects.CompletedPart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Range parsing, conditional headers, bucket names, addressing, XML bodies and error codes. */
class ProtocolPiecesTest {

  @Test
  void byteRange_forms_resolveAgainstSize() {
    assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new ByteRange(0, 9));
    assertThat(ByteRange.parse("bytes=90-200", 100)).isEqualTo(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=95-", 100)).isEqualTo(new ByteRange(95, 99));
    assertThat(ByteRange.parse("bytes=-10", 100)).isEqualTo(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new ByteRange(0, 99));
    assertThat(ByteRange.parse(null, 100)).isNull();
    assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isNull();
    assertThat(ByteRange.parse("items=0-1", 100)).isNull();
    assertThat(ByteRange.parse("bytes=5-2", 100)).isNull();
    assertThat(new ByteRange(2, 5).contentRange(10)).isEqualTo("bytes 2-5/10");
  }

  @Test
  void byteRange_unsatisfiable_isInvalidRange() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100))
        .extracting(e -> ((S3Exception) e).code()).isEqualTo(S3ErrorCode.INVALID_RANGE);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100))
        .extracting(e -> ((S3Exception) e).code()).isEqualTo(S3ErrorCode.INVALID_RANGE);
    assertThatThrownBy(() -> ByteRange.parseCopySourceRange("bytes=0-100", 100))
        .extracting(e -> ((S3Exception) e).code()).isEqualTo(S3ErrorCode.INVALID_RANGE);
    assertThat(ByteRange.parseCopySourceRange("bytes=10-19", 100)).isEqualTo(new ByteRange(10, 19));
  }

  private static final Instant MODIFIED = Instant.parse("2024-05-01T10:00:00.500Z");
  private static final String BEFORE = "Wed, 01 May 2024 09:00:00 GMT";
  private static final String AT = "Wed, 01 May 2024 10:00:00 GMT";
  private static final String AFTER = "Wed, 01 May 2024 11:00:00 GMT";

  private static Preconditions.Outcome eval(String ifMatch, String ifNoneMatch, String since,
      String unmodifiedSince) {
    return Preconditions.evaluate(ifMatch, ifNoneMatch, since, unmodifiedSince, "abc", MODIFIED);
  }

  @Test
  void preconditions_followS3Precedence() {
    assertThat(eval(null, null, null, null)).isEqualTo(Preconditions.Outcome.PROCEED);
    assertThat(eval("\"abc\"", null, null, null)).isEqualTo(Preconditions.Outcome.PROCEED);
    assertThat(eval("\"x\", \"abc\"", null, null, null)).isEqualTo(Preconditions.Outcome.PROCEED);
    assertThat(eval("*", null, null, null)).isEqualTo(Preconditions.Outcome.PROCEED);
    assertThat(eval("\"x\"", null, null, null)).isEqualTo(Preconditions.Outcome.FAILED);
    assertThat(eval(null, "\"abc\"", null, null)).isEqualTo(Preconditions.Outcome.NOT_MODIFIED);
    assertThat(eval(null, "\"x\"", null, null)).isEqualTo(Preconditions.Outcome.PROCEED);
    assertThat(eval(null, null, AT, null)).isEqualTo(Preconditions.Outcome.NOT_MODIFIED);
    assertThat(eval(null, null, BEFORE, null)).isEqualTo(Preconditions.Outcome.PROCEED);
    assertThat(eval(null, null, null, BEFORE)).isEqualTo(Preconditions.Outcome.FAILED);
    assertThat(eval(null, null, null, AFTER)).isEqualTo(Preconditions.Outcome.PROCEED);
    // If-Match true overrides If-Unmodified-Since false; If-None-Match false overrides
    // If-Modified-Since false (S3 "conditional requests").
    assertThat(eval("\"abc\"", null, null, BEFORE)).isEqualTo(Preconditions.Outcome.PROCEED);
    assertThat(eval(null, "\"x\"", AFTER, null)).isEqualTo(Preconditions.Outcome.PROCEED);
    assertThat(eval(null, null, "not a date", null)).isEqualTo(Preconditions.Outcome.PROCEED);
  }

  @Test
  void bucketNames_followS3Rules() {
    for (String ok : List.of("abc", "my-bucket", "my.bucket.1", "a".repeat(63), "0bucket9")) {
      assertThat(BucketNames.isValid(ok)).as(ok).isTrue();
    }
    for (String bad : List.of("ab", "a".repeat(64), "My-Bucket", "my_bucket", "-bucket",
        "bucket-", "my..bucket", "my.-bucket", "192.168.1.1", "xn--bucket", "bucket-s3alias",
        "bucket--ol-s3", "sthree-bucket", ".bucket")) {
      assertThat(BucketNames.isValid(bad)).as(bad).isFalse();
    }
  }

  @Test
  void addressing_pathAndVirtualHostStyle() {
    Addressing a = new Addressing(List.of("localhost", "s3.example.com"));
    assertThat(a.resolve("127.0.0.1:9000", "/")).isEqualTo(new Addressing.Target(null, null));
    assertThat(a.resolve("127.0.0.1:9000", "/bkt")).isEqualTo(new Addressing.Target("bkt", null));
    assertThat(a.resolve("127.0.0.1:9000", "/bkt/")).isEqualTo(new Addressing.Target("bkt", null));
    assertThat(a.resolve("localhost:9000", "/bkt/a/b%20c"))
        .isEqualTo(new Addressing.Target("bkt", "a/b c"));
    assertThat(a.resolve("bkt.localhost:9000", "/a%2Fb//c"))
        .isEqualTo(new Addressing.Target("bkt", "a/b//c", true));
    assertThat(a.resolve("bkt.s3.example.com", "/"))
        .isEqualTo(new Addressing.Target("bkt", null, true));
    assertThat(a.resolve("my.dotted.bkt.s3.example.com", "/k+1"))
        .isEqualTo(new Addressing.Target("my.dotted.bkt", "k+1", true));
    assertThat(a.resolve("otherlocalhost:9000", "/b/k"))
        .isEqualTo(new Addressing.Target("b", "k", false));
  }

  @Test
  void xmlBodies_completeMultipartUpload_inEitherElementOrder() throws Exception {
    String xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + "<Part><ETag>\"e1\"</ETag><PartNumber>1</PartNumber></Part>"
        + "<Part><PartNumber>2</PartNumber><ChecksumCRC32>x</ChecksumCRC32><ETag>e2</ETag></Part>"
        + "</CompleteMultipartUpload>";
    assertThat(XmlBodies.completeMultipartUpload(stream(xml)))
        .containsExactly(new CompletedPart(1, "\"e1\""), new CompletedPart(2, "e2", "x"));
  }

  @Test
  void xmlBodies_malformedOrWrongRoot_isMalformedXml() {
    for (String bad : List.of("<CompleteMultipartUpload><Part>", "<Other/>", "",
        "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>e</ETag></Part>"
            + "</CompleteMultipartUpload>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Delete>&e;</Delete>")) {
      assertThatThrownBy(() -> {
        XmlBodies.completeMultipartUpload(stream(bad));
        XmlBodies.delete(stream(bad));
      }).as(bad).extracting(e -> ((S3Exception) e).code()).isEqualTo(S3ErrorCode.MALFORMED_XML);
    }
  }

  @Test
  void xmlBodies_delete_readsKeysAndQuiet() throws Exception {
    XmlBodies.DeleteRequest r = XmlBodies.delete(stream("<Delete><Quiet>true</Quiet>"
        + "<Object><Key>a &amp; b</Key></Object><Object><Key>c</Key><VersionId>null</VersionId>"
        + "</Object></Delete>"));
    assertThat(r.keys()).containsExactly("a & b", "c");
    assertThat(r.quiet()).isTrue();
  }

  @Test
  void errorResponse_rendersCodeMessageAndResource() {
    String xml = new String(ErrorResponse.render(new S3Exception(S3ErrorCode.NO_SUCH_KEY),
        "/b/k<", "RID"), StandardCharsets.UTF_8);
    assertThat(xml).contains("<Error><Code>NoSuchKey</Code>")
        .contains("<Message>The specified key does not exist.</Message>")
        .contains("<Resource>/b/k&lt;</Resource>").contains("<RequestId>RID</RequestId>");
    assertThat(S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU.code()).isEqualTo("BucketAlreadyOwnedByYou");
    assertThat(S3ErrorCode.INVALID_ACCESS_KEY_ID.code()).isEqualTo("InvalidAccessKeyId");
    assertThat(S3ErrorCode.INVALID_RANGE.status()).isEqualTo(416);
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
