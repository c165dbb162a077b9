package io.cairn.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server's resolved settings. Each setting comes from, in rising precedence: its default, the
 * config file, the environment ({@code CAIRN_*}), the command line. The config file is
 * {@code --config FILE} (or {@code CAIRN_CONFIG}), which must exist, else {@code DATA/cairn.conf}
 * when it exists; it is a Java properties file whose keys are setting names
 * ({@code s3-port = 9000}). Unknown keys and invalid values are errors, never ignored.
 * Immutable and thread safe.
 */
public final class Config {
    public static final String CONFIG_FLAG = "config";
    public static final String CONFIG_ENV = "CAIRN_CONFIG";
    public static final String DEFAULT_FILE_NAME = "cairn.conf";

    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, String> sources;

    private Config(Map<Setting<?>, Object> values, Map<Setting<?>, String> sources) {
        this.values = Collections.unmodifiableMap(values);
        this.sources = Collections.unmodifiableMap(sources);
    }

    /** Every setting at its default, with {@code data} as given (tests use this with port 0). */
    public static Config defaults(Path data) throws ConfigException {
        return resolve(Map.of(Settings.DATA.name(), data.toString()), Map.of());
    }

    /**
     * Resolves every setting.
     *
     * @param flags setting name (or "config") to the raw value given on the command line
     * @param env the process environment
     */
    public static Config resolve(Map<String, String> flags, Map<String, String> env) throws ConfigException {
        for (String name : flags.keySet()) {
            if (!name.equals(CONFIG_FLAG) && Settings.ALL.stream().noneMatch(s -> s.name().equals(name))) {
                throw new ConfigException("--" + name + ": no such setting");
            }
        }
        Map<String, String> file = Map.of();
        String fileSource = null;
        String explicit = flags.containsKey(CONFIG_FLAG) ? flags.get(CONFIG_FLAG) : env.get(CONFIG_ENV);
        if (explicit != null) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new ConfigException("config file " + p + " does not exist");
            }
            file = readFile(p);
            fileSource = p.toString();
        } else {
            String rawData = flags.containsKey(Settings.DATA.name()) ? flags.get(Settings.DATA.name())
                    : env.getOrDefault(Settings.DATA.envVar(), Settings.DATA.defaultValue());
            Path data = Settings.DATA.parse(rawData, "data directory");
            Path p = data.resolve(DEFAULT_FILE_NAME);
            if (Files.isRegularFile(p)) {
                file = readFile(p);
                fileSource = p.toString();
                if (file.containsKey(Settings.DATA.name())) {
                    throw new ConfigException(p + ": 'data' cannot be set in the data directory's own cairn.conf");
                }
            }
        }
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        Map<Setting<?>, String> sources = new LinkedHashMap<>();
        Path data = null;
        for (Setting<?> s : Settings.ALL) {
            String raw;
            String source;
            if (flags.containsKey(s.name())) {
                raw = flags.get(s.name());
                source = s.flag();
            } else if (env.containsKey(s.envVar())) {
                raw = env.get(s.envVar());
                source = s.envVar();
            } else if (file.containsKey(s.name())) {
                raw = file.get(s.name());
                source = fileSource + ": " + s.name();
            } else {
                raw = data == null ? s.defaultValue() : s.defaultValue().replace("${data}", data.toString());
                source = "default";
            }
            Object value = s.parse(raw, source);
            if (s == Settings.DATA) {
                data = ((Path) value).toAbsolutePath().normalize();
                value = data;
            }
            values.put(s, value);
            sources.put(s, source);
        }
        return new Config(values, sources);
    }

    private static Map<String, String> readFile(Path p) throws ConfigException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + p + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (Settings.ALL.stream().noneMatch(s -> s.name().equals(key))) {
                throw new ConfigException(p + ": unknown setting '" + key + "'");
            }
            out.put(key, props.getProperty(key));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /** Where a setting's value came from: "default", "--flag", "CAIRN_X" or "FILE: key". */
    public String source(Setting<?> setting) {
        return sources.get(setting);
    }

    public Path dataDir() {
        return get(Settings.DATA);
    }

    /** A copy with {@code setting} replaced by {@code raw} (parsed and validated as a flag would be). */
    public <T> Config with(Setting<T> setting, String raw) throws ConfigException {
        Map<Setting<?>, Object> v = new LinkedHashMap<>(values);
        Map<Setting<?>, String> src = new LinkedHashMap<>(sources);
        v.put(setting, setting.parse(raw, setting.flag()));
        src.put(setting, setting.flag());
        return new Config(v, src);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Setting<?> s : Settings.ALL) {
            out.append(s.name()).append(" = ").append(values.get(s)).append("    # ").append(sources.get(s)).append('\n');
        }
        return out.toString();
    }
}
