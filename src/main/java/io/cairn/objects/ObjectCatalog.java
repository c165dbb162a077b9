package io.cairn.objects;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The metadata the object service keeps: buckets, objects and multipart uploads. The seam to the
 * catalog layer (JDBC on SQLite or PostgreSQL).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Durability</b>: every mutating method is durable when it returns.
 *   <li><b>Atomicity</b>: each method is one transaction; in particular {@link
 *       #deleteBucketIfEmpty} and {@link #completeUpload} keep their multi-row invariants against
 *       concurrent callers.
 *   <li><b>Order</b>: keys compare as UTF-8 byte strings, as S3 lists them.
 *   <li><b>Missing</b>: lookups return empty; mutations of missing rows say so in their result.
 *   <li><b>Thread safety</b>: safe for concurrent use.
 *   <li>Failures of the store itself are {@link IOException}s.
 * </ul>
 */
public interface ObjectCatalog {

  /** Creates a bucket; false (and no change) if the name is taken by anyone. */
  boolean createBucket(Bucket bucket) throws IOException;

  Optional<Bucket> bucket(String name) throws IOException;

  /** Buckets owned by {@code owner}, by name. */
  List<Bucket> buckets(String owner) throws IOException;

  /** The outcome of {@link #deleteBucketIfEmpty}. */
  enum BucketDeletion { DELETED, NOT_FOUND, NOT_EMPTY }

  /** Deletes a bucket that holds no object and no multipart upload. */
  BucketDeletion deleteBucketIfEmpty(String name) throws IOException;

  Optional<ObjectEntry> object(String bucket, String key) throws IOException;

  /** Inserts or replaces the entry for (bucket, key); returns the replaced one. */
  Optional<ObjectEntry> putObject(ObjectEntry entry) throws IOException;

  /** Removes the entry; returns it, or empty if there was none. */
  Optional<ObjectEntry> deleteObject(String bucket, String key) throws IOException;

  /** Up to {@code limit} entries whose key starts with {@code prefix} and sorts after {@code after} (null: from the start), in key order. */
  List<ObjectEntry> listObjects(String bucket, String prefix, String after, int limit)
      throws IOException;

  /** Records a new upload (its id is unique). */
  void createUpload(Upload upload) throws IOException;

  Optional<Upload> upload(String uploadId) throws IOException;

  /**
   * Records a part (replacing one with the same number) if the upload still exists. Returns the
   * replaced part; throws {@link ObjectServiceException} NO_SUCH_UPLOAD if the upload is gone.
   */
  Optional<Part> putPart(String uploadId, Part part) throws IOException;

  /** Up to {@code limit} parts numbered above {@code afterNumber}, by number. */
  List<Part> parts(String uploadId, int afterNumber, int limit) throws IOException;

  /**
   * Up to {@code limit} uploads of a bucket whose key starts with {@code prefix}, ordered by (key, id),
   * after the position ({@code afterKey}, {@code afterId}); null = start. An upload
   * with key == afterKey is included only if afterId is non-null and its id sorts after afterId.
   */
  List<Upload> uploads(String bucket, String prefix, String afterKey, String afterId, int limit)
      throws IOException;

  /** Removes an upload and its parts; returns the removed parts, or empty if there was no upload. */
  Optional<List<Part>> deleteUpload(String uploadId) throws IOException;

  /** The outcome of {@link #completeUpload}: the removed parts and the replaced object, if any. */
  record Completion(List<Part> parts, Optional<ObjectEntry> replaced) {}

  /**
   * In one transaction: removes the upload and its parts and puts {@code entry}. Empty if the
   * upload no longer exists (nothing changed).
   */
  Optional<Completion> completeUpload(String uploadId, ObjectEntry entry) throws IOException;
}
