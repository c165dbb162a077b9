package io.cairn.s3.auth;

import io.cairn.s3.S3ErrorCode;
import java.io.IOException;

/**
 * Thrown by a request body stream when what arrived fails a check (a chunk signature, a checksum,
 * the declared length). An {@link IOException} so that the storage code reading the body treats it
 * like any failed read: it stores nothing and cleans up.
 */
public final class PayloadRejectedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final S3ErrorCode code;

  public PayloadRejectedException(S3ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public S3ErrorCode code() {
    return code;
  }
}
