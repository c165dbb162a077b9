package io.cairn.objects;

import io.cairn.catalog.Acl;
import io.cairn.catalog.Checksum;
import io.cairn.catalog.InlineBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A PUT of a body small enough to live in its catalog entry ({@code inline-object-max}): no blob,
 * so the PUT waits for one durable commit (the catalog's) instead of two in series (the log's,
 * then the catalog's), and a GET is one row read. The body is read into the heap up to the limit
 * plus one byte; one that ends within the limit is stored inline, a longer one continues into a
 * blob with the bytes already read first. Verification is the blob path's: the body stream checks
 * its own signature and x-amz-checksum-* at EOF (throwing stores nothing), then Content-MD5.
 * Stateless.
 */
final class InlinePut {
  private InlinePut() {}

  /**
   * The start of a body: all of it if it ended within the limit ({@link #complete}), else what was
   * read of it, which {@link #rest} puts back in front of the remainder.
   */
  record Head(byte[] buffer, int length, boolean complete) {
    /** The whole body, when complete: exactly {@code length} bytes. */
    byte[] body() {
      return buffer.length == length ? buffer : Arrays.copyOf(buffer, length);
    }

    /** The whole body again as a stream: the bytes read, then the rest of {@code body}. */
    InputStream rest(InputStream body) {
      return new SequenceInputStream(new ByteArrayInputStream(buffer, 0, length), body);
    }
  }

  /**
   * Whether a body of {@code lengthHint} bytes (-1: unknown, as for aws-chunked without a decoded
   * length) may be stored inline under {@code max} (0: never).
   */
  static boolean mayFit(long lengthHint, int max) {
    return max > 0 && lengthHint <= max;
  }

  /** Reads {@code body} up to {@code max} bytes and, to see its end, one more read. */
  static Head read(InputStream body, long lengthHint, int max) throws IOException {
    // One byte more than can be stored: a body of exactly that size reaches EOF inside fill().
    int capacity = (int) (lengthHint >= 0 ? Math.min(lengthHint, max) + 1 : max + 1L);
    byte[] buffer = new byte[capacity];
    int n = BlobWriter.fill(body, buffer);
    return new Head(buffer, n, n < capacity);
  }

  /**
   * Commits a complete small body as an inline object; BAD_DIGEST if it does not hash to {@code
   * contentMd5}. {@code checksum} is asked only now, after the body's EOF verified it. The new
   * version starts with the Object Lock state {@code lock} asks for (null: the bucket's default).
   */
  static ObjectEntry store(ObjectService objects, String owner, String bucket, String key,
      byte[] body, ObjectMetadata metadata, byte[] contentMd5, Supplier<Checksum> checksum,
      WriteCondition condition, Acl grants, Map<String, String> tags, ObjectLock.Requested lock)
      throws IOException {
    byte[] md5 = BlobWriter.md5().digest(body);
    if (contentMd5 != null && !MessageDigest.isEqual(contentMd5, md5)) {
      throw new ObjectServiceException(ObjectError.BAD_DIGEST,
          "The Content-MD5 you specified did not match what was received.");
    }
    ObjectEntry entry = new ObjectEntry(bucket, key, owner, 0, body.length,
        HexFormat.of().formatHex(md5), objects.now(), metadata, checksum.get(), null, null, false,
        grants, tags, null, InlineBody.of(body));
    return VersionCommit.commit(objects, entry, condition, lock);
  }
}
