package io.cairn.objects;

import static io.cairn.objects.MultipartService.MAX_PART_NUMBER;
import static io.cairn.objects.MultipartService.PART_HEADER;

import io.cairn.blob.Blob;
import io.cairn.blob.BlobRead;
import io.cairn.blob.BlobStore;
import io.cairn.objects.MultipartService.ChecksumComposer;
import io.cairn.objects.encryption.SseRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CompleteMultipartUpload: checks the named parts, links their bytes into the object's blob
 * (zero-copy; an encrypted part's counter block is recorded, its ciphertext linked as it is) and
 * commits the object and the upload's removal in one catalog transaction. Contract as {@link
 * MultipartService#complete}.
 */
final class UploadCompletion {
  private final MultipartService multipart;
  private final ObjectService objects;
  private final ObjectCatalog catalog;
  private final BlobStore blobs;
  private final long minPartSize;

  UploadCompletion(MultipartService multipart, ObjectService objects, long minPartSize) {
    this.multipart = multipart;
    this.objects = objects;
    this.catalog = objects.catalog();
    this.blobs = objects.blobs();
    this.minPartSize = minPartSize;
  }

  ObjectEntry complete(String owner, String bucket, String key, String uploadId,
      List<CompletedPart> requested, ChecksumComposer composer, String expectedChecksum,
      SseRequest presented) throws IOException {
    Upload upload;
    try {
      upload = multipart.upload(owner, bucket, key, uploadId);
    } catch (ObjectServiceException e) {
      if (e.error() != ObjectError.NO_SUCH_UPLOAD) {
        throw e;
      }
      return alreadyCompleted(bucket, key, requested).orElseThrow(() -> e);
    }
    boolean encrypted = objects.encryption().open(upload.encryption(), presented) != null;
    List<byte[]> ivs = new ArrayList<>();
    if (requested.isEmpty()) {
      throw new ObjectServiceException(ObjectError.INVALID_ARGUMENT,
          "You must specify at least one part");
    }
    Map<Integer, Part> stored = new HashMap<>();
    for (Part p : catalog.parts(uploadId, 0, MAX_PART_NUMBER)) {
      stored.put(p.number(), p);
    }
    List<Part> chosen = new ArrayList<>(requested.size());
    int previous = 0;
    for (CompletedPart r : requested) {
      if (r.number() <= previous) {
        throw new ObjectServiceException(ObjectError.INVALID_PART_ORDER,
            "The list of parts was not in ascending order.");
      }
      previous = r.number();
      Part p = stored.get(r.number());
      if (p == null || !p.etag().equals(unquote(r.etag()))) {
        throw new ObjectServiceException(ObjectError.INVALID_PART,
            "Part " + r.number() + " not found or its ETag differs");
      }
      chosen.add(p);
    }
    io.cairn.catalog.Checksum composite =
        composite(upload, requested, chosen, composer, expectedChecksum);
    for (int i = 0; i < chosen.size() - 1; i++) {
      if (chosen.get(i).size() < minPartSize) {
        throw new ObjectServiceException(ObjectError.ENTITY_TOO_SMALL,
            "Part " + chosen.get(i).number() + " is smaller than the minimum allowed size");
      }
    }
    Blob blob = blobs.create(0);
    MessageDigest md5s = BlobWriter.md5();
    long offset = 0;
    try {
      for (Part p : chosen) {
        BlobRead part = blobs.open(p.blobId());
        int header = 0;
        if (encrypted) {
          byte[] iv = new byte[PART_HEADER];
          part.read(0, ByteBuffer.wrap(iv));
          ivs.add(iv);
          header = PART_HEADER;
        }
        if (p.size() > 0) {
          blob.link(offset, part, header, p.size());
        }
        offset += p.size();
        md5s.update(HexFormat.of().parseHex(p.etag()));
      }
      blob.sync();
    } catch (IOException | RuntimeException e) {
      BlobWriter.deleteQuietly(blobs, blob.blobId());
      throw e;
    }
    ObjectEntry entry = new ObjectEntry(bucket, key, upload.owner(), blob.blobId(), offset,
        HexFormat.of().formatHex(md5s.digest()) + "-" + chosen.size(), objects.now(),
        upload.metadata(), composite, chosen.stream().map(Part::size).toList(), null, false,
        upload.acl(), upload.tags(), encrypted ? upload.encryption().withIvs(ivs) : null);
    ObjectLock lock = new ObjectLock(objects);
    ObjectLock.Requested asked = lock.requestOfUpload(uploadId);
    Optional<ObjectCatalog.Completion> done;
    try {
      done = catalog.completeUpload(uploadId, entry, lock.initialLock(bucket, asked));
    } catch (IOException | RuntimeException e) {
      BlobWriter.deleteAfterFailedCommit(blobs, blob.blobId(), e);
      throw e;
    }
    if (done.isEmpty()) {
      BlobWriter.deleteQuietly(blobs, blob.blobId());
      throw new ObjectServiceException(ObjectError.NO_SUCH_UPLOAD, uploadId);
    }
    // The object's blob now shares the parts' data, so the part blobs can go.
    done.get().parts().forEach(p -> BlobWriter.deleteQuietly(blobs, p.blobId()));
    done.get().stored().replaced().ifPresent(old -> objects.retirement().retire(old.blobId()));
    return done.get().stored().entry();
  }

  private static io.cairn.catalog.Checksum composite(Upload upload,
      List<CompletedPart> requested, List<Part> chosen, ChecksumComposer composer,
      String expected) throws ObjectServiceException {
    String algorithm = upload.checksumAlgorithm();
    if (algorithm == null || composer == null) {
      return null;
    }
    List<String> values = new ArrayList<>(chosen.size());
    for (int i = 0; i < chosen.size(); i++) {
      io.cairn.catalog.Checksum stored = chosen.get(i).checksum();
      String named = requested.get(i).checksum();
      // A part must have been stored with the upload's checksum; a Complete that repeats it
      // (as S3 asks) must repeat it exactly, one that omits it relies on the stored one.
      if (stored == null || !stored.algorithm().equalsIgnoreCase(algorithm)
          || (named != null && !named.strip().equals(stored.value()))) {
        throw new ObjectServiceException(ObjectError.BAD_DIGEST, "The " + algorithm
            + " checksum of part " + chosen.get(i).number() + " is missing or differs.");
      }
      values.add(stored.value());
    }
    String value = composer.compose(algorithm, values) + "-" + chosen.size();
    if (expected != null && !expected.strip().equals(value)) {
      throw new ObjectServiceException(ObjectError.BAD_DIGEST,
          "The " + algorithm + " checksum you specified did not match the parts' composite.");
    }
    return new io.cairn.catalog.Checksum(algorithm, value);
  }

  /**
   * A retried Complete (S3 answers it with success): the upload is gone, but the object under the
   * key is what completing these very parts made — its ETag, {@code md5(md5_1 .. md5_N)-N}, is
   * determined by the part ETags the request lists.
   */
  private Optional<ObjectEntry> alreadyCompleted(String bucket, String key,
      List<CompletedPart> requested) throws IOException {
    if (requested.isEmpty()) {
      return Optional.empty();
    }
    MessageDigest md5s = BlobWriter.md5();
    for (CompletedPart r : requested) {
      String etag = unquote(r.etag());
      if (etag.length() != 32) {
        return Optional.empty();
      }
      try {
        md5s.update(HexFormat.of().parseHex(etag));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    String expected = HexFormat.of().formatHex(md5s.digest()) + "-" + requested.size();
    return catalog.object(bucket, key).filter(o -> o.etag().equals(expected));
  }

  private static String unquote(String etag) {
    String e = etag.strip();
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      return e.substring(1, e.length() - 1);
    }
    return e;
  }}
