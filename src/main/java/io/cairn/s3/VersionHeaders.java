package io.cairn.s3;

import io.cairn.objects.ObjectEntry;
import io.cairn.objects.ObjectVersions;

/**
 * How object versions show in S3 responses: the {@code x-amz-version-id} header, and the answers
 * for a delete marker where an object was expected.
 */
final class VersionHeaders {
  static final String VERSION_ID = "x-amz-version-id";
  static final String DELETE_MARKER = "x-amz-delete-marker";

  private VersionHeaders() {}

  /**
   * Sets {@code x-amz-version-id} for a version a request stored or read. The {@code "null"}
   * version is named only when the request named it: S3 sends no version id for objects written
   * while versioning was off or suspended.
   */
  static void versionId(S3Exchange x, ObjectEntry entry, boolean named) {
    String id = entry.versionId();
    if (id != null && (named || !id.equals(ObjectVersions.NULL_VERSION))) {
      x.header(VERSION_ID, id);
    }
  }

  /**
   * {@code entry} if it is an object version, else the error S3 answers for a delete marker:
   * 404 NoSuchKey when it is the latest version of the key, 405 MethodNotAllowed when the request
   * named its version id; both with {@code x-amz-delete-marker: true} and the marker's version id.
   */
  static ObjectEntry readable(ObjectEntry entry, boolean named) {
    if (!entry.deleteMarker()) {
      return entry;
    }
    S3Exception e = named ? new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED)
        .withHeader("Last-Modified", S3Exchange.HTTP_DATE.format(entry.lastModified()))
        : new S3Exception(S3ErrorCode.NO_SUCH_KEY);
    throw e.withHeader(DELETE_MARKER, "true").withHeader(VERSION_ID, entry.versionId());
  }

  /**
   * The source of a copy: S3 refuses a delete marker named by version id (InvalidRequest) and
   * answers NoSuchKey when the source key's latest version is one.
   */
  static ObjectEntry copySource(ObjectEntry entry, boolean named) {
    if (!entry.deleteMarker()) {
      return entry;
    }
    if (named) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          "The source of a copy request may not specifically refer to a delete marker by version"
              + " id.");
    }
    throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
  }
}
