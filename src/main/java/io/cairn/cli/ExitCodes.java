package io.cairn.cli;

/** The CLI's exit codes, as the README lists them. */
final class ExitCodes {
    static final int OK = 0;
    /** The server refused or failed the request (not found, conflict, invalid input, server error). */
    static final int REQUEST_FAILED = 1;
    /** Bad command line or configuration. */
    static final int USAGE = 2;
    /** The server could not be reached. */
    static final int UNREACHABLE = 3;
    /** Authentication or authorization failed (bad or missing credentials, not root). */
    static final int AUTH = 4;

    private ExitCodes() {
    }
}
