package io.cairn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.auth.CanonicalRequest.PathEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signer against AWS's published vectors: the SigV4 test suite (service "service", secret
 * wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY) and the S3 API reference's header-auth examples.
 */
class SigV4SignerTest {
    private static final Instant SUITE_AT = Instant.parse("2015-08-30T12:36:00Z");
    private static final Instant S3_AT = Instant.parse("2013-05-24T00:00:00Z");
    private static final SigV4Signer SUITE = new SigV4Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "us-east-1", "service", PathEncoding.DOUBLE);
    private static final SigV4Signer S3 = new SigV4Signer("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3", PathEncoding.S3);

    private static String signature(Map<String, String> signed) {
        String auth = signed.get("Authorization");
        return auth.substring(auth.indexOf("Signature=") + "Signature=".length());
    }

    @Test
    void sign_getVanilla_matchesTestSuite() {
        Map<String, String> h = SUITE.sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(),
                SigV4.EMPTY_SHA256, SUITE_AT);
        assertThat(h.get("X-Amz-Date")).isEqualTo("20150830T123600Z");
        assertThat(h.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
                + "service/aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void canonicalRequest_getVanilla_hashesToTestSuiteStringToSign() {
        CanonicalRequest c = CanonicalRequest.of("GET", "/", null,
                Map.of("host", List.of("example.amazonaws.com"), "x-amz-date", List.of("20150830T123600Z")),
                List.of("host", "x-amz-date"), SigV4.EMPTY_SHA256, PathEncoding.DOUBLE);
        String sts = SigV4.stringToSign("20150830T123600Z", new CredentialScope("20150830", "us-east-1", "service"), c);
        assertThat(sts).isEqualTo("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    }

    @Test
    void sign_queryOrderKeyCase_sortsParameters() {
        Map<String, String> h = SUITE.sign("GET", URI.create("https://example.amazonaws.com/?Param2=value2&Param1=value1"),
                Map.of(), SigV4.EMPTY_SHA256, SUITE_AT);
        assertThat(signature(h)).isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void sign_postVanilla_matchesTestSuite() {
        Map<String, String> h = SUITE.sign("POST", URI.create("https://example.amazonaws.com/"), Map.of(),
                SigV4.EMPTY_SHA256, SUITE_AT);
        assertThat(signature(h)).isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void sign_s3GetObjectWithRange_matchesS3Documentation() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Range", "bytes=0-9");
        headers.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        Map<String, String> h = S3.sign("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"), headers,
                SigV4.EMPTY_SHA256, S3_AT);
        assertThat(h.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/"
                + "us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void sign_s3PutObjectWithDollarInKey_matchesS3Documentation() {
        String payload = SigV4.sha256Hex("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Date", "Fri, 24 May 2013 00:00:00 GMT");
        headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
        headers.put("x-amz-content-sha256", payload);
        Map<String, String> h = S3.sign("PUT", URI.create("https://examplebucket.s3.amazonaws.com/test%24file.text"),
                headers, payload, S3_AT);
        assertThat(signature(h)).isEqualTo("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void sign_s3GetLifecycle_givesValuelessParameterAnEmptyValue() {
        Map<String, String> h = S3.sign("GET", URI.create("https://examplebucket.s3.amazonaws.com/?lifecycle"),
                Map.of("x-amz-content-sha256", SigV4.EMPTY_SHA256), SigV4.EMPTY_SHA256, S3_AT);
        assertThat(signature(h)).isEqualTo("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    }

    @Test
    void sign_s3ListObjects_matchesS3Documentation() {
        Map<String, String> h = S3.sign("GET", URI.create("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"),
                Map.of("x-amz-content-sha256", SigV4.EMPTY_SHA256), SigV4.EMPTY_SHA256, S3_AT);
        assertThat(signature(h)).isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void signingKey_iamDocumentationExample_matches() {
        byte[] key = SigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                new CredentialScope("20150830", "us-east-1", "iam"));
        assertThat(java.util.HexFormat.of().formatHex(key))
                .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    @Test
    void uriEncoding_reservedAndUnicode_areEscapedTheSigV4Way() {
        assertThat(UriEncoding.encode("a b/c~d+e$é", true)).isEqualTo("a%20b/c~d%2Be%24%C3%A9");
        assertThat(UriEncoding.encode("a/b", false)).isEqualTo("a%2Fb");
        assertThat(UriEncoding.decode("a%20b%2Bc+d%zz")).isEqualTo("a b+c+d%zz");
    }
}
