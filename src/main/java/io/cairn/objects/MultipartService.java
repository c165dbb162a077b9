package io.cairn.objects;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobRead;
import io.cairn.blob.BlobStore;
import io.cairn.catalog.Acl;
import io.cairn.catalog.Acl.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.cairn.objects.encryption.ObjectCipher;
import io.cairn.objects.encryption.ObjectEncryption;
import io.cairn.objects.encryption.PlaintextReader;
import io.cairn.objects.encryption.SseRequest;

/**
 * S3 multipart uploads. Each part is a blob of its own; completion makes the object's blob link
 * the parts' data in order, so no part byte is written twice. Same durability, failure and access
 * rules as {@link ObjectService}: creating an upload, its parts, completing and aborting it need
 * WRITE on the bucket, listing a bucket's uploads READ on it, listing an upload's parts WRITE on
 * the bucket or being the upload's initiator (S3: the initiator may always list its parts); a copy
 * part needs READ on its source object. The completed object belongs to the upload's initiator
 * (the bucket's owner for an anonymous one) and gets the ACL the upload was created with.
 * Thread safe.
 */
public final class MultipartService {
  public static final int MAX_PART_NUMBER = 10_000;
  public static final long MAX_PART_SIZE = 5L << 30;
  /** The counter block an encrypted part's blob starts with. */
  static final int PART_HEADER = 16;

  private final ObjectService objects;
  private final ObjectCatalog catalog;
  private final BlobStore blobs;
  private final long minPartSize;
  private final UploadCompletion completion;

  /**
   * @param minPartSize the least size of every part but the last (S3: 5 MiB)
   */
  public MultipartService(ObjectService objects, long minPartSize) {
    this.objects = objects;
    this.catalog = objects.catalog();
    this.blobs = objects.blobs();
    this.minPartSize = minPartSize;
    this.completion = new UploadCompletion(this, objects, minPartSize);
  }

  public Upload create(String owner, String bucket, String key, ObjectMetadata metadata)
      throws IOException {
    return create(owner, bucket, key, metadata, null);
  }

  /** @param checksumAlgorithm the additional checksum every part carries (e.g. SHA256), or null */
  public Upload create(String owner, String bucket, String key, ObjectMetadata metadata,
      String checksumAlgorithm) throws IOException {
    return create(owner, bucket, key, metadata, checksumAlgorithm, RequestedAcl.PRIVATE, Map.of(),
        SseRequest.NONE);
  }

  /**
   * Creates an upload whose object will get the grants {@code acl} asks for and {@code tags}.
   *
   * @param sse the encryption of the object to be (as for a PUT: else the bucket's default);
   *     every part is encrypted with the upload's data key under its own counter block
   */
  public Upload create(String requester, String bucket, String key, ObjectMetadata metadata,
      String checksumAlgorithm, RequestedAcl acl, Map<String, String> tags, SseRequest sse)
      throws IOException {
    Bucket target = objects.bucket(requester, bucket, Permission.WRITE);
    String owner = requester != null ? requester : target.owner();
    Acl grants = acl.resolve(owner, target.owner());
    objects.checkGrantees(grants);
    ObjectEncryption.Sealed sealed = objects.encryption().seal(bucket, sse);
    return catalog.createUpload(bucket, key, owner, metadata, checksumAlgorithm, grants, tags,
        sealed == null ? null : sealed.encryption());
  }

  /**
   * How the checksum of a multipart object is made from its parts' (S3 "composite" checksums):
   * given the upload's algorithm and the parts' base64 checksums in order, the base64 checksum of
   * their concatenated decoded bytes.
   */
  @FunctionalInterface
  public interface ChecksumComposer {
    String compose(String algorithm, List<String> partChecksums);
  }

  /**
   * The upload, if it belongs to this bucket and key and {@code requester} holds WRITE on the
   * bucket: NO_SUCH_UPLOAD or ACCESS_DENIED otherwise.
   */
  public Upload upload(String requester, String bucket, String key, String uploadId)
      throws IOException {
    objects.bucket(requester, bucket, Permission.WRITE);
    return existing(bucket, key, uploadId);
  }

