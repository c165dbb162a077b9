package io.cairn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.server.auth.CanonicalRequest.PathEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
    private static final SigningIdentity ALICE = new SigningIdentity("alice", "id-of-alice", "AKALICE0000000000001",
            "alice-secret-0123456789abcdefghijklmn", false);
    private static final IdentityLookup KEYS = ak -> ak.equals(ALICE.accessKey()) ? Optional.of(ALICE) : Optional.empty();

    private final SigV4Verifier verifier = new SigV4Verifier("cairn", PathEncoding.DOUBLE, KEYS,
            Clock.fixed(NOW, ZoneOffset.UTC), SigV4Verifier.DEFAULT_MAX_SKEW);

    private static SignedRequest signed(String method, String url, String body, String secret, Instant at) {
        URI uri = URI.create(url);
        String hash = SigV4.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("content-type", "application/json");
        Map<String, String> auth = new SigV4Signer(ALICE.accessKey(), secret, "eu-west-3", "cairn", PathEncoding.DOUBLE)
                .sign(method, uri, extra, hash, at);
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Host", List.of(SigV4Signer.hostHeader(uri)));
        headers.put("Content-Type", List.of("application/json"));
        auth.forEach((k, v) -> headers.put(k, List.of(v)));
        return new SignedRequest(method, uri.getRawPath(), uri.getRawQuery(), headers);
    }

    private static String hash(String body) {
        return SigV4.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void verify_requestSignedWithRightSecret_returnsPrincipal() throws Exception {
        SignedRequest r = signed("POST", "http://127.0.0.1:9001/api/v1/users?x=a%20b&y", "{}", ALICE.secretKey(), NOW);
        assertThat(verifier.verify(r, hash("{}"))).isEqualTo(new Principal("alice", "id-of-alice", ALICE.accessKey(), false));
    }

    @Test
    void verify_wrongSecret_isSignatureDoesNotMatch() {
        SignedRequest r = signed("GET", "http://127.0.0.1:9001/api/v1/users", "", "not-the-secret", NOW);
        assertThatThrownBy(() -> verifier.verify(r, hash(""))).isInstanceOf(AuthException.class)
                .extracting(e -> ((AuthException) e).failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void verify_tamperedBody_isSignatureDoesNotMatch() {
        SignedRequest r = signed("POST", "http://127.0.0.1:9001/api/v1/users", "{\"name\":\"a\"}", ALICE.secretKey(), NOW);
        assertThatThrownBy(() -> verifier.verify(r, hash("{\"name\":\"b\"}")))
                .extracting(e -> ((AuthException) e).failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void verify_tamperedQuery_isSignatureDoesNotMatch() {
        SignedRequest r = signed("GET", "http://127.0.0.1:9001/api/v1/users?limit=1", "", ALICE.secretKey(), NOW);
        SignedRequest changed = new SignedRequest(r.method(), r.rawPath(), "limit=2", r.headers());
        assertThatThrownBy(() -> verifier.verify(changed, hash("")))
                .extracting(e -> ((AuthException) e).failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void verify_unknownAccessKey_isInvalidAccessKeyId() {
        SignedRequest r = signed("GET", "http://127.0.0.1:9001/api/v1/users", "", ALICE.secretKey(), NOW);
        SigV4Verifier nobody = new SigV4Verifier("cairn", PathEncoding.DOUBLE, ak -> Optional.empty(),
                Clock.fixed(NOW, ZoneOffset.UTC), SigV4Verifier.DEFAULT_MAX_SKEW);
        assertThatThrownBy(() -> nobody.verify(r, hash("")))
                .extracting(e -> ((AuthException) e).failure()).isEqualTo(AuthFailure.INVALID_ACCESS_KEY_ID);
    }

    @Test
    void verify_signedSixteenMinutesAgo_isRequestTimeTooSkewed() {
        SignedRequest r = signed("GET", "http://127.0.0.1:9001/api/v1/users", "", ALICE.secretKey(),
                NOW.minus(Duration.ofMinutes(16)));
        assertThatThrownBy(() -> verifier.verify(r, hash("")))
                .extracting(e -> ((AuthException) e).failure()).isEqualTo(AuthFailure.REQUEST_TIME_TOO_SKEWED);
    }

    @Test
    void verify_signedFourteenMinutesInTheFuture_isAccepted() throws Exception {
        SignedRequest r = signed("GET", "http://127.0.0.1:9001/api/v1/users", "", ALICE.secretKey(),
                NOW.plus(Duration.ofMinutes(14)));
        assertThat(verifier.verify(r, hash("")).user()).isEqualTo("alice");
    }

    @Test
    void verify_noAuthorizationHeader_isMissingAuthentication() {
        SignedRequest r = new SignedRequest("GET", "/api/v1/users", null, Map.of("Host", List.of("h")));
        assertThatThrownBy(() -> verifier.verify(r, hash("")))
                .extracting(e -> ((AuthException) e).failure()).isEqualTo(AuthFailure.MISSING_AUTHENTICATION);
    }

    @Test
    void verify_garbledAuthorizationHeader_isMalformed() {
        SignedRequest r = new SignedRequest("GET", "/", null, Map.of("Host", List.of("h"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=x, Signature=zz")));
        assertThatThrownBy(() -> verifier.verify(r, hash("")))
                .extracting(e -> ((AuthException) e).failure()).isEqualTo(AuthFailure.MALFORMED_AUTHORIZATION);
    }

    @Test
    void verify_scopedToAnotherService_isMalformed() {
        URI uri = URI.create("http://127.0.0.1:9001/api/v1/users");
        Map<String, String> auth = new SigV4Signer(ALICE.accessKey(), ALICE.secretKey(), "us-east-1", "s3",
                PathEncoding.S3).sign("GET", uri, Map.of(), hash(""), NOW);
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("host", List.of("127.0.0.1:9001"));
        auth.forEach((k, v) -> headers.put(k, List.of(v)));
        assertThatThrownBy(() -> verifier.verify(new SignedRequest("GET", uri.getRawPath(), null, headers), hash("")))
                .extracting(e -> ((AuthException) e).failure()).isEqualTo(AuthFailure.MALFORMED_AUTHORIZATION);
    }

    @Test
    void verify_signedHeaderMissingFromRequest_isSignatureDoesNotMatch() {
        SignedRequest r = signed("GET", "http://127.0.0.1:9001/api/v1/users", "", ALICE.secretKey(), NOW);
        Map<String, List<String>> headers = new HashMap<>(r.headers());
        headers.remove("content-type");
        assertThatThrownBy(() -> verifier.verify(new SignedRequest("GET", r.rawPath(), null, headers), hash("")))
                .extracting(e -> ((AuthException) e).failure()).isEqualTo(AuthFailure.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void verify_requestSignedByAwsSdkV2Signer_isAccepted() throws Exception {
        String body = "{\"name\":\"bob\",\"note\":\"ünïcode & spaces\"}";
        for (String path : List.of("/api/v1/users", "/api/v1/users/bob.smith-1_x", "/api/v1/users/a%20b%2Bc")) {
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                    .uri(URI.create("http://127.0.0.1:9001" + path))
                    .appendRawQueryParameter("b", "2").appendRawQueryParameter("a", "x y+z/é")
                    .putHeader("Content-Type", "application/json").build();
            var signedBySdk = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsBasicCredentials.create(ALICE.accessKey(), ALICE.secretKey()))
                    .request(request)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cairn")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
            SdkHttpRequest sent = signedBySdk.request();
            SignedRequest received = new SignedRequest(sent.method().name(), sent.encodedPath(),
                    sent.encodedQueryParameters().orElse(null), sent.headers());
            assertThat(received.header("host")).as("the SDK signs Host").isPresent();
            assertThat(verifier.verify(received, hash(body)).user()).as(path).isEqualTo("alice");
        }
    }
}
