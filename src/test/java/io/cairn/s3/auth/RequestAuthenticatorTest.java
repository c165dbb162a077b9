package io.cairn.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.Addressing;
import io.cairn.s3.S3ErrorCode;
import io.cairn.s3.S3Exception;
import io.cairn.s3.S3Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

/** SigV4 verification against the examples in the Amazon S3 API reference (sigv4 header/query). */
class RequestAuthenticatorTest {
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final AccessKey KEY = new AccessKey("AKIAIOSFODNN7EXAMPLE", SECRET, "example");
  static final Instant EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
  static final String EMPTY = Hashes.EMPTY_SHA256;
  private static final Addressing ADDRESSING = new Addressing(List.of("s3.amazonaws.com"));

  static RequestAuthenticator authenticator(Instant now) {
    return new RequestAuthenticator(id -> id.equals(KEY.id()) ? Optional.of(KEY) : Optional.empty(),
        Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(15));
  }

  private static S3Request getObjectExample(String signature) {
    HttpFields headers = HttpFields.build()
        .add("Host", "examplebucket.s3.amazonaws.com")
        .add("Range", "bytes=0-9")
        .add("x-amz-content-sha256", EMPTY)
        .add("x-amz-date", "20130524T000000Z")
        .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/"
            + "us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            + "Signature=" + signature)
        .asImmutable();
    return S3Request.of("GET", "/test.txt", null, headers, ADDRESSING);
  }

  @Test
  void headerAuth_awsGetObjectExample_verifies() {
    S3Request request =
        getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    assertThat(request.bucket()).isEqualTo("examplebucket");
    assertThat(request.key()).isEqualTo("test.txt");
    Authentication auth = authenticator(EXAMPLE_TIME).authenticate(request);
    assertThat(auth.owner()).isEqualTo("example");
    assertThat(auth.payloadHash()).isEqualTo(EMPTY);
  }

