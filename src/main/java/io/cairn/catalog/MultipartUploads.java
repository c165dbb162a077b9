package io.cairn.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Multipart uploads and their parts. Upload ids are random (128 bits), so several servers never
 * collide. Every mutation is one transaction, durable when it returns. Safe for concurrent use.
 * Unknown upload ids fail with {@link NotFoundException} (S3 NoSuchUpload); a missing bucket with
 * {@link NotFoundException} too.
 */
public interface MultipartUploads {

  MultipartUpload create(String bucket, UploadDraft draft) throws CatalogException;

  Optional<MultipartUpload> find(String uploadId) throws CatalogException;

  /** @throws NotFoundException if there is no such upload */
  MultipartUpload get(String uploadId) throws CatalogException;

  /**
   * Records a part; a part with the same number is replaced and returned (its blob is the caller's
   * to delete).
   */
  Optional<Part> putPart(
      String uploadId, int partNumber, long blobId, long size, String etag, Checksum checksum)
      throws CatalogException;

  /** Parts in number order, numbers greater than {@code afterPartNumber}, at most {@code limit}. */
  List<Part> parts(String uploadId, int afterPartNumber, int limit) throws CatalogException;

  /**
   * Atomically stores the object (with {@link ObjectEntries#put} semantics) and removes the upload
   * and its parts: either both happen or neither.
   */
  Completion complete(String uploadId, ObjectDraft object) throws CatalogException;

  /** Removes the upload and its parts and returns the parts (their blobs are the caller's). */
  List<Part> abort(String uploadId) throws CatalogException;

  /**
   * In-progress uploads of a bucket with keys starting with {@code prefix}, after the position
   * given by the markers (S3 semantics: with only a key marker, starts after that key).
   */
  UploadListing list(
      String bucket, String prefix, String keyMarker, String uploadIdMarker, int maxUploads)
      throws CatalogException;
}
