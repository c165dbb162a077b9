package io.cairn.server.auth;

/** A user with this name, or a key with this access key id, already exists. */
public final class UserExistsException extends Exception {
    private static final long serialVersionUID = 1L;

    public UserExistsException(String message) {
        super(message);
    }
}
