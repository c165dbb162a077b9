package io.cairn.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 protocol error to send to the client. Unchecked because it crosses the handler stack once,
 * from where the problem is found to {@link S3Handler}, which renders it.
 */
public final class S3Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final S3ErrorCode code;
  /** Response headers the error carries (e.g. x-amz-delete-marker on a 404 for a delete marker). */
  private final Map<String, String> headers = new LinkedHashMap<>();

  public S3Exception(S3ErrorCode code) {
    this(code, code.message());
  }

  public S3Exception(S3ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public S3ErrorCode code() {
    return code;
  }

  /** Adds a header to send with the error; a null value adds nothing. Returns this. */
  public S3Exception withHeader(String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
    return this;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
