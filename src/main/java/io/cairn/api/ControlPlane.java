package io.cairn.api;

import io.cairn.server.ServerContext;
import io.cairn.server.auth.AuthException;
import io.cairn.server.auth.AuthFailure;
import io.cairn.server.auth.CanonicalRequest.PathEncoding;
import io.cairn.server.auth.Principal;
import io.cairn.server.auth.SigV4;
import io.cairn.server.auth.SigV4Verifier;
import io.cairn.server.auth.SignedRequest;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-plane port: {@code GET /api/v1/health} and {@code GET /metrics} (both open, for
 * load balancers and Prometheus), the REST API under {@code /api/v1} (every request signed with
 * SigV4, service {@code cairn}, any region), and further handlers mounted under path prefixes
 * (the EC2 Query API at exactly "/", the console under "/ui"). Everything but health and metrics
 * answers 503 until the server is ready.
 */
public final class ControlPlane extends Handler.AbstractContainer {
    /** The SigV4 service name control-plane requests are scoped to. */
    public static final String SERVICE = "cairn";
    static final int MAX_BODY = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

    private final ServerContext context;
    private final BooleanSupplier ready;
    private final Map<String, Handler> mounts;
    private final SigV4Verifier verifier;
    private final List<ApiRoute> routes;

    public ControlPlane(ServerContext context, BooleanSupplier ready, Map<String, Handler> mounts, List<ApiRoute> routes) {
        this.context = context;
        this.ready = ready;
        this.mounts = new LinkedHashMap<>(mounts);
        this.mounts.values().forEach(this::addBean);
        this.verifier = new SigV4Verifier(SERVICE, PathEncoding.DOUBLE, context.identities(), context.clock(),
                SigV4Verifier.DEFAULT_MAX_SKEW);
        this.routes = new ArrayList<>();
        this.routes.add(new UsersApi(context));
        this.routes.addAll(routes);
    }

    /** Handlers below block (they read bodies as streams): Jetty must call them on a virtual thread. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    @Override
    public List<Handler> getHandlers() {
        return new ArrayList<>(mounts.values());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getCanonicalPath();
        if (path == null) {
            path = "/";
        }
        String requestId = UUID.randomUUID().toString();
        if (path.equals("/api/v1/health")) {
            boolean up = ready.getAsBoolean();
            JsonReply.send(response, callback, up ? 200 : 503, Map.of("status", up ? "ready" : "unavailable"));
            return true;
        }
        if (path.equals("/metrics")) {
            JsonReply.text(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
                    context.metrics().scrape());
            return true;
        }
        if (!ready.getAsBoolean()) {
            // Until every listener is up (and while stopping) only health and metrics answer.
            JsonReply.error(response, callback, 503, "ServiceUnavailable", "the server is starting or stopping",
                    requestId);
            return true;
        }
        if (path.equals("/api/v1") || path.startsWith("/api/v1/")) {
            response.getHeaders().put("x-cairn-request-id", requestId);
            try {
                byte[] body = readBody(request);
                Principal principal = authenticate(request, body);
                String sub = path.substring("/api/v1".length());
                ApiRoute route = routes.stream().filter(r -> r.serves(sub)).findFirst().orElseThrow(
                        () -> new ApiException(404, "NotFound", "no such API: /api/v1" + sub));
                route.handle(request.getMethod(), sub, request.getHttpURI().getQuery(), request.getHeaders(), body,
                        principal, response, callback);
            } catch (AuthException e) {
                Counter.builder("cairn.auth.failures").tag("port", "api").tag("reason", e.failure().code())
                        .register(context.metrics()).increment();
                JsonReply.error(response, callback, e.failure().httpStatus(), e.failure().code(), e.getMessage(),
                        requestId);
            } catch (ApiException e) {
                JsonReply.error(response, callback, e.status(), e.code(), e.getMessage(), requestId);
            } catch (IOException | UncheckedIOException e) {
                log.error("Request {} {} failed (request id {})", request.getMethod(), path, requestId, e);
                JsonReply.error(response, callback, 500, "InternalError", "the server could not complete the request",
                        requestId);
            }
            return true;
        }
        for (var m : mounts.entrySet()) {
            String prefix = m.getKey();
            if (path.equals(prefix) || (!prefix.equals("/") && path.startsWith(prefix + "/"))) {
                return m.getValue().handle(request, response, callback);
            }
        }
        JsonReply.error(response, callback, 404, "NotFound", "nothing at " + path, requestId);
        return true;
    }

    private static byte[] readBody(Request request) throws IOException, ApiException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new ApiException(413, "EntityTooLarge", "control-plane request bodies are limited to 1 MiB");
            }
            return body;
        }
    }

    private Principal authenticate(Request request, byte[] body) throws AuthException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
        }
        SignedRequest signed = new SignedRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers);
        String computed = SigV4.sha256Hex(body);
        String claimed = signed.header("x-amz-content-sha256").orElse(computed);
        if (!claimed.equals(computed) && !claimed.equals(SigV4.UNSIGNED_PAYLOAD)) {
            throw new AuthException(AuthFailure.CONTENT_SHA256_MISMATCH,
                    "the body's SHA-256 differs from x-amz-content-sha256");
        }
        return verifier.verify(signed, claimed);
    }
}
