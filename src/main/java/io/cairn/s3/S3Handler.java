package io.cairn.s3;

import io.cairn.objects.MultipartService;
import io.cairn.objects.ObjectService;
import io.cairn.objects.ObjectServiceException;
import io.cairn.s3.auth.Authentication;
import io.cairn.s3.auth.PayloadRejectedException;
import io.cairn.s3.auth.RequestAuthenticator;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 REST entry point: authenticates every request, routes it by method, addressing and
 * sub-resource to its operation group, and renders every error as S3 XML. Blocking: it expects to
 * run on a virtual thread per request (Jetty's virtual-thread executor).
 */
public final class S3Handler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(S3Handler.class);
  /** Bucket and object sub-resources Cairn does not serve (yet): answered NotImplemented. */
  private static final Set<String> UNSUPPORTED = Set.of("policy", "policyStatus",
      "lifecycle", "website", "logging", "notification", "replication",
      "ownershipControls", "publicAccessBlock", "accelerate", "requestPayment",
      "analytics", "metrics", "inventory", "intelligent-tiering",
      "torrent", "restore", "select");

  /** How long the blob of an overwritten or deleted object stays readable for GETs under way. */
  public static final Duration RETIRE_AFTER = Duration.ofMinutes(1);

  /** Socket reads of S3 bodies: large, so a big PUT is not read 8 KiB (Jetty's default) at a time. */
  static final int INPUT_BUFFER = 256 * 1024;

  private final RequestAuthenticator authenticator;
  private final Addressing addressing;
  private final BucketOperations buckets;
  private final ObjectOperations objects;
  private final ListingOperations listings;
  private final MultipartOperations multipart;
  private final VersioningOperations versioning;
  private final TaggingOperations tagging;
  private final ComposeOperations compose;
  private final BrowserUploads browserUploads;
  private final AbsentConfigurations absent;
  private final AclOperations acls;
  private final BucketEncryptionOperations bucketEncryption;
  private final ObjectLockOperations objectLock;
  private final CorsOperations cors;
  private final ObjectService objectService;
  private final AtomicLong requestIds = new AtomicLong(System.nanoTime());

  public S3Handler(ObjectService objectService, MultipartService multipartService,
      RequestAuthenticator authenticator, Addressing addressing, String region) {
    this.authenticator = authenticator;
    this.addressing = addressing;
    this.buckets = new BucketOperations(objectService, region);
    this.objects = new ObjectOperations(objectService);
    this.listings = new ListingOperations(objectService);
    this.multipart = new MultipartOperations(objectService, multipartService);
    this.versioning = new VersioningOperations(objectService);
    this.tagging = new TaggingOperations(objectService);
    this.compose = new ComposeOperations(objectService);
    this.browserUploads = new BrowserUploads(objectService, authenticator);
    this.absent = new AbsentConfigurations(objectService);
    this.acls = new AclOperations(objectService);
    this.bucketEncryption = new BucketEncryptionOperations(objectService);
    this.objectLock = new ObjectLockOperations(objectService);
    this.cors = new CorsOperations(objectService);
    this.objectService = objectService;
  }

  /**
   * Sets up the HTTP connector serving S3. S3 keys may hold anything ("..", "//", encoded
   * slashes), so URIs are taken as sent; header values must reach the signature check byte for
   * byte, which Jetty's case-insensitive header cache would not guarantee (it turns
   * "charset=UTF-8" into "charset=utf-8"); and bodies are read in large buffers.
   *
   * <p>Jetty's per-connection header cache is off: S3 requests carry headers whose values change
   * on every request (Authorization, x-amz-date, Content-MD5), so the cache mostly inserted into
   * its trie and missed. With it, header parsing was a fifth of the server's CPU on 4 KiB PUTs;
   * without it, Jetty answering from memory needs about a third less CPU per request
   * ({@code bench/run s3}, the HTTP floor rows).
   */
  public static void configure(HttpConnectionFactory http) {
    HttpConfiguration config = http.getHttpConfiguration();
    config.setUriCompliance(UriCompliance.UNSAFE);
    config.setHeaderCacheCaseSensitive(true);
    config.setHeaderCacheSize(0);
    http.setInputBufferSize(INPUT_BUFFER);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String requestId = Long.toHexString(requestIds.incrementAndGet()).toUpperCase(Locale.ROOT);
    response.getHeaders().put("x-amz-request-id", requestId);
    S3Request s3 = null;
    Map<String, String> corsHeaders = Map.of();
    try {
      s3 = S3Request.of(request.getMethod(), request.getHttpURI().getPath(),
          request.getHttpURI().getQuery(), request.getHeaders(), addressing);
      if (s3.method().equals("OPTIONS")) {
        cors.preflight(s3).forEach(response.getHeaders()::put);
        response.setStatus(200);
        response.getHeaders().put("Content-Length", 0);
        Content.Sink.write(response, true, BufferUtil.EMPTY_BUFFER);
        callback.succeeded();
        return true;
      }
      if (s3.header("Origin") != null) {
        corsHeaders = cors.actual(s3);
        corsHeaders.forEach(response.getHeaders()::put);
      }
      if (BrowserUploads.applies(s3)) {
        browserUploads.post(s3, request, response);
      } else {
        Authentication auth = authenticate(s3);
        route(new S3Exchange(s3, auth, request, response));
      }
      callback.succeeded();
    } catch (S3Exception e) {
      fail(s3, request, response, callback, e, requestId, corsHeaders);
    } catch (ObjectServiceException e) {
      fail(s3, request, response, callback, ErrorResponse.from(e), requestId, corsHeaders);
    } catch (PayloadRejectedException e) {
      fail(s3, request, response, callback, new S3Exception(e.code(), e.getMessage()), requestId,
          corsHeaders);
    } catch (EOFException e) {
      // The client went away or sent less than it declared; nothing was stored.
      LOG.debug("{} {}: body ended early", request.getMethod(), request.getHttpURI().getPath(), e);
      fail(s3, request, response, callback, new S3Exception(S3ErrorCode.INCOMPLETE_BODY),
          requestId, corsHeaders);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
      fail(s3, request, response, callback, new S3Exception(S3ErrorCode.INTERNAL_ERROR),
          requestId, corsHeaders);
    }
    return true;
  }

  /**
   * Authenticates a request. One that carries no signature at all is anonymous: it may do what
   * the ACLs grant AllUsers, which each operation checks. A signature that does not verify is
   * refused here, never downgraded to anonymous.
   */
  private Authentication authenticate(S3Request s3) {
    boolean unsigned = s3.header("Authorization") == null && !s3.hasParam("X-Amz-Signature")
        && !(s3.hasParam("Signature") && s3.hasParam("AWSAccessKeyId"));
    if (unsigned) {
      return Authentication.anonymous(s3.header("x-amz-content-sha256"),
          java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
              .withZone(java.time.ZoneOffset.UTC).format(authenticator.now()));
    }
    return authenticator.authenticate(s3);
  }

  private void route(S3Exchange x) throws IOException {
    S3Request r = x.request();
    String method = r.method();
    if (r.bucket() == null) {
      if (method.equals("GET")) {
        buckets.listBuckets(x);
        return;
      }
      throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
    String expectedOwner = r.header("x-amz-expected-bucket-owner");
    if (expectedOwner != null && !objectService.bucketOwner(r.bucket())
        .map(o -> o.equals(expectedOwner.strip())).orElse(true)) {
      // S3: a request naming another owner than the bucket's is refused before anything else.
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
    }
    if (r.hasParam("acl")) {
      acls.handle(x);
      return;
    }
    if (r.hasParam("tagging")) {
      routeTagging(x, method, r);
      return;
    }
    if (r.key() == null && r.hasParam("encryption")) {
      bucketEncryption.handle(x);
      return;
    }
    if (r.key() == null && r.hasParam("cors")) {
      cors.handle(x);
      return;
    }
    if (objectLock.handle(x) || absent.handle(x)) {
      return;
    }
    for (var p : r.query()) {
      if (UNSUPPORTED.contains(p.name())) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
            "The " + p.name() + " sub-resource is not supported");
      }
    }
    if (r.key() == null) {
      routeBucket(x, method, r);
    } else {
      routeObject(x, method, r);
    }
  }

  private void routeBucket(S3Exchange x, String method, S3Request r) throws IOException {
    switch (method) {
      case "GET" -> {
        if (r.hasParam("location")) {
          buckets.location(x);
        } else if (r.hasParam("versions")) {
          versioning.list(x);
        } else if (r.hasParam("uploads")) {
          multipart.listUploads(x);
        } else if (r.hasParam("versioning")) {
          versioning.get(x);
        } else if ("2".equals(r.param("list-type"))) {
          listings.listV2(x);
        } else {
          listings.listV1(x);
        }
      }
      case "HEAD" -> buckets.head(x);
      case "PUT" -> {
        if (r.hasParam("versioning")) {
          versioning.put(x);
        } else {
          buckets.create(x);
        }
      }
      case "DELETE" -> buckets.delete(x);
      case "POST" -> {
        if (!r.hasParam("delete")) {
          throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
        objects.deleteObjects(x);
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  /** The ?tagging sub-resource of a bucket or an object. */
  private void routeTagging(S3Exchange x, String method, S3Request r) throws IOException {
    boolean bucket = r.key() == null;
    switch (method) {
      case "GET" -> {
        if (bucket) {
          tagging.getBucket(x);
        } else {
          tagging.getObject(x);
        }
      }
      case "PUT" -> {
        if (bucket) {
          tagging.putBucket(x);
        } else {
          tagging.putObject(x);
        }
      }
      case "DELETE" -> {
        if (bucket) {
          tagging.deleteBucket(x);
        } else {
          tagging.deleteObject(x);
        }
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private void routeObject(S3Exchange x, String method, S3Request r) throws IOException {
    switch (method) {
      case "GET", "HEAD" -> {
        if (r.hasParam("uploadId") && method.equals("GET")) {
          multipart.listParts(x);
        } else if (r.hasParam("attributes") && method.equals("GET")) {
          objects.attributes(x);
        } else {
          objects.get(x);
        }
      }
      case "PUT" -> {
        if (r.hasParam("uploadId") || r.hasParam("partNumber")) {
          multipart.uploadPart(x);
        } else {
          objects.put(x);
        }
      }
      case "DELETE" -> {
        if (r.hasParam("uploadId")) {
          multipart.abort(x);
        } else {
          objects.delete(x);
        }
      }
      case "POST" -> {
        if (r.hasParam("uploads")) {
          multipart.create(x);
        } else if (r.hasParam("uploadId")) {
          multipart.complete(x);
        } else if (r.hasParam("compose")) {
          compose.compose(x);
        } else {
          throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private static void fail(S3Request s3, Request request, Response response, Callback callback,
      S3Exception e, String requestId, Map<String, String> corsHeaders) {
    if (response.isCommitted()) {
      // Headers (maybe part of a body) are out: all that is left is to abort the exchange.
      callback.failed(e);
      return;
    }
    response.reset();
    response.getHeaders().put("x-amz-request-id", requestId);
    // S3 sends a cross-origin request's Access-Control headers on its error replies too.
    corsHeaders.forEach(response.getHeaders()::put);
    e.headers().forEach(response.getHeaders()::put);
    response.setStatus(e.code().status());
    if (request.getMethod().equals("HEAD") || e.code().status() == 304) {
      response.getHeaders().put("Content-Length", 0);
      callback.succeeded();
      return;
    }
    String resource = s3 == null ? request.getHttpURI().getPath()
        : "/" + (s3.bucket() == null ? "" : s3.bucket()) + (s3.key() == null ? "" : "/" + s3.key());
    byte[] body = ErrorResponse.render(e, resource, requestId);
    response.getHeaders().put("Content-Type", "application/xml");
    response.getHeaders().put("Content-Length", body.length);
    response.write(true, java.nio.ByteBuffer.wrap(body), callback);
  }
}
