package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production server: every listener Cairn has, checked with real clients. */
class WiringTest {
    @TempDir
    Path data;

    @Test
    void production_nbdListener_answersNbdinfoAndIsInTheReadyLine() throws Exception {
        try (TestServer t = TestServer.start(Wiring.production(TestServer.config(data)).env(TestServer.ENV))) {
            int port = t.server.listenerPort("nbd");
            assertThat(port).isPositive().isNotIn(t.server.s3Port(), t.server.apiPort());
            // No volume is attached, so the export list is empty, but the handshake must succeed.
            Process p = new ProcessBuilder("nbdinfo", "--list", "--json", "nbd://127.0.0.1:" + port)
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("\"exports\"");
        }
    }
}
