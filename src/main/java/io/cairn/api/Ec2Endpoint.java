package io.cairn.api;

import io.cairn.ec2.Ec2Api;
import io.cairn.ec2.Ec2Response;
import io.cairn.server.ServerContext;
import io.cairn.server.auth.AuthException;
import io.cairn.server.auth.AuthFailure;
import io.cairn.server.auth.CanonicalRequest.PathEncoding;
import io.cairn.server.auth.Principal;
import io.cairn.server.auth.SigV4;
import io.cairn.server.auth.SigV4Verifier;
import io.cairn.server.auth.SignedRequest;
import io.cairn.volumes.Caller;
import io.cairn.volumes.VolumeService;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The EC2 Query API over HTTP at "/" on the control plane, so {@code aws ec2 ... --endpoint-url
 * http://HOST:9001} works: parameters from the query string and the form body, SigV4 with service
 * {@code ec2} (any region), the caller acting as its canonical user id. The actions themselves are
 * {@link Ec2Api}'s.
 */
public final class Ec2Endpoint extends Handler.Abstract {
    public static final String SERVICE = "ec2";

    private final ServerContext context;
    private final SigV4Verifier verifier;
    private final Supplier<VolumeService> volumes;
    private volatile Ec2Api api;

    /** {@code volumes} is called once, on the first request (when every listener's port is known). */
    public Ec2Endpoint(ServerContext context, Supplier<VolumeService> volumes) {
        this.context = context;
        this.volumes = volumes;
        this.verifier = new SigV4Verifier(SERVICE, PathEncoding.DOUBLE, context.identities(), context.clock(),
                SigV4Verifier.DEFAULT_MAX_SKEW);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String requestId = UUID.randomUUID().toString();
        Ec2Response reply;
        if (!request.getMethod().equals("POST") && !request.getMethod().equals("GET")) {
            reply = Ec2Api.error("InvalidHttpRequest", "the EC2 Query API takes GET or POST", 405, requestId);
        } else {
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(ControlPlane.MAX_BODY + 1);
            }
            if (body.length > ControlPlane.MAX_BODY) {
                reply = Ec2Api.error("RequestEntityTooLarge", "EC2 requests are limited to 1 MiB", 413, requestId);
            } else {
                reply = runOrFail(request, body, requestId);
            }
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Ec2Response.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    private Ec2Response run(Request request, byte[] body, String requestId) throws IOException {
        Principal principal;
        try {
            principal = authenticate(request, body);
        } catch (AuthException e) {
            Counter.builder("cairn.auth.failures").tag("port", "api").tag("reason", e.failure().code())
                    .register(context.metrics()).increment();
            return Ec2Api.error(ec2Code(e.failure()), e.getMessage(), e.failure().httpStatus(), requestId);
        }
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(request.getHttpURI().getQuery(), params);
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            parseForm(new String(body, StandardCharsets.UTF_8), params);
        }
        return api().handle(new Caller(principal.userId(), principal.root()), params);
    }

    private Ec2Response runOrFail(Request request, byte[] body, String requestId) throws IOException {
        try {
            return run(request, body, requestId);
        } catch (java.io.UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(Ec2Endpoint.class).error("EC2 request {} failed", requestId, e);
            return Ec2Api.error("InternalError", "An internal error has occurred", 500, requestId);
        }
    }

    private Ec2Api api() {
        Ec2Api a = api;
        if (a == null) {
            synchronized (this) {
                if (api == null) {
                    api = new Ec2Api(volumes.get());
                }
                a = api;
            }
        }
        return a;
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

    /** EC2's names for authentication failures (its error codes differ from S3's). */
    static String ec2Code(AuthFailure f) {
        return switch (f) {
            case INVALID_ACCESS_KEY_ID, SIGNATURE_DOES_NOT_MATCH -> "AuthFailure";
            case REQUEST_TIME_TOO_SKEWED -> "RequestExpired";
            case MALFORMED_AUTHORIZATION -> "IncompleteSignature";
            case MISSING_AUTHENTICATION -> "MissingAuthenticationToken";
            case ACCESS_DENIED -> "UnauthorizedOperation";
            case CONTENT_SHA256_MISMATCH -> "InvalidParameterValue";
        };
    }

    private static void parseForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }
}