  @Test
  void headerAuth_secretChangedSameDay_verifiesOnlyWithTheNewSecret() {
    AccessKey[] current = {KEY};
    RequestAuthenticator auth = new RequestAuthenticator(id -> Optional.of(current[0]),
        Clock.fixed(EXAMPLE_TIME, ZoneOffset.UTC), Duration.ofMinutes(15));
    S3Request request =
        getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    assertThat(auth.authenticate(request)).isNotNull(); // derives and remembers the signing key
    current[0] = new AccessKey(KEY.id(), SECRET + "-rotated", "example");
    assertThatThrownBy(() -> auth.authenticate(request))
        .extracting(e -> ((S3Exception) e).code())
        .isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void parseAmzDate_validAndInvalid_parsesOrIsAccessDenied() {
    assertThat(RequestAuthenticator.parseAmzDate("20130524T235959Z"))
        .isEqualTo(Instant.parse("2013-05-24T23:59:59Z"));
    assertThat(RequestAuthenticator.parseAmzDate("20240229T010203Z"))
        .isEqualTo(Instant.parse("2024-02-29T01:02:03Z"));
    for (String bad : List.of("20130524T000000", "20131324T000000Z", "20130230T000000Z",
        "2013-05-24T00:00Z", "2013052XT000000Z", "20130524T250000Z", "")) {
      assertThatThrownBy(() -> RequestAuthenticator.parseAmzDate(bad))
          .as(bad)
          .extracting(e -> ((S3Exception) e).code())
          .isEqualTo(S3ErrorCode.ACCESS_DENIED);
    }
  }

  @Test
  void headerAuth_wrongSignature_isSignatureDoesNotMatch() {
    S3Request request =
        getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42");
    assertThatThrownBy(() -> authenticator(EXAMPLE_TIME).authenticate(request))
        .isInstanceOf(S3Exception.class)
        .extracting(e -> ((S3Exception) e).code())
        .isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void headerAuth_clockSkewOverLimit_isRequestTimeTooSkewed() {
    S3Request request =
        getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    assertThatThrownBy(() -> authenticator(EXAMPLE_TIME.plusSeconds(16 * 60)).authenticate(request))
        .extracting(e -> ((S3Exception) e).code())
        .isEqualTo(S3ErrorCode.REQUEST_TIME_TOO_SKEWED);
    assertThat(authenticator(EXAMPLE_TIME.minusSeconds(14 * 60)).authenticate(request)).isNotNull();
  }

  @Test
  void headerAuth_unknownAccessKey_isInvalidAccessKeyId() {
    HttpFields headers = HttpFields.build()
        .add("Host", "examplebucket.s3.amazonaws.com")
        .add("x-amz-content-sha256", EMPTY)
        .add("x-amz-date", "20130524T000000Z")
        .add("Authorization", "AWS4-HMAC-SHA256 Credential=NOBODY/20130524/us-east-1/s3/"
            + "aws4_request,SignedHeaders=host;x-amz-date,Signature=00")
        .asImmutable();
    S3Request request = S3Request.of("GET", "/test.txt", null, headers, ADDRESSING);
    assertThatThrownBy(() -> authenticator(EXAMPLE_TIME).authenticate(request))
        .extracting(e -> ((S3Exception) e).code())
        .isEqualTo(S3ErrorCode.INVALID_ACCESS_KEY_ID);
  }

  @Test
  void anonymousRequest_isAccessDenied() {
    HttpFields headers = HttpFields.build().add("Host", "localhost").asImmutable();
    S3Request request = S3Request.of("GET", "/", null, headers, ADDRESSING);
    assertThatThrownBy(() -> authenticator(EXAMPLE_TIME).authenticate(request))
        .extracting(e -> ((S3Exception) e).code())
        .isEqualTo(S3ErrorCode.ACCESS_DENIED);
  }

  private static final String PRESIGNED_QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
      + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
      + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
      + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

  private static S3Request presigned(String query) {
    HttpFields headers =
        HttpFields.build().add("Host", "examplebucket.s3.amazonaws.com").asImmutable();
    return S3Request.of("GET", "/test.txt", query, headers, ADDRESSING);
  }

  @Test
  void queryAuth_awsPresignedExample_verifiesWithinExpiry() {
    Authentication auth = authenticator(EXAMPLE_TIME.plusSeconds(3600))
        .authenticate(presigned(PRESIGNED_QUERY));
    assertThat(auth.payloadHash()).isEqualTo(PayloadStreams.UNSIGNED_PAYLOAD);
  }

  @Test
  void queryAuth_afterExpiry_isAccessDenied() {
    assertThatThrownBy(() -> authenticator(EXAMPLE_TIME.plusSeconds(86401))
        .authenticate(presigned(PRESIGNED_QUERY)))
        .extracting(e -> ((S3Exception) e).code(), e -> e.getMessage())
        .containsExactly(S3ErrorCode.ACCESS_DENIED, "Request has expired");
  }

  @Test
  void queryAuth_tamperedParameter_isSignatureDoesNotMatch() {
    String tampered = PRESIGNED_QUERY + "&response-content-type=text%2Fhtml";
    assertThatThrownBy(() -> authenticator(EXAMPLE_TIME).authenticate(presigned(tampered)))
        .extracting(e -> ((S3Exception) e).code())
        .isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void queryAuth_expiresOverSevenDays_isRejected() {
    String longLived = PRESIGNED_QUERY.replace("X-Amz-Expires=86400", "X-Amz-Expires=604801");
    assertThatThrownBy(() -> authenticator(EXAMPLE_TIME).authenticate(presigned(longLived)))
        .extracting(e -> ((S3Exception) e).code())
        .isEqualTo(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
  }

  @Test
  void headerAuth_awsChunkedPutExample_yieldsTheSeedSignature() {
    HttpFields headers = HttpFields.build()
        .add("Host", "s3.amazonaws.com")
        .add("x-amz-date", "20130524T000000Z")
        .add("x-amz-storage-class", "REDUCED_REDUNDANCY")
        .add("Content-Encoding", "aws-chunked")
        .add("x-amz-decoded-content-length", "66560")
        .add("Content-Length", "66824")
        .add("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
        .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/"
            + "us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;"
            + "x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,"
            + "Signature=" + AwsChunkedInputStreamTest.SEED)
        .asImmutable();
    S3Request request =
        S3Request.of("PUT", "/examplebucket/chunkObject.txt", null, headers, ADDRESSING);
    assertThat(request.bucket()).isEqualTo("examplebucket");
    Authentication auth = authenticator(EXAMPLE_TIME).authenticate(request);
    assertThat(auth.seedSignature()).isEqualTo(AwsChunkedInputStreamTest.SEED);
  }
}
