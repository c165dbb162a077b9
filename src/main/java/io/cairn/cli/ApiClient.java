package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.auth.CanonicalRequest.PathEncoding;
import io.cairn.server.auth.SigV4;
import io.cairn.server.auth.SigV4Signer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signed JSON requests to the control plane's REST API (SigV4, service "cairn"). */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";

    private final URI endpoint;
    private final SigV4Signer signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    ApiClient(String endpoint, String accessKey, String secretKey) throws CliException {
        try {
            URI uri = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            this.endpoint = uri;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "bad endpoint '" + endpoint + "': expected http://HOST:PORT");
        }
        this.signer = new SigV4Signer(accessKey, secretKey, REGION, "cairn", PathEncoding.DOUBLE);
    }

    /** Sends the request and returns the parsed JSON reply (null for 204); errors become {@link CliException}. */
    JsonNode send(String method, String path, Object body) throws CliException {
        return send(method, path, body, Map.of());
    }

    /** {@link #send(String, String, Object)} with extra headers (lowercase names), signed too. */
    JsonNode send(String method, String path, Object body, Map<String, String> extraHeaders) throws CliException {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a request body", e);
        }
        URI uri = URI.create(endpoint + path);
        String hash = SigV4.sha256Hex(bytes);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-content-sha256", hash);
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        headers.putAll(extraHeaders);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        signer.sign(method, uri, headers, hash, Instant.now()).forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot reach the Cairn control plane at " + endpoint
                    + " (is 'cairn server' running? set --endpoint or CAIRN_ENDPOINT)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "talking to " + endpoint + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted");
        }
        JsonNode reply = null;
        if (response.body().length > 0) {
            try {
                reply = JSON.readTree(response.body());
            } catch (IOException e) {
                throw new CliException(ExitCodes.REQUEST_FAILED, "the server at " + endpoint + " answered "
                        + response.statusCode() + " with a body that is not JSON: "
                        + new String(response.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
            }
        }
        if (response.statusCode() >= 300) {
            JsonNode error = reply == null ? null : reply.get("error");
            String code = error == null ? "HTTP " + response.statusCode() : error.path("code").asText();
            String message = error == null ? "" : error.path("message").asText();
            int exit = response.statusCode() == 401 || response.statusCode() == 403 ? ExitCodes.AUTH
                    : ExitCodes.REQUEST_FAILED;
            throw new CliException(exit, code + ": " + message);
        }
        return reply;
    }
}
