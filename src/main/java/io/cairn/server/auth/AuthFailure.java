package io.cairn.server.auth;

/**
 * Why a request failed authentication. Each front end renders these its own way (S3 XML error,
 * EC2 error response, REST JSON); {@link #code()} is the AWS error code they all share and
 * {@link #httpStatus()} the status AWS answers with.
 */
public enum AuthFailure {
    /** No Authorization header (and no other credentials) at all. */
    MISSING_AUTHENTICATION("MissingAuthenticationToken", 403),
    /** An Authorization header that is not a well-formed AWS4-HMAC-SHA256 header. */
    MALFORMED_AUTHORIZATION("AuthorizationHeaderMalformed", 400),
    /** The access key id is not known. */
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
    /** The signature the client sent differs from the one computed with the stored secret. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    /** The request's date is further than the allowed skew from the server's clock. */
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403),
    /** The body's SHA-256 differs from the x-amz-content-sha256 header that was signed. */
    CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400),
    /** Authenticated, but the principal may not do this. */
    ACCESS_DENIED("AccessDenied", 403);

    private final String code;
    private final int httpStatus;

    AuthFailure(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
