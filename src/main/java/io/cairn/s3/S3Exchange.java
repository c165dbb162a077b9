package io.cairn.s3;

import io.cairn.s3.auth.Authentication;
import io.cairn.s3.auth.PayloadStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One authenticated S3 request and its response, as the operation classes use them. Runs on the
 * request's (virtual) thread; replies block until written. Not thread safe.
 */
public final class S3Exchange {
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final S3Request request;
  private final Authentication auth;
  private final Request jettyRequest;
  private final Response response;
  private PayloadStreams.Payload payload;

  S3Exchange(S3Request request, Authentication auth, Request jettyRequest, Response response) {
    this.request = request;
    this.auth = auth;
    this.jettyRequest = jettyRequest;
    this.response = response;
  }

  public S3Request request() {
    return request;
  }

  public String owner() {
    return auth.owner();
  }

  public String bucket() {
    return request.bucket();
  }

  public String key() {
    return request.key();
  }

  /** The decoded request body, checked against the request's signature and checksum claims. */
  public PayloadStreams.Payload payload() {
    if (payload == null) {
      payload = PayloadStreams.open(request, auth, Request.asInputStream(jettyRequest));
    }
    return payload;
  }

  /**
   * The request body of a CompleteMultipartUpload, whose {@code x-amz-checksum-*} headers name
   * the object's composite checksum rather than the body's.
   */
  public InputStream bodyIgnoringChecksumHeaders() {
    if (payload == null) {
      payload = PayloadStreams.open(request, auth, Request.asInputStream(jettyRequest), false);
    }
    return payload.stream();
  }

  public InputStream body() {
    return payload().stream();
  }

  /** The Content-MD5 header decoded, null if absent; InvalidDigest if not a base64 MD5. */
  public byte[] contentMd5() {
    String v = request.header("Content-MD5");
    if (v == null) {
      return null;
    }
    try {
      byte[] md5 = Base64.getDecoder().decode(v.strip());
      if (md5.length == 16) {
        return md5;
      }
    } catch (IllegalArgumentException e) {
      // falls through to InvalidDigest
    }
    throw new S3Exception(S3ErrorCode.INVALID_DIGEST);
  }

  public HttpFields.Mutable headers() {
    return response.getHeaders();
  }

  public void header(String name, String value) {
    if (value != null) {
      response.getHeaders().put(name, value);
    }
  }

  public void dateHeader(String name, Instant time) {
    response.getHeaders().put(name, HTTP_DATE.format(time));
  }

  /** Sends an XML document with status 200. */
  public void replyXml(XmlDocument doc) throws IOException {
    reply(200, "application/xml", doc.finish());
  }

  public void reply(int status, String contentType, byte[] body) throws IOException {
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put("Content-Type", contentType);
    }
    response.getHeaders().put("Content-Length", body.length);
    Content.Sink.write(response, true, ByteBuffer.wrap(body));
  }

  /** Sends a status and headers without a body (Content-Length 0 unless already set). */
  public void replyEmpty(int status) throws IOException {
    response.setStatus(status);
    if (!response.getHeaders().contains("Content-Length")) {
      response.getHeaders().put("Content-Length", 0);
    }
    Content.Sink.write(response, true, org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER);
  }

  /** Commits status and headers and returns a stream for a body whose length is set already. */
  public OutputStream replyStream(int status) {
    response.setStatus(status);
    return new ResponseChannel(response);
  }

  public boolean isHead() {
    return request.method().equals("HEAD");
  }
}
