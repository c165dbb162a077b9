package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.Permission;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Compose (HStore 2.0's "compose objects into a single object", GCS's compose): a new object that
 * is the concatenation of up to {@link #MAX_SOURCES} existing objects of the same bucket, or byte
 * ranges of them, stored without copying a data byte (its blob links the sources' data, see
 * {@link Splice}).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>ETag</b>: {@code hex(md5(d_1 .. d_N))-N}, the multipart formula over one digest per
 *       source: a whole source contributes the 16 bytes its ETag is the hex of (its MD5 for an
 *       object stored in one piece; for a multipart or composed source, the digest part of its
 *       ETag, so composing never reads data), a ranged source the MD5 of the range's bytes, which
 *       are read (not written) to compute it. A compose of ranges and single-part objects thus has
 *       the ETag a multipart upload of UploadPartCopy parts of the same ranges would have.
 *   <li><b>Parts</b>: the object's part sizes are the sources' lengths ({@code ?partNumber=N} reads
 *       source N's bytes); it has no additional checksum.
 *   <li><b>Conditions</b>: every source is resolved and its If-Match checked before anything is
 *       stored; {@code condition} on the destination is checked before and again atomically with
 *       the commit (as {@link ObjectService#putObject} does).
 *   <li><b>Refusals</b>: INVALID_REQUEST for no source or more than {@link #MAX_SOURCES}, or
 *       for a server-side encrypted source;
 *       NO_SUCH_KEY for a missing source or one whose version is a delete marker, NO_SUCH_VERSION
 *       or INVALID_ARGUMENT for a missing or malformed version id; PRECONDITION_FAILED
 *       for a source whose ETag differs from its If-Match; INVALID_ARGUMENT for a range outside
 *       its source; ENTITY_TOO_LARGE beyond {@link #MAX_SIZE}. Nothing is stored then.
 *   <li><b>Access</b>: WRITE on the bucket, READ on each source (ACCESS_DENIED otherwise); the new
 *       object is the requester's, with the grants asked for. Durability and thread safety as
 *       {@link ObjectService}.
 * </ul>
 */
public final class Composition {
  /** The most sources one compose joins (GCS's limit). */
  public static final int MAX_SOURCES = 32;
  /** The largest object a compose may make (S3's object size limit, 5 TiB). */
  public static final long MAX_SIZE = 5L << 40;

  private final ObjectService objects;

  public Composition(ObjectService objects) {
    this.objects = objects;
  }

  /**
   * One source of a compose.
   *
   * @param key the source's key in the destination's bucket
   * @param versionId the version to read, or null for the current one
   * @param ifMatch the ETag (quoted or not, or {@code *}) the source must have, or null
   * @param first the first byte of the range to take, or -1 for the whole source
   * @param last the last byte of the range (inclusive); ignored for a whole source
   */
  public record Source(String key, String versionId, String ifMatch, long first, long last) {
    public static Source whole(String key) {
      return new Source(key, null, null, -1, -1);
    }

    public boolean ranged() {
      return first >= 0;
    }
  }

  /**
   * Stores {@code key} in {@code bucket} as the concatenation of {@code sources}, in order, with
   * the grants {@code acl} asks for. {@code requester} (null: anonymous) needs WRITE on the bucket
   * and READ on every source version.
   */
  public ObjectEntry compose(String requester, String bucket, String key, List<Source> sources,
      ObjectMetadata metadata, WriteCondition condition, RequestedAcl acl) throws IOException {
    if (sources.isEmpty() || sources.size() > MAX_SOURCES) {
      throw new ObjectServiceException(ObjectError.INVALID_REQUEST,
          "A compose request must name 1 to " + MAX_SOURCES + " source objects, not "
              + sources.size());
    }
    Bucket target = objects.bucket(requester, bucket, Permission.WRITE);
    String owner = requester != null ? requester : target.owner();
    Acl grants = acl.resolve(owner, target.owner());
    objects.checkGrantees(grants);
    ObjectCatalog catalog = objects.catalog();
    List<Splice.Slice> slices = new ArrayList<>(sources.size());
    long total = 0;
    for (Source s : sources) {
      ObjectEntry entry = resolve(requester, bucket, s);
      long offset = 0;
      long length = entry.size();
      if (s.ranged()) {
        if (s.last() < s.first() || s.last() >= entry.size()) {
          throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT, "The range bytes="
              + s.first() + "-" + s.last() + " of " + s.key() + " is outside its "
              + entry.size() + " bytes");
        }
        offset = s.first();
        length = s.last() - s.first() + 1;
      }
      total += length;
      if (total > MAX_SIZE) {
        throw new ObjectServiceException(ObjectError.ENTITY_TOO_LARGE,
            "A composed object may not exceed " + MAX_SIZE + " bytes");
      }
      slices.add(new Splice.Slice(entry, offset, length));
    }
    condition.checkEarly(catalog, bucket, key);
    String etag = etag(slices);
    Blob blob = Splice.of(objects, slices);
    ObjectEntry entry = new ObjectEntry(bucket, key, owner, blob.blobId(), total, etag,
        objects.now(), metadata, null, slices.stream().map(Splice.Slice::length).toList())
        .withAcl(grants);
    return VersionCommit.commit(objects, entry, condition);
  }

  private ObjectEntry resolve(String requester, String bucket, Source s) throws IOException {
    ObjectEntry entry = new ObjectVersions(objects).read(requester, bucket, s.key(),
        s.versionId(), Permission.READ);
    if (entry.deleteMarker()) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_KEY, s.key());
    }
    if (entry.encryption() != null) {
      // Its linked ciphertext would not read as plain text in the composed object.
      throw new ObjectServiceException(ObjectError.INVALID_REQUEST,
          "Server-side encrypted objects cannot be composed: " + s.key());
    }
    if (s.ifMatch() != null && !EntityTags.match(s.ifMatch(), entry.etag())) {
      throw new ObjectServiceException(ObjectError.PRECONDITION_FAILED,
          "The ETag of " + s.key() + " is not " + s.ifMatch());
    }
    return entry;
  }

  private String etag(List<Splice.Slice> slices) throws IOException {
    MessageDigest md5s = BlobWriter.md5();
    for (Splice.Slice s : slices) {
      String digest = s.offset() == 0 && s.length() == s.source().size()
          ? digestOf(s.source().etag()) : null;
      if (digest == null) {
        digest = MultipartService.md5Hex(ObjectBytes.open(objects, s.source()), s.offset(), s.length());
      }
      md5s.update(HexFormat.of().parseHex(digest));
    }
    return HexFormat.of().formatHex(md5s.digest()) + "-" + slices.size();
  }

  /** The 32 hex digits an ETag is made of ({@code md5} or {@code md5-N}), or null if not that. */
  private static String digestOf(String etag) {
    int dash = etag.indexOf('-');
    String hex = dash < 0 ? etag : etag.substring(0, dash);
    return hex.length() == 32 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)
        ? hex : null;
  }
}
