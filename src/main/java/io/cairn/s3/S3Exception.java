package io.cairn.s3;

/**
 * An S3 protocol error to send to the client. Unchecked because it crosses the handler stack once,
 * from where the problem is found to {@link S3Handler}, which renders it.
 */
public final class S3Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final S3ErrorCode code;

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
}
