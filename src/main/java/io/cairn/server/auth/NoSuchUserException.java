package io.cairn.server.auth;

/** No user has this name. */
public final class NoSuchUserException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoSuchUserException(String name) {
        super("no user named '" + name + "'");
    }
}
