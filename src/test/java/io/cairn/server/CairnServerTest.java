package io.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CairnServerTest {
    @TempDir
    Path data;

    @Test
    void start_ephemeralPorts_reportsBoundPortsAndHealthIsReady() throws Exception {
        try (TestServer t = TestServer.start(data)) {
            assertThat(t.server.s3Port()).isPositive().isNotEqualTo(t.server.apiPort());
            HttpResponse<String> health = t.get(t.api() + "/api/v1/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ready\"");
            assertThat(health.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        }
    }

    @Test
    void s3Port_withoutS3FrontEnd_answersNotImplementedInS3Xml() throws Exception {
        try (TestServer t = TestServer.start(data)) {
            HttpResponse<String> r = t.get(t.s3() + "/bucket/key");
            assertThat(r.statusCode()).isEqualTo(501);
            assertThat(r.body()).contains("<Code>NotImplemented</Code>", "<Resource>/bucket/key</Resource>");
            assertThat(r.headers().firstValue("x-amz-request-id")).isPresent();
        }
    }

    @Test
    void metrics_afterRequests_exposeJvmAndHttpMetricsByPortAndStatus() throws Exception {
        try (TestServer t = TestServer.start(data)) {
            t.get(t.s3() + "/x");
            t.get(t.api() + "/api/v1/health");
            t.asRoot("GET", "/api/v1/users", null);
            t.signed("GET", "/api/v1/users", null, TestServer.ROOT_AK, "wrong-secret-0000000000", java.time.Instant.now());
            String m = t.get(t.api() + "/metrics").body();
            assertThat(m).contains("jvm_memory_used_bytes", "jvm_threads_live_threads");
            assertThat(m).containsPattern("cairn_http_requests_seconds_count\\{[^}]*port=\"s3\"[^}]*status=\"501\"[^}]*\\} 1");
            assertThat(m).containsPattern("cairn_http_requests_seconds_count\\{[^}]*port=\"api\"[^}]*status=\"200\"");
            assertThat(m).containsPattern("cairn_http_requests_seconds_bucket\\{[^}]*port=\"s3\"");
            assertThat(m).containsPattern("cairn_auth_failures_total\\{[^}]*reason=\"SignatureDoesNotMatch\"[^}]*\\} 1");
            assertThat(m).contains("cairn_server_ready 1");
        }
    }

    @Test
    void handlers_runOnVirtualThreads() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Thread> seen = new java.util.concurrent.atomic.AtomicReference<>();
        Handler probe = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                seen.set(Thread.currentThread());
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        };
        try (TestServer t = TestServer.start(CairnServer.builder(TestServer.config(data)).env(TestServer.ENV)
                .s3(ctx -> probe).controlPlaneRoute("/ui", ctx -> probe))) {
            assertThat(t.get(t.s3() + "/x").statusCode()).isEqualTo(204);
            assertThat(seen.get().isVirtual()).isTrue();
            seen.set(null);
            assertThat(t.get(t.api() + "/ui/page").statusCode()).as("mounted route").isEqualTo(204);
            assertThat(seen.get().isVirtual()).isTrue();
        }
    }

    @Test
    void start_opensCatalogAndSegmentsInTheDataDirectory() throws Exception {
        try (TestServer t = TestServer.start(data)) {
            assertThat(data.resolve("catalog.db")).exists();
            assertThat(data.resolve("segments")).isDirectory();
            assertThat(t.server.context().catalog().users().find(RootCredentials.ROOT_USER)).isPresent();
        }
    }

    @Test
    void start_rootKeyRotatedInEnvironment_oldKeyIsRevoked() throws Exception {
        try (TestServer t = TestServer.start(data)) {
            assertThat(t.asRoot("GET", "/api/v1/users", null).statusCode()).isEqualTo(200);
        }
        java.util.Map<String, String> rotated = java.util.Map.of(RootCredentials.ACCESS_ENV, "AKROTATED00000000000",
                RootCredentials.SECRET_ENV, "rotated-secret-0123456789");
        try (TestServer t = TestServer.start(CairnServer.builder(TestServer.config(data)).env(rotated))) {
            HttpResponse<String> old = t.asRoot("GET", "/api/v1/users", null);
            assertThat(old.statusCode()).isEqualTo(403);
            assertThat(old.body()).contains("InvalidAccessKeyId");
            assertThat(t.signed("GET", "/api/v1/users", null, "AKROTATED00000000000", "rotated-secret-0123456789",
                    java.time.Instant.now()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void start_dataDirectoryInUse_isRefused() throws Exception {
        try (TestServer t = TestServer.start(data)) {
            assertThatThrownBy(() -> TestServer.start(data)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("already using");
        }
    }

    @Test
    void start_portTaken_failsAndReleasesTheDataDirectory() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Config c = TestServer.config(data).with(Settings.API_PORT, Integer.toString(taken.getLocalPort()));
            assertThatThrownBy(() -> CairnServer.builder(c).env(TestServer.ENV).start()).isInstanceOf(IOException.class);
        }
        try (TestServer t = TestServer.start(data)) {
            assertThat(t.server.isReady()).isTrue();
        }
    }

    @Test
    void close_withRequestInFlight_finishesItThenStopsAcceptingAndClosesServices() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean serviceClosed = new AtomicBoolean();
        AtomicInteger closedWhileInFlight = new AtomicInteger();
        Handler slow = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                inHandler.countDown();
                release.await(10, TimeUnit.SECONDS);
                response.setStatus(200);
                response.write(true, StandardCharsets.UTF_8.encode("done"), callback);
                return true;
            }
        };
        CairnServer.Builder b = CairnServer.builder(TestServer.config(data)).env(TestServer.ENV).s3(ctx -> {
            ctx.closeOnShutdown(() -> {
                if (inHandler.getCount() == 0 && release.getCount() > 0) {
                    closedWhileInFlight.incrementAndGet();
                }
                serviceClosed.set(true);
            });
            return slow;
        });
        TestServer t = TestServer.start(b);
        int s3Port = t.server.s3Port();
        CompletableFuture<HttpResponse<String>> inFlight = t.http.sendAsync(
                HttpRequest.newBuilder(URI.create(t.s3() + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(t::close);
        Thread.sleep(300);
        assertThat(t.server.isReady()).as("health turns unavailable at once").isFalse();
        assertThat(closing).as("close waits for the request in flight").isNotDone();
        assertThatThrownBy(() -> new Socket("127.0.0.1", s3Port).close()).as("no new connections")
                .isInstanceOf(ConnectException.class);
        release.countDown();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).isEqualTo("done");
        closing.get(10, TimeUnit.SECONDS);
        assertThat(serviceClosed).isTrue();
        assertThat(closedWhileInFlight).hasValue(0);
    }

    @Test
    void listener_pluggedIn_isStartedBeforeReadyAndStoppedOnClose() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger stops = new AtomicInteger();
        Listener fake = new Listener() {
            @Override
            public String name() {
                return "nbd";
            }

            @Override
            public void start() {
                starts.incrementAndGet();
            }

            @Override
            public int port() {
                return 12345;
            }

            @Override
            public void stop(Duration grace) {
                stops.incrementAndGet();
            }
        };
        try (TestServer t = TestServer.start(CairnServer.builder(TestServer.config(data)).env(TestServer.ENV)
                .listener(ctx -> fake))) {
            assertThat(starts).hasValue(1);
            assertThat(t.server.listenerPort("nbd")).isEqualTo(12345);
            t.close();
            assertThat(stops).hasValue(1);
        }
        assertThat(stops).as("close is idempotent").hasValue(1);
    }

    @Test
    void health_whileAListenerIsStillStarting_is503ThenReady() throws Exception {
        int apiPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            apiPort = probe.getLocalPort();
        }
        CountDownLatch starting = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        Listener slow = new Listener() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void start() throws IOException {
                starting.countDown();
                try {
                    proceed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }

            @Override
            public int port() {
                return 1;
            }

            @Override
            public void stop(Duration grace) {
            }
        };
        Config c = TestServer.config(data).with(Settings.API_PORT, Integer.toString(apiPort));
        CompletableFuture<TestServer> start = CompletableFuture.supplyAsync(() -> {
            try {
                return TestServer.start(CairnServer.builder(c).env(TestServer.ENV).listener(ctx -> slow));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        assertThat(starting.await(30, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> early = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + apiPort + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(early.statusCode()).isEqualTo(503);
        proceed.countDown();
        try (TestServer t = start.get(30, TimeUnit.SECONDS)) {
            assertThat(t.get(t.api() + "/api/v1/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void listener_failingToStart_failsStartWithoutReportingReady() throws Exception {
        Listener broken = new Listener() {
            @Override
            public String name() {
                return "nbd";
            }

            @Override
            public void start() throws IOException {
                throw new IOException("port in use");
            }

            @Override
            public int port() {
                return -1;
            }

            @Override
            public void stop(Duration grace) {
            }
        };
        assertThatThrownBy(() -> TestServer.start(CairnServer.builder(TestServer.config(data)).env(TestServer.ENV)
                .listener(ctx -> broken))).hasMessageContaining("port in use");
    }
}
