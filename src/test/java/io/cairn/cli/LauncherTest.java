package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cairn} as a person runs it, in child processes: the server starts on ephemeral ports,
 * prints generated root credentials exactly once, serves health, answers the CLI, and stops
 * gracefully on SIGTERM. The build step is skipped through CAIRN_CLASSPATH (the test JVM's own
 * classpath minus the test classes), because Maven is already running this test.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("bin/cairn").toAbsolutePath();
    private static final Pattern API = Pattern.compile("control plane http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern KEY = Pattern.compile("export CAIRN_ACCESS_KEY=(\\S+)");
    private static final Pattern SECRET = Pattern.compile("export CAIRN_SECRET_KEY=(\\S+)");

    /** The test JVM's classpath without the test classes, whose logback-test.xml would mute the server's log. */
    private static final String RUNTIME_CLASSPATH = java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .filter(e -> !e.endsWith("test-classes") && !e.endsWith("test-classes/"))
            .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));

    @TempDir
    Path tmp;

    private ProcessBuilder launcher(Path log, String... args) {
        ProcessBuilder pb = new ProcessBuilder(concat(LAUNCHER.toString(), args)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CAIRN_"));
        env.put("CAIRN_CLASSPATH", RUNTIME_CLASSPATH);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CAIRN_JAVA_OPTS", "-Xmx256m");
        return pb.directory(tmp.toFile());
    }

    private static List<String> concat(String first, String... rest) {
        java.util.ArrayList<String> l = new java.util.ArrayList<>(List.of(first));
        l.addAll(List.of(rest));
        return l;
    }

    private static String waitFor(Path log, Pattern p, Process proc) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = p.matcher(out);
            if (m.find()) {
                return m.group(1);
            }
            if (!proc.isAlive()) {
                throw new AssertionError("the server exited with " + proc.exitValue() + ":\n" + out);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no match for " + p + " in:\n" + Files.readString(log));
    }

    private Process server(Path log, Path data) throws IOException {
        return launcher(log, "server", "--data", data.toString(), "--s3-port", "0", "--api-port", "0",
                "--nbd-port", "0").start();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
    }

    @Test
    void server_firstAndSecondStart_printsCredentialsOnceServesCliAndStopsOnSigterm() throws Exception {
        Path data = tmp.resolve("data");
        Path log1 = tmp.resolve("run1.log");
        Process first = server(log1, data);
        String port;
        String ak;
        String sk;
        try {
            port = waitFor(log1, API, first);
            String out = Files.readString(log1);
            ak = KEY.matcher(out).results().findFirst().orElseThrow().group(1);
            sk = SECRET.matcher(out).results().findFirst().orElseThrow().group(1);

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            Path cliLog = tmp.resolve("cli.log");
            ProcessBuilder create = launcher(cliLog, "user", "create", "dave", "--endpoint", "http://127.0.0.1:" + port);
            create.environment().put("CAIRN_ACCESS_KEY", ak);
            create.environment().put("CAIRN_SECRET_KEY", sk);
            Process cli = create.start();
            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).as(Files.readString(cliLog)).isZero();
            assertThat(Files.readString(cliLog)).contains("Created user dave");
        } finally {
            stop(first);
        }
        String run1 = Files.readString(log1);
        assertThat(run1).contains("Stopping", "Stopped");
        assertThat(countOf(run1, sk)).as("the secret is printed exactly once").isEqualTo(1);

        Path log2 = tmp.resolve("run2.log");
        Process second = server(log2, data);
        try {
            waitFor(log2, API, second);
        } finally {
            stop(second);
        }
        String run2 = Files.readString(log2);
        assertThat(run2).doesNotContain(sk).doesNotContain("Root credentials");
        assertThat(Files.readString(data.resolve("root.credentials"))).contains(sk);
    }

    private static final Pattern S3 = Pattern.compile("S3 http://127\\.0\\.0\\.1:(\\d+)");

    @Test
    void server_killedWithSigkill_keepsEveryAcknowledgedObjectAndUser() throws Exception {
        Path data = tmp.resolve("data");
        Path log1 = tmp.resolve("run1.log");
        Process first = server(log1, data);
        String ak;
        String sk;
        try {
            String s3Port = waitFor(log1, S3, first);
            String out = Files.readString(log1);
            ak = KEY.matcher(out).results().findFirst().orElseThrow().group(1);
            sk = SECRET.matcher(out).results().findFirst().orElseThrow().group(1);
            try (var s3 = s3("http://127.0.0.1:" + s3Port, ak, sk)) {
                s3.createBucket(b -> b.bucket("durable"));
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    s3.putObject(b -> b.bucket("durable").key("k" + n),
                            software.amazon.awssdk.core.sync.RequestBody.fromString("value " + n));
                }
            }
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Path log2 = tmp.resolve("run2.log");
        Process second = server(log2, data);
        try {
            String s3Port = waitFor(log2, S3, second);
            try (var s3 = s3("http://127.0.0.1:" + s3Port, ak, sk)) {
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    assertThat(s3.getObjectAsBytes(b -> b.bucket("durable").key("k" + n)).asUtf8String())
                            .isEqualTo("value " + n);
                }
            }
        } finally {
            stop(second);
        }
    }

    private static software.amazon.awssdk.services.s3.S3Client s3(String endpoint, String ak, String sk) {
        return software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(URI.create(endpoint))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ak, sk)))
                .build();
    }

    @Test
    void launcher_badFlag_exitsTwoWithAMessage() throws Exception {
        Path log = tmp.resolve("bad.log");
        Process p = launcher(log, "server", "--data", tmp.resolve("d").toString(), "--api-port", "99999").start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("--api-port: '99999' is not a valid port");
    }

    @Test
    void launcher_fromAnotherDirectory_findsItselfAndRuns() throws Exception {
        Path log = tmp.resolve("help.log");
        Process p = launcher(log, "--version").directory(Files.createDirectories(tmp.resolve("elsewhere")).toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(log)).contains("Cairn");
    }

    private static int countOf(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

}
