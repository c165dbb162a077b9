package io.cairn.volumes;

/**
 * Why a volume operation was refused. Codes are EC2's, so the EC2 front end renders them as they
 * are and the REST API and CLI show the same words; {@link #httpStatus()} is what EC2 answers with.
 */
public enum VolumeError {
  INVALID_PARAMETER("InvalidParameterValue", 400),
  MISSING_PARAMETER("MissingParameter", 400),
  VOLUME_NOT_FOUND("InvalidVolume.NotFound", 400),
  SNAPSHOT_NOT_FOUND("InvalidSnapshot.NotFound", 400),
  ATTACHMENT_NOT_FOUND("InvalidAttachment.NotFound", 400),
  HOST_NOT_FOUND("InvalidHost.NotFound", 400),
  ZONE_NOT_FOUND("InvalidZone.NotFound", 400),
  INCORRECT_STATE("IncorrectState", 400),
  VOLUME_IN_USE("VolumeInUse", 400),
  ATTACHMENT_CONFLICT("VolumeInUse", 400),
  SIZE_TOO_SMALL("InvalidParameterValue", 400),
  INSUFFICIENT_CAPACITY("InsufficientVolumeCapacity", 400),
  UNAUTHORIZED("UnauthorizedOperation", 403),
  HOST_COMMAND_FAILED("IncorrectInstanceState", 400),
  INTERNAL("InternalError", 500);

  private final String code;
  private final int httpStatus;

  VolumeError(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
