package io.cairn.objects;

/** Why an object-service operation was refused; each front end renders these its own way. */
public enum ObjectError {
  NO_SUCH_BUCKET,
  NO_SUCH_KEY,
  NO_SUCH_UPLOAD,
  BUCKET_ALREADY_EXISTS,
  BUCKET_ALREADY_OWNED_BY_YOU,
  BUCKET_NOT_EMPTY,
  ACCESS_DENIED,
  INVALID_PART,
  INVALID_PART_ORDER,
  ENTITY_TOO_SMALL,
  ENTITY_TOO_LARGE,
  BAD_DIGEST,
  PRECONDITION_FAILED,
  INVALID_ARGUMENT,
  /** A version id that names no version of the key (S3 NoSuchVersion). */
  NO_SUCH_VERSION,
  /** A tag set beyond S3's limits (S3 InvalidTag). */
  INVALID_TAG,
  /**
   * A request S3 calls invalid as a whole (e.g. a compose of no or too many sources, or one
   * inconsistent with the object's server-side encryption, such as a missing SSE-C key).
   */
  INVALID_REQUEST,
  /** An SSE-C key that is not the one the object (or upload) was encrypted with. */
  SSE_KEY_MISMATCH,
  /** An SSE-KMS key id the key ring does not hold. */
  KMS_KEY_NOT_FOUND,
  /** A request the bucket's state forbids (Object Lock without versioning, say). */
  INVALID_BUCKET_STATE,
  /** A bucket without an Object Lock configuration. */
  OBJECT_LOCK_CONFIGURATION_NOT_FOUND,
  /** An object version without the retention or legal hold asked for. */
  NO_SUCH_OBJECT_LOCK_CONFIGURATION
}
