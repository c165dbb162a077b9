package io.cairn.s3;

import io.cairn.objects.CannedAcl;
import io.cairn.objects.ObjectEntry;
import io.cairn.objects.RequestedAcl;
import io.cairn.objects.WriteCondition;
import io.cairn.objects.ObjectMetadata;
import io.cairn.objects.ObjectService;
import io.cairn.catalog.Checksum;
import io.cairn.s3.auth.Authentication;
import io.cairn.s3.auth.ChecksumAlgorithm;
import io.cairn.s3.auth.VerifyingInputStream;
import io.cairn.s3.auth.PayloadRejectedException;
import io.cairn.s3.auth.RequestAuthenticator;
import io.cairn.s3.auth.UriEncoding;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * POST Object: a browser-based upload, a {@code multipart/form-data} body whose fields carry the
 * key, the metadata, a signed policy and, last, the file. The form's signature replaces request
 * signing; the policy bounds what the form may store. Fields after the file are ignored, as S3
 * does.
 */
final class BrowserUploads {
  /** S3 caps the form fields (everything but the file) at 20 KB. */
  private static final int MAX_FIELDS_BYTES = 20 * 1024;

  private final ObjectService objects;
  private final RequestAuthenticator authenticator;

  BrowserUploads(ObjectService objects, RequestAuthenticator authenticator) {
    this.objects = objects;
    this.authenticator = authenticator;
  }

  /** Whether a request is a POST Object: a POST on a bucket with a form body. */
  static boolean applies(S3Request r) {
    return r.method().equals("POST") && r.bucket() != null && r.key() == null
        && r.query().isEmpty() && FormDataReader.boundary(r.header("Content-Type")) != null;
  }

