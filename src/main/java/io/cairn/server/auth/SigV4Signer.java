package io.cairn.server.auth;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs requests with SigV4 in the Authorization header (the CLI's side of the control plane).
 * Signs {@code host}, {@code x-amz-date} and every header the caller passes. Thread safe.
 */
public final class SigV4Signer {
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;
    private final CanonicalRequest.PathEncoding pathEncoding;

    public SigV4Signer(String accessKey, String secretKey, String region, String service,
                       CanonicalRequest.PathEncoding pathEncoding) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.service = service;
        this.pathEncoding = pathEncoding;
    }

    /**
     * Returns the headers to add to the request: {@code X-Amz-Date} and {@code Authorization}
     * (Host is not returned: HTTP clients set it from the URI, as signed here).
     *
     * @param uri the request URI with its path and query encoded as they will be sent
     * @param headers further headers to sign, sent as given
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, String payloadHash,
                                    Instant now) {
        String amzDate = SigV4.AMZ_DATE.format(now);
        CredentialScope scope = new CredentialScope(SigV4.SCOPE_DATE.format(now), region, service);
        Map<String, List<String>> all = new TreeMap<>();
        headers.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), List.of(v)));
        all.put("host", List.of(hostHeader(uri)));
        all.put("x-amz-date", List.of(amzDate));
        List<String> signed = new ArrayList<>(all.keySet());
        CanonicalRequest canonical = CanonicalRequest.of(method, uri.getRawPath(), uri.getRawQuery(), all, signed,
                payloadHash, pathEncoding);
        String signature = SigV4.signature(SigV4.signingKey(secretKey, scope),
                SigV4.stringToSign(amzDate, scope, canonical));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("X-Amz-Date", amzDate);
        out.put("Authorization", new AuthorizationHeader(accessKey, scope, signed, signature).format());
        return out;
    }

    /** The Host header an HTTP/1.1 client sends: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(uri.getScheme()) && port == 80)
                || ("https".equals(uri.getScheme()) && port == 443);
        return defaultPort ? uri.getHost() : uri.getHost() + ':' + port;
    }
}
