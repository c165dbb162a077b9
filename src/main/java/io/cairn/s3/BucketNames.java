package io.cairn.s3;

import java.util.regex.Pattern;

/** The S3 bucket naming rules ("Bucket naming rules", general purpose buckets). */
public final class BucketNames {
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private BucketNames() {}

  public static boolean isValid(String name) {
    return name != null
        && SHAPE.matcher(name).matches()
        && !name.contains("..")
        && !name.contains(".-")
        && !name.contains("-.")
        && !IP.matcher(name).matches()
        && !name.startsWith("xn--")
        && !name.startsWith("sthree-")
        && !name.endsWith("-s3alias")
        && !name.endsWith("--ol-s3");
  }

  /** InvalidBucketName unless {@link #isValid}. */
  public static void check(String name) {
    if (!isValid(name)) {
      throw new S3Exception(S3ErrorCode.INVALID_BUCKET_NAME,
          "The specified bucket is not valid: " + name);
    }
  }
}