  private Upload existing(String bucket, String key, String uploadId) throws IOException {
    Optional<Upload> upload = catalog.upload(uploadId);
    if (upload.isEmpty() || !upload.get().bucket().equals(bucket)
        || !upload.get().key().equals(key)) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_UPLOAD, uploadId);
    }
    return upload.get();
  }

  public Part uploadPart(String owner, String bucket, String key, String uploadId,
      int partNumber, InputStream body, long lengthHint, byte[] contentMd5) throws IOException {
    return uploadPart(owner, bucket, key, uploadId, partNumber, body, lengthHint, contentMd5,
        () -> null);
  }

  /**
   * Stores a part; {@code checksum} is the additional checksum the body was verified against,
   * asked once the body ended (it may give null).
   */
  public Part uploadPart(String owner, String bucket, String key, String uploadId,
      int partNumber, InputStream body, long lengthHint, byte[] contentMd5,
      java.util.function.Supplier<io.cairn.catalog.Checksum> checksum) throws IOException {
    return uploadPart(owner, bucket, key, uploadId, partNumber, body, lengthHint, contentMd5,
        checksum, SseRequest.NONE);
  }

  /**
   * Stores a part of an upload that may be encrypted: {@code presented} is the SSE-C key the
   * request carries, which must be the upload's if it has one. An encrypted part's blob holds its
   * counter block, then its ciphertext.
   */
  public Part uploadPart(String owner, String bucket, String key, String uploadId,
      int partNumber, InputStream body, long lengthHint, byte[] contentMd5,
      java.util.function.Supplier<io.cairn.catalog.Checksum> checksum, SseRequest presented)
      throws IOException {
    checkPartNumber(partNumber);
    Upload upload = upload(owner, bucket, key, uploadId);
    byte[] dataKey = objects.encryption().open(upload.encryption(), presented);
    byte[] iv = dataKey == null ? null : objects.encryption().newIv();
    BlobWriter.Written written = dataKey == null
        ? BlobWriter.write(blobs, body, lengthHint, MAX_PART_SIZE)
        : BlobWriter.write(blobs, body, lengthHint, MAX_PART_SIZE, iv, sealer(dataKey, iv));
    BlobWriter.checkDigest(blobs, written, contentMd5);
    String etag = dataKey == null ? HexFormat.of().formatHex(written.md5())
        : ObjectEncryption.etag(upload.encryption(), dataKey, written.md5());
    Part part = commitPart(uploadId, new Part(partNumber, written.blob().blobId(),
        written.size(), etag, objects.now(), checksum.get()));
    return dataKey == null ? part : part.withEncryption(upload.encryption());
  }

  private static BlobWriter.Seal sealer(byte[] dataKey, byte[] iv) {
    ObjectCipher cipher = new ObjectCipher(dataKey, List.of(iv), null);
    return (position, buffer, length) -> cipher.apply(position, buffer, 0, length);
  }

  /**
   * A part made of [offset, offset+length) of an existing object, linked not copied. Its ETag is
   * the MD5 of those bytes, which are read (not written) to compute it — unless the range is a
   * whole single-part object, whose ETag already is that MD5.
   */
  public Part uploadPartCopy(String owner, String bucket, String key, String uploadId,
      int partNumber, ObjectEntry source, long offset, long length) throws IOException {
    return uploadPartCopy(owner, bucket, key, uploadId, partNumber, source, offset, length,
        SseRequest.NONE, SseRequest.NONE);
  }

  /**
   * {@link #uploadPartCopy(String, String, String, String, int, ObjectEntry, long, long)} where
   * the source or the upload may be encrypted: {@code sourceSse} presents the source's SSE-C key,
   * {@code presented} the upload's. Unless both are plain text the bytes are decrypted and
   * re-encrypted (a data copy) and the ETag is the part's as for an UploadPart.
   */
  public Part uploadPartCopy(String owner, String bucket, String key, String uploadId,
      int partNumber, ObjectEntry source, long offset, long length, SseRequest sourceSse,
      SseRequest presented) throws IOException {
    checkPartNumber(partNumber);
    Upload upload = upload(owner, bucket, key, uploadId);
    byte[] sourceKey = objects.encryption().open(source.encryption(), sourceSse);
    byte[] dataKey = objects.encryption().open(upload.encryption(), presented);
    if (sourceKey != null || dataKey != null) {
      try (InputStream body = sourceKey == null
          ? new PlaintextReader(ObjectBytes.open(objects, source), 0, null, offset, length)
          : ObjectBytes.plaintext(objects, source, sourceKey, offset, length)) {
        return uploadPart(owner, bucket, key, uploadId, partNumber, body, length, null,
            () -> null, presented);
      }
    }
    BlobRead src = ObjectBytes.open(objects, source);
    Blob blob = blobs.create(0);
    String etag;
    try {
      if (src instanceof InlineBlob inline) {
        inline.copyTo(blob, 0, offset, length); // no blob to link: its few bytes are written
      } else {
        blob.link(0, src, offset, length);
      }
      blob.sync();
      boolean whole = offset == 0 && length == source.size() && !source.etag().contains("-");
      etag = whole ? source.etag() : md5Hex(src, offset, length);
    } catch (IOException | RuntimeException e) {
      BlobWriter.deleteQuietly(blobs, blob.blobId());
      throw e;
    }
    return commitPart(uploadId,
        new Part(partNumber, blob.blobId(), length, etag, objects.now()));
  }

  private Part commitPart(String uploadId, Part part) throws IOException {
    Optional<Part> replaced;
    try {
      replaced = catalog.putPart(uploadId, part);
    } catch (IOException | RuntimeException e) {
      BlobWriter.deleteAfterFailedCommit(blobs, part.blobId(), e);
      throw e;
    }
    // A completion running now may be linking the replaced part: let it finish first.
    replaced.ifPresent(old -> objects.retirement().retire(old.blobId()));
    return part;
  }

  /**
   * Completes an upload from the named parts: INVALID_PART_ORDER if not strictly ascending,
   * INVALID_PART if a part is missing or its ETag differs, ENTITY_TOO_SMALL if a part other than
   * the last is below the minimum size. The ETag is {@code hex(md5(md5_1 .. md5_N))-N}.
   */
  public ObjectEntry complete(String owner, String bucket, String key, String uploadId,
      List<CompletedPart> requested) throws IOException {
    return complete(owner, bucket, key, uploadId, requested, null, null);
  }

  /**
   * {@link #complete(String, String, String, String, List)} for uploads with a checksum
   * algorithm too: every named part must have a stored checksum, which the request may repeat
   * (exactly), the object's checksum is the
   * composite {@code composer(part checksums)-N}, and {@code expectedChecksum} (the client's
   * composite, null if none) must equal it; BAD_DIGEST otherwise.
   */
  public ObjectEntry complete(String owner, String bucket, String key, String uploadId,
      List<CompletedPart> requested, ChecksumComposer composer, String expectedChecksum)
      throws IOException {
    return complete(owner, bucket, key, uploadId, requested, composer, expectedChecksum,
        SseRequest.NONE);
  }

  /**
   * {@link #complete(String, String, String, String, List, ChecksumComposer, String)} of an
   * upload that may be encrypted: {@code presented} must carry the upload's SSE-C key if it has
   * one. The object records each part's counter block (read from the part blob's head) and links
   * the parts' ciphertext as it is.
   */
  public ObjectEntry complete(String owner, String bucket, String key, String uploadId,
      List<CompletedPart> requested, ChecksumComposer composer, String expectedChecksum,
      SseRequest presented) throws IOException {
    return completion.complete(owner, bucket, key, uploadId, requested, composer,
        expectedChecksum, presented);
  }

  public void abort(String owner, String bucket, String key, String uploadId) throws IOException {
    upload(owner, bucket, key, uploadId);
    Optional<List<Part>> parts = catalog.deleteUpload(uploadId);
    if (parts.isEmpty()) {
      throw new ObjectServiceException(ObjectError.NO_SUCH_UPLOAD, uploadId);
    }
    parts.get().forEach(p -> BlobWriter.deleteQuietly(blobs, p.blobId()));
  }

  public PartListing listParts(String owner, String bucket, String key, String uploadId,
      int afterNumber, int maxParts) throws IOException {
    Bucket b = catalog.bucket(bucket).orElseThrow(
        () -> new ObjectServiceException(ObjectError.NO_SUCH_BUCKET, bucket));
    boolean writer = Access.allows(owner, b, Permission.WRITE);
    Upload upload = existing(bucket, key, uploadId);
    if (!writer && (owner == null || !owner.equals(upload.owner()))) {
      throw new ObjectServiceException(ObjectError.ACCESS_DENIED, uploadId);
    }
    List<Part> parts = catalog.parts(uploadId, afterNumber, maxParts + 1);
    boolean truncated = parts.size() > maxParts;
    if (truncated) {
      parts = parts.subList(0, maxParts);
    }
    int next = parts.isEmpty() ? afterNumber : parts.get(parts.size() - 1).number();
    return new PartListing(upload, List.copyOf(parts), truncated, next);
  }

  /** Uploads in progress in a bucket, rolled up at {@code delimiter} like object listings. */
  public UploadListing listUploads(String owner, String bucket, String prefix, String delimiter,
      String keyMarker, String uploadIdMarker, int maxUploads) throws IOException {
    objects.bucket(owner, bucket, Permission.READ);
    String p = prefix == null ? "" : prefix;
    String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    List<Upload> uploads = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String afterKey = keyMarker == null || keyMarker.isEmpty() ? null : keyMarker;
    String afterId = afterKey == null || uploadIdMarker == null || uploadIdMarker.isEmpty()
        ? null : uploadIdMarker;
    String lastPrefix = null;
    while (true) {
      List<Upload> page = catalog.uploads(bucket, p, afterKey, afterId, 1000);
      for (Upload u : page) {
        afterKey = u.key();
        afterId = u.id();
        if (lastPrefix != null && u.key().startsWith(lastPrefix)) {
          continue;
        }
        if (uploads.size() + prefixes.size() == maxUploads) {
          Upload last = uploads.isEmpty() ? null : uploads.get(uploads.size() - 1);
          return new UploadListing(uploads, prefixes, true,
              last == null ? lastPrefix : last.key(), last == null ? null : last.id());
        }
        int i = d == null ? -1 : u.key().indexOf(d, p.length());
        if (i >= 0) {
          lastPrefix = u.key().substring(0, i + d.length());
          prefixes.add(lastPrefix);
        } else {
          uploads.add(u);
        }
      }
      if (page.size() < 1000) {
        return new UploadListing(uploads, prefixes, false, null, null);
      }
    }
  }

  private static void checkPartNumber(int partNumber) throws ObjectServiceException {
    if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT,
          "Part number must be an integer between 1 and " + MAX_PART_NUMBER + ", inclusive");
    }
  }



  static String md5Hex(BlobRead src, long offset, long length) throws IOException {
    MessageDigest md5 = BlobWriter.md5();
    byte[] buffer = new byte[(int) Math.min(BlobWriter.CHUNK, Math.max(length, 1))];
    ByteBuffer bb = ByteBuffer.wrap(buffer);
    for (long pos = offset; pos < offset + length; ) {
      int n = (int) Math.min(buffer.length, offset + length - pos);
      bb.clear().limit(n);
      src.read(pos, bb);
      md5.update(buffer, 0, n);
      pos += n;
    }
    return HexFormat.of().formatHex(md5.digest());
  }
}
