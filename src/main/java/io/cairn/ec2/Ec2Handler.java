package io.cairn.ec2;

import io.cairn.server.auth.AuthException;
import io.cairn.server.auth.CanonicalRequest;
import io.cairn.server.auth.IdentityLookup;
import io.cairn.server.auth.Principal;
import io.cairn.server.auth.SigV4;
import io.cairn.server.auth.SigV4Verifier;
import io.cairn.server.auth.SignedRequest;
import io.cairn.volumes.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The EC2 Query API over HTTP at {@code /} of the control-plane port: a form-encoded POST (or a
 * GET with the same parameters in the query), signed with SigV4 for service {@code ec2} in any
 * region, answered with EC2 XML.
 */
public final class Ec2Handler extends Handler.Abstract {
  /** The SigV4 service name EC2 requests are scoped to. */
  public static final String SERVICE = "ec2";
  private static final int MAX_BODY = 1 << 20;

  private final Ec2Api api;
  private final SigV4Verifier verifier;

  public Ec2Handler(Ec2Api api, IdentityLookup identities, Clock clock) {
    this.api = api;
    this.verifier = new SigV4Verifier(SERVICE, CanonicalRequest.PathEncoding.DOUBLE, identities, clock, SigV4Verifier.DEFAULT_MAX_SKEW);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    if (!method.equals("POST") && !method.equals("GET")) {
      return reply(response, callback, Ec2Api.error("InvalidAction", "The EC2 Query API takes GET or POST.", 400, UUID.randomUUID().toString()));
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      return reply(response, callback, Ec2Api.error("RequestEntityTooLarge", "EC2 requests are limited to 1 MiB.", 413, UUID.randomUUID().toString()));
    }
    Principal principal;
    try {
      principal = authenticate(request, body);
    } catch (AuthException e) {
      return reply(response, callback, Ec2Api.error(e.failure().code(), e.getMessage(), e.failure().httpStatus(), UUID.randomUUID().toString()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    decodeInto(request.getHttpURI().getQuery(), params);
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
      decodeInto(new String(body, StandardCharsets.UTF_8), params);
    }
    return reply(response, callback, api.handle(new Caller(principal.userId(), principal.root()), params));
  }

  private Principal authenticate(Request request, byte[] body) throws AuthException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField f : request.getHeaders()) {
      headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
    }
    SignedRequest signed = new SignedRequest(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(), headers);
    return verifier.verify(signed, SigV4.sha256Hex(body));
  }

  private static void decodeInto(String form, Map<String, String> params) {
    if (form == null || form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
  }

  private static boolean reply(Response response, Callback callback, Ec2Response r) {
    response.setStatus(r.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Ec2Response.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, r.body().length);
    response.write(true, ByteBuffer.wrap(r.body()), callback);
    return true;
  }
}
