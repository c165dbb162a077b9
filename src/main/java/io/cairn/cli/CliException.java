package io.cairn.cli;

/** A command failed; the message is for the person at the terminal and {@link #exitCode()} for scripts. */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
