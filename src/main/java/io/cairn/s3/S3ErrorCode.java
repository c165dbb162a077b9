package io.cairn.s3;

/**
 * The S3 errors Cairn answers with, each with the HTTP status and message AWS uses, so that every
 * error renders the same way ({@link S3Exception}, {@link ErrorResponse}).
 */
public enum S3ErrorCode {
  ACCESS_DENIED(403, "Access Denied"),
  ACCESS_FORBIDDEN(403, "Access Forbidden"),
  BAD_REQUEST(400, "Bad Request"),
  BAD_DIGEST(400, "The Content-MD5 or checksum you specified did not match what was received."),
  BUCKET_ALREADY_EXISTS(409,
      "The requested bucket name is not available. The bucket namespace is shared by all users of"
          + " the system. Please select a different name and try again."),
  BUCKET_ALREADY_OWNED_BY_YOU(409,
      "Your previous request to create the named bucket succeeded and you already own it."),
  BUCKET_NOT_EMPTY(409, "The bucket you tried to delete is not empty"),
  ENTITY_TOO_LARGE(400, "Your proposed upload exceeds the maximum allowed size"),
  ENTITY_TOO_SMALL(400, "Your proposed upload is smaller than the minimum allowed object size."),
  INCOMPLETE_BODY(400, "You did not provide the number of bytes specified by the Content-Length"
      + " HTTP header."),
  INTERNAL_ERROR(500, "We encountered an internal error. Please try again."),
  INVALID_ACCESS_KEY_ID(403,
      "The AWS Access Key Id you provided does not exist in our records."),
  INVALID_ARGUMENT(400, "Invalid Argument"),
  INVALID_BUCKET_NAME(400, "The specified bucket is not valid."),
  INVALID_DIGEST(400, "The Content-MD5 you specified is not valid."),
  INVALID_ENCRYPTION_ALGORITHM_ERROR(400,
      "The encryption request you specified is not valid. The valid value is AES256."),
  KMS_NOT_FOUND_EXCEPTION(400, "Invalid keyId"),
  INVALID_BUCKET_STATE(409, "The request is not valid with the current state of the bucket."),
  INVALID_POLICY_DOCUMENT(400, "The content of the form does not meet the conditions specified in"
      + " the policy document."),
  INVALID_PART(400, "One or more of the specified parts could not be found. The part may not have"
      + " been uploaded, or the specified entity tag may not match the part's entity tag."),
  INVALID_PART_ORDER(400, "The list of parts was not in ascending order. Parts must be ordered by"
      + " part number."),
  INVALID_RANGE(416, "The requested range is not satisfiable"),
  INVALID_REQUEST(400, "Invalid Request"),
  INVALID_RETENTION_PERIOD(400, "The retention period must be a positive whole number."),
  MALFORMED_XML(400, "The XML you provided was not well-formed or did not validate against our"
      + " published schema."),
  MALFORMED_ACL_ERROR(400, "The XML you provided was not well-formed or did not validate against"
      + " our published schema."),
  MALFORMED_POST_REQUEST(400,
      "The body of your POST request is not well-formed multipart/form-data."),
  MALFORMED_TRAILER_ERROR(400, "The request contained trailing data that was not well-formed."),
  METHOD_NOT_ALLOWED(405, "The specified method is not allowed against this resource."),
  MISSING_CONTENT_LENGTH(411, "You must provide the Content-Length HTTP header."),
  MISSING_SECURITY_HEADER(400, "Your request was missing a required header."),
  NO_SUCH_BUCKET(404, "The specified bucket does not exist"),
  NO_SUCH_BUCKET_POLICY(404, "The bucket policy does not exist"),
  NO_SUCH_CORS_CONFIGURATION(404, "The CORS configuration does not exist"),
  NO_SUCH_LIFECYCLE_CONFIGURATION(404, "The lifecycle configuration does not exist"),
  NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION(404,
      "The public access block configuration was not found"),
  NO_SUCH_OBJECT_LOCK_CONFIGURATION(404,
      "The specified object does not have a ObjectLock configuration"),
  NO_SUCH_TAG_SET(404, "The TagSet does not exist"),
  NO_SUCH_WEBSITE_CONFIGURATION(404, "The specified bucket does not have a website configuration"),
  OBJECT_LOCK_CONFIGURATION_NOT_FOUND_ERROR(404,
      "Object Lock configuration does not exist for this bucket"),
  OWNERSHIP_CONTROLS_NOT_FOUND_ERROR(404, "The bucket ownership controls were not found"),
  REPLICATION_CONFIGURATION_NOT_FOUND_ERROR(404, "The replication configuration was not found"),
  SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND_ERROR(404,
      "The server side encryption configuration was not found"),
  NO_SUCH_KEY(404, "The specified key does not exist."),
  NO_SUCH_VERSION(404, "The specified version does not exist."),
  INVALID_TAG(400, "The tag provided was not a valid tag."),
  ILLEGAL_VERSIONING_CONFIGURATION_EXCEPTION(400,
      "The Versioning element must be specified"),
  NO_SUCH_UPLOAD(404, "The specified upload does not exist. The upload ID may be invalid, or the"
      + " upload may have been aborted or completed."),
  UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS(400,
      "The e-mail address you provided does not match any account on record."),
  NOT_IMPLEMENTED(501, "A header you provided implies functionality that is not implemented."),
  NOT_MODIFIED(304, "Not Modified"),
  PRECONDITION_FAILED(412, "At least one of the preconditions you specified did not hold."),
  REQUEST_TIME_TOO_SKEWED(403,
      "The difference between the request time and the server's time is too large."),
  SIGNATURE_DOES_NOT_MATCH(403, "The request signature we calculated does not match the signature"
      + " you provided. Check your key and signing method."),
  AUTHORIZATION_QUERY_PARAMETERS_ERROR(400, "Error parsing the X-Amz-Credential parameter."),
  EXPIRED_TOKEN(400, "The provided token has expired."),
  X_AMZ_CONTENT_SHA256_MISMATCH(400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.");

  private final int status;
  private final String message;
  private final String code;

  S3ErrorCode(int status, String message) {
    this.status = status;
    this.message = message;
    this.code = camel(name());
  }

  /** The code as S3 spells it in the {@code <Code>} element, e.g. {@code NoSuchBucket}. */
  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String message() {
    return message;
  }

  private static String camel(String constant) {
    switch (constant) {
      case "X_AMZ_CONTENT_SHA256_MISMATCH" -> {
        return "XAmzContentSHA256Mismatch";
      }
      case "MALFORMED_XML" -> {
        return "MalformedXML";
      }
      case "NO_SUCH_CORS_CONFIGURATION" -> {
        return "NoSuchCORSConfiguration";
      }
      case "MALFORMED_POST_REQUEST" -> {
        return "MalformedPOSTRequest";
      }
      case "MALFORMED_ACL_ERROR" -> {
        return "MalformedACLError";
      }
      case "KMS_NOT_FOUND_EXCEPTION" -> {
        return "KMS.NotFoundException";
      }
      default -> { }
    }
    StringBuilder out = new StringBuilder();
    for (String word : constant.split("_")) {
      out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }
}