  void post(S3Request r, Request request, Response response) throws IOException {
    FormDataReader form = new FormDataReader(Request.asInputStream(request),
        FormDataReader.boundary(r.header("Content-Type")));
    Map<String, String> fields = new LinkedHashMap<>();
    FormDataReader.PartHeaders file = null;
    int budget = MAX_FIELDS_BYTES;
    for (FormDataReader.PartHeaders part = form.next(); part != null; part = form.next()) {
      String name = part.name().toLowerCase(Locale.ROOT);
      if (name.equals("file")) {
        file = part;
        break;
      }
      String value = form.text(budget);
      budget -= value.length() + name.length();
      fields.putIfAbsent(name, value);
    }
    if (file == null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "POST requires exactly one file upload per request.");
    }
    String policyField = fields.get("policy");
    Authentication auth;
    PostPolicy policy = null;
    if (policyField == null) {
      // S3: a form without a policy is anonymous; it stores only where AllUsers may WRITE.
      auth = Authentication.anonymous(null, java.time.format.DateTimeFormatter
          .ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
          .format(authenticator.now()));
    } else {
      auth = authenticator.authenticateForm(fields::get, policyField);
      policy = PostPolicy.parse(policyField);
    }
    String key = fields.get("key");
    if (key == null || key.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Bucket POST must contain a field named 'key'.");
    }
    key = key.replace("${filename}", file.filename() == null ? "" : file.filename());
    Map<String, String> values = new TreeMap<>(fields);
    values.put("key", key);
    values.put("bucket", r.bucket());
    if (policy != null) {
      policy.check(authenticator.now(), values::get, fields.keySet());
    }
    String aclField = fields.get("acl");
    RequestedAcl acl = aclField == null ? RequestedAcl.PRIVATE
        : RequestedAcl.of(CannedAcl.of(aclField).orElseThrow(() -> new S3Exception(
            S3ErrorCode.INVALID_ARGUMENT, "Invalid canned ACL " + aclField)));
    S3Exchange x = new S3Exchange(r, auth, request, response);
    InputStream body = policy == null ? form.content()
        : new LengthRange(form.content(), policy.minLength(), policy.maxLength());
    ChecksumAlgorithm algorithm = null;
    String expected = null;
    for (Map.Entry<String, String> f : fields.entrySet()) {
      ChecksumAlgorithm a = f.getKey().startsWith("x-amz-checksum-")
          ? ChecksumAlgorithm.fromName(f.getKey()) : null;
      if (a != null) {
        algorithm = a;
        expected = f.getValue().strip();
      }
    }
    Checksum checksum = algorithm == null ? null : new Checksum(algorithm.name(), expected);
    if (algorithm != null) {
      // Checked as the file streams in: a mismatch at its end stores nothing (BadDigest).
      body = new VerifyingInputStream(body, -1, null, algorithm, expected);
    }
    io.cairn.objects.encryption.SseRequest sse = SseHeaders.forWrite(
        n -> fields.get(n.toLowerCase(java.util.Locale.ROOT)));
    ObjectEntry entry = objects.putObject(x.owner(), r.bucket(), key, body, -1,
        metadata(fields), null, () -> checksum, WriteCondition.NONE, acl, tags(fields.get("tagging")),
        sse);
    while (form.next() != null) {
      // the rest of the body (fields after the file) is read and ignored
    }
    reply(x, fields, entry);
  }

  /** The form's {@code tagging} field: a Tagging XML document, as PutObjectTagging takes. */
  private static Map<String, String> tags(String tagging) throws IOException {
    if (tagging == null || tagging.isBlank()) {
      return Map.of();
    }
    Map<String, String> tags = XmlBodies.tagging(new java.io.ByteArrayInputStream(
        tagging.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    io.cairn.objects.ObjectTagging.checkObjectTags(tags);
    return tags;
  }

  private static ObjectMetadata metadata(Map<String, String> fields) {
    Map<String, String> user = new TreeMap<>();
    fields.forEach((name, value) -> {
      if (name.startsWith("x-amz-meta-") && name.length() > "x-amz-meta-".length()) {
        user.put(name.substring("x-amz-meta-".length()), value);
      }
    });
    return new ObjectMetadata(fields.get("content-type"),
        MetadataHeaders.contentEncoding(fields.get("content-encoding")),
        fields.get("content-disposition"), fields.get("content-language"),
        fields.get("cache-control"), fields.get("expires"), user);
  }

  private static void reply(S3Exchange x, Map<String, String> fields, ObjectEntry entry)
      throws IOException {
    String etag = ObjectOperations.quote(entry.etag());
    String location = "/" + x.bucket() + "/" + UriEncoding.encode(entry.key(), true);
    x.header("ETag", etag);
    x.header("Location", location);
    VersionHeaders.versionId(x, entry, false);
    String redirect = fields.get("success_action_redirect");
    if (redirect == null) {
      redirect = fields.get("redirect");
    }
    if (redirect != null && !redirect.isEmpty()) {
      x.header("Location", redirect + (redirect.contains("?") ? "&" : "?")
          + "bucket=" + UriEncoding.encode(x.bucket(), false)
          + "&key=" + UriEncoding.encode(entry.key(), false)
          + "&etag=" + UriEncoding.encode(etag, false));
      x.replyEmpty(303);
      return;
    }
    String status = fields.get("success_action_status");
    if ("201".equals(status)) {
      XmlDocument doc = XmlDocument.plain("PostResponse")
          .element("Location", location)
          .element("Bucket", x.bucket())
          .element("Key", entry.key())
          .element("ETag", etag);
      x.reply(201, "application/xml", doc.finish());
    } else {
      x.replyEmpty("200".equals(status) ? 200 : 204);
    }
  }

  /** The file's bytes, rejected once they exceed the policy's range or end short of it. */
  private static final class LengthRange extends FilterInputStream {
    private final long min;
    private final long max;
    private long count;

    LengthRange(InputStream in, long min, long max) {
      super(in);
      this.min = min;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        if (count < min) {
          throw new PayloadRejectedException(S3ErrorCode.ENTITY_TOO_SMALL,
              "Your proposed upload is smaller than the minimum allowed size");
        }
        return n;
      }
      count += n;
      if (count > max) {
        throw new PayloadRejectedException(S3ErrorCode.ENTITY_TOO_LARGE,
            "Your proposed upload exceeds the maximum allowed size");
      }
      return n;
    }
  }
}
