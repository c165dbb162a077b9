package io.cairn.server.auth;

/** A request was refused by authentication or authorization; {@link #failure()} says why. */
public final class AuthException extends Exception {
    private static final long serialVersionUID = 1L;
    private final AuthFailure failure;

    public AuthException(AuthFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public AuthFailure failure() {
        return failure;
    }
}
