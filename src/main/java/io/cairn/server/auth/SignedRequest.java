package io.cairn.server.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a verifier needs of an HTTP request, independent of the HTTP server: the method, the path
 * and query exactly as they arrived (still percent-encoded), and the headers keyed by lower-case
 * name with their values in arrival order.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {

    public SignedRequest {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        headers = lower;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
