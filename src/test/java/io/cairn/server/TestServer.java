package io.cairn.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.auth.CanonicalRequest.PathEncoding;
import io.cairn.server.auth.SigV4;
import io.cairn.server.auth.SigV4Signer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real server on 127.0.0.1 with ephemeral ports and a known root key pair, plus signed HTTP for tests. */
public final class TestServer implements AutoCloseable {
    public static final String ROOT_AK = "AKROOTTEST0000000000";
    public static final String ROOT_SK = "root-secret-for-tests-0123456789abcdefgh";
    public static final Map<String, String> ENV = Map.of(RootCredentials.ACCESS_ENV, ROOT_AK,
            RootCredentials.SECRET_ENV, ROOT_SK);

    private static final ObjectMapper JSON = new ObjectMapper();

    public final CairnServer server;
    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private TestServer(CairnServer server) {
        this.server = server;
    }

    public static Config config(Path data) throws ConfigException {
        return Config.resolve(Map.of("data", data.toString(), "s3-port", "0", "api-port", "0", "nbd-port", "0",
                "shutdown-timeout", "10s"), Map.of());
    }

    public static TestServer start(Path data) throws Exception {
        return start(CairnServer.builder(config(data)).env(ENV));
    }

    public static TestServer start(CairnServer.Builder builder) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TestServer t = new TestServer(builder.out(new PrintStream(printed, true, StandardCharsets.UTF_8)).start());
        t.printed.writeBytes(printed.toByteArray());
        return t;
    }

    public String api() {
        return "http://127.0.0.1:" + server.apiPort();
    }

    public String s3() {
        return "http://127.0.0.1:" + server.s3Port();
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request to the control plane signed with {@code ak}/{@code sk} as of {@code at}. */
    public HttpResponse<String> signed(String method, String path, String body, String ak, String sk, Instant at)
            throws IOException, InterruptedException {
        URI uri = URI.create(api() + path);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String hash = SigV4.sha256Hex(bytes);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-content-sha256", hash);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(b::header);
        new SigV4Signer(ak, sk, "us-east-1", "cairn", PathEncoding.DOUBLE).sign(method, uri, headers, hash, at)
                .forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> asRoot(String method, String path, String body) throws IOException, InterruptedException {
        return signed(method, path, body, ROOT_AK, ROOT_SK, Instant.now());
    }

    /** An AWS SDK client of this server's S3 port signing as {@code accessKey}/{@code secretKey}; the caller closes it. */
    public S3Client s3Client(String accessKey, String secretKey) {
        return S3Client.builder().endpointOverride(URI.create(s3())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    /** An AWS SDK client of this server's S3 port signing as root; the caller closes it. */
    public S3Client rootS3Client() {
        return s3Client(ROOT_AK, ROOT_SK);
    }

    /** A control-plane reply's JSON body. */
    public static JsonNode json(HttpResponse<String> reply) throws IOException {
        return JSON.readTree(reply.body());
    }

    /** The {@code error.code} of a control-plane error reply ("" when there is none). */
    public static String errorCode(HttpResponse<String> reply) throws IOException {
        return json(reply).path("error").path("code").asText();
    }

    @Override
    public void close() {
        server.close();
    }
}
