package io.cairn.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times every request of one port into {@code cairn.http.requests} (Prometheus:
 * {@code cairn_http_requests_seconds_count/_sum/_bucket}) tagged by port, method and status, once
 * its response is complete.
 */
final class RequestMetrics extends Handler.Wrapper {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PATCH");
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(30)};

    private final String port;
    private final MeterRegistry registry;
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    RequestMetrics(String port, MeterRegistry registry, Handler next) {
        super(next);
        this.port = port;
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
        Callback timed = new Callback() {
            @Override
            public void succeeded() {
                record(method, response.getStatus(), start);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(method, response.isCommitted() ? response.getStatus() : 500, start);
                callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        boolean handled = super.handle(request, response, timed);
        if (!handled) {
            record(method, 404, start);
        }
        return handled;
    }

    private void record(String method, int status, long startNanos) {
        // Registering looks the meter up by its sorted tags: once per method and status, not per request.
        Timer timer = timers.computeIfAbsent(method + ' ' + status, k -> Timer.builder("cairn.http.requests")
                .description("HTTP requests by port, method and status")
                .tag("port", port).tag("method", method).tag("status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS).register(registry));
        timer.record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
