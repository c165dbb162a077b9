package io.cairn.server.auth;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Verifies requests signed with SigV4 in the Authorization header. Thread safe; holds no
 * per-request state. The checks, in order: a header is present and well formed and scoped to
 * this verifier's service; the access key exists; the request time is within the skew limit of
 * the injected clock and matches the scope's date; every signed header (always including host)
 * is present; the signature matches, compared in constant time. Any region is accepted.
 */
public final class SigV4Verifier {
    /** AWS refuses requests more than 15 minutes from its clock; so do we. */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(15);

    private final String service;
    private final CanonicalRequest.PathEncoding pathEncoding;
    private final IdentityLookup identities;
    private final Clock clock;
    private final Duration maxSkew;

    public SigV4Verifier(String service, CanonicalRequest.PathEncoding pathEncoding, IdentityLookup identities,
                         Clock clock, Duration maxSkew) {
        this.service = service;
        this.pathEncoding = pathEncoding;
        this.identities = identities;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /**
     * Authenticates {@code request}. {@code payloadHash} is the value to put in the canonical
     * request's last line: the hex SHA-256 of the body the caller has read (or the signed
     * x-amz-content-sha256 value after the caller has checked the body against it).
     */
    public Principal verify(SignedRequest request, String payloadHash) throws AuthException {
        String header = request.header("authorization").orElseThrow(() -> new AuthException(
                AuthFailure.MISSING_AUTHENTICATION, "the request is not signed (no Authorization header)"));
        AuthorizationHeader auth = AuthorizationHeader.parse(header);
        if (!service.equals(auth.scope().service())) {
            throw new AuthException(AuthFailure.MALFORMED_AUTHORIZATION, "the credential is scoped to service '"
                    + auth.scope().service() + "' but this endpoint is '" + service + "'");
        }
        SigningIdentity identity = identities.byAccessKey(auth.accessKeyId()).orElseThrow(() -> new AuthException(
                AuthFailure.INVALID_ACCESS_KEY_ID, "the access key id does not exist"));

        String amzDate = request.header("x-amz-date").orElse(null);
        Instant signedAt = amzDate != null ? parseAmzDate(amzDate) : parseHttpDate(request.header("date").orElse(null));
        Duration skew = Duration.between(signedAt, clock.instant()).abs();
        if (skew.compareTo(maxSkew) > 0) {
            throw new AuthException(AuthFailure.REQUEST_TIME_TOO_SKEWED, "the request time " + signedAt
                    + " differs from the server time " + clock.instant() + " by more than " + maxSkew.toMinutes()
                    + " minutes");
        }
        if (!SigV4.SCOPE_DATE.format(signedAt).equals(auth.scope().date())) {
            throw new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                    "the credential scope's date differs from the request date");
        }
        if (!auth.signedHeaders().contains("host")) {
            throw new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH, "the host header must be signed");
        }
        CanonicalRequest canonical;
        try {
            canonical = CanonicalRequest.of(request.method(), request.rawPath(), request.rawQuery(),
                    request.headers(), auth.signedHeaders(), payloadHash, pathEncoding);
        } catch (IllegalArgumentException e) {
            throw new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH, e.getMessage());
        }
        String dateLine = amzDate != null ? amzDate : SigV4.AMZ_DATE.format(signedAt);
        String expected = SigV4.signature(SigV4.signingKey(identity.secretKey(), auth.scope()),
                SigV4.stringToSign(dateLine, auth.scope(), canonical));
        if (!SigV4.signaturesEqual(expected, auth.signature())) {
            throw new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                    "the request signature we calculated does not match the signature you provided; "
                            + "check your secret key and signing method");
        }
        return identity.principal();
    }

    static Instant parseAmzDate(String value) throws AuthException {
        try {
            return Instant.from(SigV4.AMZ_DATE.parse(value));
        } catch (DateTimeException e) {
            throw new AuthException(AuthFailure.MALFORMED_AUTHORIZATION,
                    "X-Amz-Date must look like 20150830T123600Z, got '" + value + "'");
        }
    }

    private static Instant parseHttpDate(String value) throws AuthException {
        if (value == null) {
            throw new AuthException(AuthFailure.MALFORMED_AUTHORIZATION, "the request has neither X-Amz-Date nor Date");
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new AuthException(AuthFailure.MALFORMED_AUTHORIZATION, "the Date header is not an HTTP date");
        }
    }
}
