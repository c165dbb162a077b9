package io.cairn.server.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SigV4 canonical request: {@code method \n uri \n query \n headers \n signedHeaders \n
 * payloadHash}. The static builders turn a request as received (raw path and query, header
 * multimap) into each canonical part, so verifiers and signers produce byte-identical text.
 */
public record CanonicalRequest(String method, String uri, String query, String headers, String signedHeaders,
                               String payloadHash) {

    /** How the path is canonicalised: S3 encodes each segment once; every other service twice. */
    public enum PathEncoding { S3, DOUBLE }

    public static CanonicalRequest of(String method, String rawPath, String rawQuery,
                                      Map<String, List<String>> headers, List<String> signedHeaders,
                                      String payloadHash, PathEncoding encoding) {
        return new CanonicalRequest(method, canonicalUri(rawPath, encoding), canonicalQuery(rawQuery, Set.of()),
                canonicalHeaders(headers, signedHeaders), String.join(";", signedHeaders), payloadHash);
    }

    public String text() {
        return method + '\n' + uri + '\n' + query + '\n' + headers + '\n' + signedHeaders + '\n' + payloadHash;
    }

    /**
     * The canonical URI of a path as it arrived on the wire: each segment is decoded and then
     * encoded the SigV4 way (and encoded once more for {@link PathEncoding#DOUBLE}), so clients that
     * escape a little more or less than AWS does still verify. An empty path is "/".
     */
    public static String canonicalUri(String rawPath, PathEncoding encoding) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String once = UriEncoding.encode(UriEncoding.decode(rawPath), true);
        return encoding == PathEncoding.DOUBLE ? UriEncoding.encode(once, true) : once;
    }

    /**
     * The canonical query string: parameters decoded, re-encoded, sorted by name then value, a
     * parameter without '=' given an empty value. {@code excluded} names are left out (S3 presigned
     * URLs exclude X-Amz-Signature).
     */
    public static String canonicalQuery(String rawQuery, Set<String> excluded) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1));
            if (!excluded.contains(name)) {
                params.add(new String[] {UriEncoding.encode(name, false), UriEncoding.encode(value, false)});
            }
        }
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : params) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /**
     * The canonical headers block, one {@code name:value\n} line per signed header, in the order of
     * {@code signedHeaders} (which the caller keeps sorted). {@code headers} maps lower-case names to
     * their values in arrival order; values are trimmed, inner runs of spaces collapsed, and
     * repeated headers joined with ','.
     *
     * @throws IllegalArgumentException if a signed header is absent
     */
    public static String canonicalHeaders(Map<String, List<String>> headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("signed header '" + name + "' is not in the request");
            }
            out.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(values.get(i).strip().replaceAll(" +", " "));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
