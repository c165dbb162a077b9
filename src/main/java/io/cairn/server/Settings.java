package io.cairn.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every server setting Cairn has. The README's configuration table is printed from this list. */
public final class Settings {
    public static final Setting<Path> DATA = new Setting<>("data", "path", "./cairn-data",
            "directory holding segments, the catalog, credentials and cairn.conf", Settings::path);
    public static final Setting<String> BIND = new Setting<>("bind", "address", "127.0.0.1",
            "address every listener binds (0.0.0.0 for all interfaces)", Settings::address);
    public static final Setting<Integer> S3_PORT = new Setting<>("s3-port", "port", "9000",
            "S3 REST endpoint port (0 picks a free port)", Settings::port);
    public static final Setting<Integer> API_PORT = new Setting<>("api-port", "port", "9001",
            "control plane port: REST /api/v1, health, /metrics (0 picks a free port)", Settings::port);
    public static final Setting<Integer> NBD_PORT = new Setting<>("nbd-port", "port", "10809",
            "NBD block-device port; export name = volume id (0 picks a free port)", Settings::port);
    public static final Setting<String> REGION = new Setting<>("region", "name", "us-east-1",
            "region Cairn reports (bucket locations, availability zones); signatures may name any region",
            Settings::region);
    public static final Setting<List<String>> S3_DOMAINS = new Setting<>("s3-domains", "list", "localhost",
            "comma-separated base domains for virtual-host-style S3 (BUCKET.DOMAIN); path style always works",
            Settings::domains);
    /** The nbd-host value that means: the bind address, or this host's name when binding every interface. */
    public static final String AUTO = "auto";
    public static final Setting<String> NBD_HOST = new Setting<>("nbd-host", "address", AUTO,
            "address hypervisors use to reach the NBD listener; auto = the bind address, or this host's name "
                    + "when bind is 0.0.0.0", s -> s.equals(AUTO) ? s : address(s));
    public static final Setting<Path> HOSTS = new Setting<>("hosts", "path", "${data}/hosts.json",
            "hypervisor hosts and their attach/detach command templates (JSON; host 'local' always exists)",
            Settings::path);
    public static final Setting<String> CATALOG = new Setting<>("catalog", "jdbc-url", "jdbc:sqlite:${data}/catalog.db",
            "metadata database: jdbc:sqlite:FILE (embedded) or jdbc:postgresql://HOST/DB", Settings::jdbcUrl);
    public static final Setting<URI> MEDIUM = new Setting<>("medium", "uri", "file://${data}/segments",
            "where segment files live: file:///DIR (local disk) or hdfs://NAMENODE/DIR", Settings::mediumUri);
    public static final Setting<Long> SEGMENT_SIZE = new Setting<>("segment-size", "size", "256MiB",
            "size at which a segment file is sealed and a new one started (1MiB to 4GiB)", Settings::segmentSize);
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = new Setting<>("shutdown-timeout", "duration", "30s",
            "on SIGTERM, how long in-flight requests may take to finish before they are cut", Settings::duration);

    public static final Setting<Path> MASTER_KEY_FILE = new Setting<>("master-key-file", "path",
            "${data}/master.key",
            "master key of the SSE-S3/SSE-KMS key ring (made on first start); keep it off the data disk",
            Settings::path);
    public static final Setting<Path> KEY_RING = new Setting<>("key-ring", "path", "${data}/key-ring.json",
            "the key ring's named keys (cairn kms create), wrapped by the master key", Settings::path);
    /** The most an inline object may be: its bytes ride in every read of its catalog row. */
    static final int INLINE_OBJECT_LIMIT = 1 << 20;
    public static final Setting<Integer> INLINE_OBJECT_MAX = new Setting<>("inline-object-max", "size", "16KiB",
            "largest plain-text object stored in its catalog row instead of the segment log (one commit per PUT, "
                    + "one row read per GET); 0 turns it off, at most 1MiB", Settings::inlineObjectMax);
    public static final List<Setting<?>> ALL = List.of(DATA, BIND, S3_PORT, API_PORT, NBD_PORT, REGION, S3_DOMAINS,
            NBD_HOST, HOSTS, CATALOG, MEDIUM, SEGMENT_SIZE, SHUTDOWN_TIMEOUT, MASTER_KEY_FILE, KEY_RING,
            INLINE_OBJECT_MAX);

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB|K|M|G)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Settings() {
    }

    /** The settings table in Markdown, as the README shows it. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| setting (flag / env / file key) | type | default | meaning |\n"
                + "|---|---|---|---|\n");
        for (Setting<?> s : ALL) {
            out.append("| `").append(s.flag()).append("` / `").append(s.envVar()).append("` / `").append(s.name())
                    .append("` | ").append(s.type()).append(" | `").append(s.defaultValue()).append("` | ")
                    .append(s.doc()).append(" |\n");
        }
        return out.toString();
    }

    static Path path(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a path must not be empty");
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static String address(String s) {
        if (s.isEmpty() || !s.matches("[A-Za-z0-9.:\\-\\[\\]%]+")) {
            throw new IllegalArgumentException("expected an IP address or host name such as 127.0.0.1");
        }
        return s;
    }

    static String region(String s) {
        if (!s.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("expected a region name such as us-east-1");
        }
        return s;
    }

    static List<String> domains(String s) {
        List<String> out = new java.util.ArrayList<>();
        for (String d : s.split(",")) {
            String domain = d.strip().toLowerCase(Locale.ROOT);
            if (!domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                throw new IllegalArgumentException("expected domain names separated by commas, e.g. localhost,s3.example.com");
            }
            out.add(domain);
        }
        return List.copyOf(out);
    }

    static Integer port(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a port number from 0 to 65535");
    }

    static String jdbcUrl(String s) {
        if (!s.startsWith("jdbc:sqlite:") && !s.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        }
        return s;
    }

    static URI mediumUri(String s) {
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("file") || scheme.equals("hdfs")) && uri.getPath() != null && !uri.getPath().isEmpty()) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected file:///DIR or hdfs://NAMENODE/DIR");
    }

    static Long segmentSize(String s) {
        long bytes = size(s, "256MiB, 1GiB or 1048576");
        if (bytes < (1L << 20) || bytes > (4L << 30)) {
            throw new IllegalArgumentException("must be from 1MiB to 4GiB");
        }
        return bytes;
    }

    static Integer inlineObjectMax(String s) {
        long bytes = size(s, "16KiB, 4096 or 0");
        if (bytes > INLINE_OBJECT_LIMIT) {
            throw new IllegalArgumentException("must be from 0 to 1MiB");
        }
        return (int) bytes;
    }

    private static long size(String s, String examples) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches() || m.group(1).length() > 12) {
            throw new IllegalArgumentException("expected a size such as " + examples);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K", "KIB" -> n << 10;
            case "M", "MIB" -> n << 20;
            case "G", "GIB" -> n << 30;
            default -> n;
        };
    }

    static Duration duration(String s) {
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
