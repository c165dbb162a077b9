package io.cairn.server;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration setting, defined once: its name (which gives the flag {@code --name}, the
 * environment variable {@code CAIRN_NAME} and the config-file key {@code name}), its type, default,
 * validation and one line of documentation. Defaults may refer to the data directory as
 * {@code ${data}}. Instances are immutable.
 *
 * @param parser turns the raw text into a value; throws {@link IllegalArgumentException} with a
 *               message saying what is expected when the text is invalid
 */
public record Setting<T>(String name, String type, String defaultValue, String doc, Function<String, T> parser) {

    public String flag() {
        return "--" + name;
    }

    public String envVar() {
        return "CAIRN_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Parses {@code raw}, naming {@code source} (e.g. "--s3-port", "CAIRN_S3_PORT") in any error. */
    public T parse(String raw, String source) throws ConfigException {
        try {
            return parser.apply(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": '" + raw + "' is not a valid " + type + ": " + e.getMessage());
        }
    }
}
