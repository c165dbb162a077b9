package io.cairn.s3;

import io.cairn.objects.Composition;
import io.cairn.objects.ObjectEntry;
import io.cairn.objects.ObjectService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Compose, Cairn's extension to S3: {@code POST /bucket/key?compose} with a body
 *
 * <pre>{@code
 * <ComposeRequest>
 *   <Source><Key>part-1</Key></Source>
 *   <Source><Key>part-2</Key><VersionId>v</VersionId><IfMatch>"etag"</IfMatch>
 *           <Range>bytes=0-1023</Range></Source>
 * </ComposeRequest>
 * }</pre>
 *
 * signed like any S3 request. The new object's metadata comes from the request's headers as for
 * PutObject ({@code Content-Type}, {@code x-amz-meta-*}, ...), and {@code If-Match} / {@code
 * If-None-Match} condition the write on the destination, {@code x-amz-acl} and {@code
 * x-amz-grant-*} give it grants as on PutObject. The answer is {@code <ComposeResult>}
 * with LastModified, ETag and Size. See {@link Composition} for the rules.
 */
final class ComposeOperations {
  private final Composition composition;

  ComposeOperations(ObjectService objects) {
    this.composition = new Composition(objects);
  }

  void compose(S3Exchange x) throws IOException {
    S3Request r = x.request();
    byte[] body = x.body().readNBytes(XmlBodies.MAX_BYTES + 1);
    byte[] md5 = x.contentMd5();
    if (md5 != null && !MessageDigest.isEqual(md5, md5(body))) {
      throw new S3Exception(S3ErrorCode.BAD_DIGEST);
    }
    List<Composition.Source> sources = parse(body);
    ObjectEntry entry = composition.compose(x.owner(), x.bucket(), x.key(), sources,
        MetadataHeaders.fromRequest(r), Preconditions.writeCondition(r),
        AclRequests.fromHeaders(r));
    x.header("ETag", ObjectOperations.quote(entry.etag()));
    if (entry.versionId() != null && !entry.versionId().equals("null")) {
      x.header("x-amz-version-id", entry.versionId());
    }
    x.replyXml(XmlDocument.of("ComposeResult")
        .element("LastModified", entry.lastModified())
        .element("ETag", ObjectOperations.quote(entry.etag()))
        .element("Size", entry.size()));
  }

  static List<Composition.Source> parse(byte[] body) throws IOException {
    List<Composition.Source> sources = new ArrayList<>();
    String[] current = new String[4]; // key, version, if-match, range
    XmlBodies.parse(new ByteArrayInputStream(body), "ComposeRequest", (path, text) -> {
      switch (path) {
        case "Source/Key" -> current[0] = text;
        case "Source/VersionId" -> current[1] = text.strip();
        case "Source/IfMatch" -> current[2] = text.strip();
        case "Source/Range" -> current[3] = text.strip();
        case "Source" -> {
          if (current[0] == null || current[0].isEmpty()) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Every Source needs a Key");
          }
          long[] range = range(current[3]);
          sources.add(new Composition.Source(current[0], current[1], current[2], range[0],
              range[1]));
          java.util.Arrays.fill(current, null);
        }
        default -> { }
      }
    });
    return sources;
  }

  /** {@code bytes=first-last} as {first, last}; {-1, -1} for none. */
  private static long[] range(String range) {
    if (range == null) {
      return new long[] {-1, -1};
    }
    int dash = range.indexOf('-');
    try {
      if (!range.startsWith("bytes=") || dash < 0) {
        throw new NumberFormatException();
      }
      long first = Long.parseLong(range.substring(6, dash).strip());
      long last = Long.parseLong(range.substring(dash + 1).strip());
      if (first < 0 || last < first) {
        throw new NumberFormatException();
      }
      return new long[] {first, last};
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "A source Range must be of the form bytes=first-last: " + range);
    }
  }

  private static byte[] md5(byte[] body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
