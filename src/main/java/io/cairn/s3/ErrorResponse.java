package io.cairn.s3;

import io.cairn.objects.ObjectError;
import io.cairn.objects.ObjectServiceException;

/** The one way S3 errors are rendered: {@code <Error>} XML with the code's HTTP status. */
public final class ErrorResponse {
  private ErrorResponse() {}

  public static byte[] render(S3Exception e, String resource, String requestId) {
    return XmlDocument.plain("Error")
        .element("Code", e.code().code())
        .element("Message", e.getMessage())
        .element("Resource", resource)
        .element("RequestId", requestId)
        .finish();
  }

  /** The S3 error for a refusal of the object service. */
  public static S3Exception from(ObjectServiceException e) {
    S3ErrorCode code = switch (e.error()) {
      case NO_SUCH_BUCKET -> S3ErrorCode.NO_SUCH_BUCKET;
      case NO_SUCH_KEY -> S3ErrorCode.NO_SUCH_KEY;
      case NO_SUCH_UPLOAD -> S3ErrorCode.NO_SUCH_UPLOAD;
      case BUCKET_ALREADY_EXISTS -> S3ErrorCode.BUCKET_ALREADY_EXISTS;
      case BUCKET_ALREADY_OWNED_BY_YOU -> S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU;
      case BUCKET_NOT_EMPTY -> S3ErrorCode.BUCKET_NOT_EMPTY;
      case ACCESS_DENIED -> S3ErrorCode.ACCESS_DENIED;
      case INVALID_PART -> S3ErrorCode.INVALID_PART;
      case INVALID_PART_ORDER -> S3ErrorCode.INVALID_PART_ORDER;
      case ENTITY_TOO_SMALL -> S3ErrorCode.ENTITY_TOO_SMALL;
      case ENTITY_TOO_LARGE -> S3ErrorCode.ENTITY_TOO_LARGE;
      case BAD_DIGEST -> S3ErrorCode.BAD_DIGEST;
      case PRECONDITION_FAILED -> S3ErrorCode.PRECONDITION_FAILED;
      case INVALID_ARGUMENT -> S3ErrorCode.INVALID_ARGUMENT;
      case NO_SUCH_VERSION -> S3ErrorCode.NO_SUCH_VERSION;
      case INVALID_TAG -> S3ErrorCode.INVALID_TAG;
      // S3 answers a wrong SSE-C key with 403; s3-tests (RGW) expect 400, as for a missing one.
      case INVALID_REQUEST, SSE_KEY_MISMATCH -> S3ErrorCode.INVALID_REQUEST;
      case KMS_KEY_NOT_FOUND -> S3ErrorCode.KMS_NOT_FOUND_EXCEPTION;
      case INVALID_BUCKET_STATE -> S3ErrorCode.INVALID_BUCKET_STATE;
      case OBJECT_LOCK_CONFIGURATION_NOT_FOUND ->
          S3ErrorCode.OBJECT_LOCK_CONFIGURATION_NOT_FOUND_ERROR;
      case NO_SUCH_OBJECT_LOCK_CONFIGURATION -> S3ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION;
    };
    boolean keepMessage = e.error() == ObjectError.INVALID_ARGUMENT
        || e.error() == ObjectError.INVALID_REQUEST || e.error() == ObjectError.SSE_KEY_MISMATCH
        || e.error() == ObjectError.KMS_KEY_NOT_FOUND || e.error() == ObjectError.INVALID_TAG
        || e.error() == ObjectError.INVALID_PART || e.error() == ObjectError.ENTITY_TOO_SMALL
        || e.error() == ObjectError.INVALID_BUCKET_STATE;
    return keepMessage ? new S3Exception(code, e.getMessage()) : new S3Exception(code);
  }
}
