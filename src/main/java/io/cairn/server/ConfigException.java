package io.cairn.server;

/** A setting is missing, unknown or invalid; the message names the setting and where it came from. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
