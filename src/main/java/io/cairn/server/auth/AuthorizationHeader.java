package io.cairn.server.auth;

import java.util.List;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=AK/scope, SignedHeaders=a;b,
 * Signature=hex} header.
 */
public record AuthorizationHeader(String accessKeyId, CredentialScope scope, List<String> signedHeaders,
                                  String signature) {

    public static AuthorizationHeader parse(String header) throws AuthException {
        String value = header.strip();
        if (!value.startsWith(SigV4.ALGORITHM + " ")) {
            throw malformed("only " + SigV4.ALGORITHM + " is supported");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : value.substring(SigV4.ALGORITHM.length()).split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw malformed("expected name=value, got '" + p + "'");
            }
            String name = p.substring(0, eq);
            String v = p.substring(eq + 1);
            switch (name) {
                case "Credential" -> credential = v;
                case "SignedHeaders" -> signedHeaders = v;
                case "Signature" -> signature = v;
                default -> throw malformed("unknown component '" + name + "'");
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw malformed("Credential, SignedHeaders and Signature are all required");
        }
        int slash = credential.indexOf('/');
        if (slash <= 0) {
            throw malformed("Credential must be accessKeyId/scope");
        }
        if (!signature.matches("[0-9a-f]{64}")) {
            throw malformed("Signature must be 64 lower-case hex digits");
        }
        List<String> headers = List.of(signedHeaders.split(";"));
        for (String h : headers) {
            if (h.isEmpty() || !h.equals(h.toLowerCase(java.util.Locale.ROOT))) {
                throw malformed("SignedHeaders must be lower-case names separated by ';'");
            }
        }
        return new AuthorizationHeader(credential.substring(0, slash),
                CredentialScope.parse(credential.substring(slash + 1)), headers, signature);
    }

    /** The header value, as a signer sends it. */
    public String format() {
        return SigV4.ALGORITHM + " Credential=" + accessKeyId + '/' + scope + ", SignedHeaders="
                + String.join(";", signedHeaders) + ", Signature=" + signature;
    }

    private static AuthException malformed(String why) {
        return new AuthException(AuthFailure.MALFORMED_AUTHORIZATION, "malformed Authorization header: " + why);
    }
}
