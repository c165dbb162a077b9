package io.cairn.server.auth;

/** The scope a signature is valid for: {@code date/region/service/aws4_request}. */
public record CredentialScope(String date, String region, String service) {

    /** Parses {@code 20150830/us-east-1/iam/aws4_request}; throws on any other shape. */
    public static CredentialScope parse(String scope) throws AuthException {
        String[] parts = scope.split("/", -1);
        if (parts.length != 4 || !SigV4.TERMINATOR.equals(parts[3]) || !parts[0].matches("\\d{8}")
                || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new AuthException(AuthFailure.MALFORMED_AUTHORIZATION,
                    "the credential scope must be date/region/service/aws4_request, got '" + scope + "'");
        }
        return new CredentialScope(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return date + '/' + region + '/' + service + '/' + SigV4.TERMINATOR;
    }
}
