package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void resolve_nothingGiven_usesDocumentedDefaults() throws Exception {
        Config c = Config.resolve(Map.of("data", dir.toString()), Map.of());
        assertThat(c.get(Settings.BIND)).isEqualTo("127.0.0.1");
        assertThat(c.get(Settings.S3_PORT)).isEqualTo(9000);
        assertThat(c.get(Settings.API_PORT)).isEqualTo(9001);
        assertThat(c.get(Settings.NBD_PORT)).isEqualTo(10809);
        assertThat(c.get(Settings.SEGMENT_SIZE)).isEqualTo(256L << 20);
        assertThat(c.get(Settings.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.get(Settings.INLINE_OBJECT_MAX)).isEqualTo(16 << 10);
        assertThat(c.get(Settings.CATALOG)).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath() + "/catalog.db");
        assertThat(c.get(Settings.MEDIUM)).isEqualTo(URI.create("file://" + dir.toAbsolutePath() + "/segments"));
        assertThat(c.source(Settings.S3_PORT)).isEqualTo("default");
    }

    @Test
    void resolve_noDataGiven_defaultsToCairnDataInWorkingDirectory() throws Exception {
        Config c = Config.resolve(Map.of(), Map.of());
        assertThat(c.dataDir()).isEqualTo(Path.of("cairn-data").toAbsolutePath());
    }

    @Test
    void resolve_fileEnvAndFlag_flagBeatsEnvBeatsFileBeatsDefault() throws Exception {
        Files.writeString(dir.resolve("cairn.conf"), "s3-port = 1111\napi-port = 2222\nnbd-port = 3333\n");
        Map<String, String> env = Map.of("CAIRN_DATA", dir.toString(), "CAIRN_API_PORT", "4444",
                "CAIRN_NBD_PORT", "5555");
        Config c = Config.resolve(Map.of("nbd-port", "6666"), env);
        assertThat(c.get(Settings.S3_PORT)).isEqualTo(1111);
        assertThat(c.get(Settings.API_PORT)).isEqualTo(4444);
        assertThat(c.get(Settings.NBD_PORT)).isEqualTo(6666);
        assertThat(c.get(Settings.BIND)).isEqualTo("127.0.0.1");
        assertThat(c.source(Settings.S3_PORT)).endsWith("cairn.conf: s3-port");
        assertThat(c.source(Settings.API_PORT)).isEqualTo("CAIRN_API_PORT");
        assertThat(c.source(Settings.NBD_PORT)).isEqualTo("--nbd-port");
    }

    @Test
    void resolve_explicitConfigFile_mayChooseTheDataDirectory() throws Exception {
        Path conf = dir.resolve("other.conf");
        Files.writeString(conf, "data = " + dir.resolve("d") + "\nsegment-size = 1GiB\n");
        Config c = Config.resolve(Map.of("config", conf.toString()), Map.of());
        assertThat(c.dataDir()).isEqualTo(dir.resolve("d"));
        assertThat(c.get(Settings.SEGMENT_SIZE)).isEqualTo(1L << 30);
        assertThat(c.get(Settings.CATALOG)).isEqualTo("jdbc:sqlite:" + dir.resolve("d") + "/catalog.db");
    }

    @Test
    void resolve_missingExplicitConfigFile_isAnError() {
        assertThatThrownBy(() -> Config.resolve(Map.of(), Map.of("CAIRN_CONFIG", dir.resolve("nope").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void resolve_unknownKeyInFile_isAnErrorNamingIt() throws Exception {
        Files.writeString(dir.resolve("cairn.conf"), "s3_port = 1\n");
        assertThatThrownBy(() -> Config.resolve(Map.of("data", dir.toString()), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting 's3_port'");
    }

    @Test
    void resolve_invalidValues_areErrorsNamingTheirSource() {
        assertThatThrownBy(() -> Config.resolve(Map.of("s3-port", "70000"), Map.of()))
                .hasMessageStartingWith("--s3-port: '70000' is not a valid port");
        assertThatThrownBy(() -> Config.resolve(Map.of(), Map.of("CAIRN_SEGMENT_SIZE", "12")))
                .hasMessageStartingWith("CAIRN_SEGMENT_SIZE").hasMessageContaining("1MiB to 4GiB");
        assertThatThrownBy(() -> Config.resolve(Map.of("medium", "s3://bucket/x"), Map.of()))
                .hasMessageContaining("file:///DIR or hdfs://");
        assertThatThrownBy(() -> Config.resolve(Map.of("catalog", "jdbc:mysql://x"), Map.of()))
                .hasMessageContaining("jdbc:sqlite");
        assertThatThrownBy(() -> Config.resolve(Map.of("shutdown-timeout", "soon"), Map.of()))
                .hasMessageContaining("30s");
        assertThatThrownBy(() -> Config.resolve(Map.of("colour", "blue"), Map.of()))
                .hasMessageContaining("no such setting");
    }

    @Test
    void resolve_inlineObjectMax_takesSizesFromZeroTo1MiB() throws Exception {
        assertThat(Config.resolve(Map.of("data", dir.toString(), "inline-object-max", "0"), Map.of())
                .get(Settings.INLINE_OBJECT_MAX)).isZero();
        assertThat(Config.resolve(Map.of("data", dir.toString()), Map.of("CAIRN_INLINE_OBJECT_MAX", "1MiB"))
                .get(Settings.INLINE_OBJECT_MAX)).isEqualTo(1 << 20);
        assertThat(Config.resolve(Map.of("data", dir.toString(), "inline-object-max", "4096"), Map.of())
                .get(Settings.INLINE_OBJECT_MAX)).isEqualTo(4096);
        assertThatThrownBy(() -> Config.resolve(Map.of("inline-object-max", "2MiB"), Map.of()))
                .hasMessageStartingWith("--inline-object-max").hasMessageContaining("0 to 1MiB");
        assertThatThrownBy(() -> Config.resolve(Map.of("inline-object-max", "-1"), Map.of()))
                .hasMessageStartingWith("--inline-object-max").hasMessageContaining("16KiB");
        assertThatThrownBy(() -> Config.resolve(Map.of("inline-object-max", "99999999999999999999"), Map.of()))
                .hasMessageStartingWith("--inline-object-max");
    }

    @Test
    void resolve_unrelatedCairnEnvironment_isIgnored() throws Exception {
        Config c = Config.resolve(Map.of("data", dir.toString()),
                Map.of("CAIRN_ROOT_ACCESS_KEY", "x", "CAIRN_ENDPOINT", "http://h:1"));
        assertThat(c.get(Settings.API_PORT)).isEqualTo(9001);
    }

    @Test
    void readme_configurationTable_isTheGeneratedOne() throws Exception {
        // Surefire runs in the project directory; the README must show every setting as defined.
        assertThat(Files.readString(Path.of("README.md"))).contains(Settings.markdownTable());
    }

    @Test
    void markdownTable_listsEverySettingWithFlagEnvAndDefault() {
        String table = Settings.markdownTable();
        for (Setting<?> s : Settings.ALL) {
            assertThat(table).contains("`" + s.flag() + "`", "`" + s.envVar() + "`", "`" + s.defaultValue() + "`");
        }
    }
}
