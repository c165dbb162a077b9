package io.cairn.s3;

/**
 * A satisfiable byte range of an object, from a {@code Range} header (RFC 9110 §14.1.2, single
 * range as S3 supports). {@code last} is inclusive.
 */
public record ByteRange(long first, long last) {

  public long length() {
    return last - first + 1;
  }

  /** {@code bytes first-last/size}, for Content-Range. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * The range a header asks of an object of {@code size} bytes; null for no header, a malformed
   * one or several ranges (S3 then serves the whole object); InvalidRange if it cannot be met.
   */
  public static ByteRange parse(String header, long size) {
    if (header == null) {
      return null;
    }
    String h = header.strip();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
      return null;
    }
    String spec = h.substring("bytes=".length()).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String a = spec.substring(0, dash).strip();
    String b = spec.substring(dash + 1).strip();
    try {
      if (a.isEmpty()) {
        if (b.isEmpty()) {
          return null;
        }
        long suffix = Long.parseLong(b);
        if (suffix <= 0 || size == 0) {
          throw unsatisfiable(size);
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
      if (first < 0 || (!b.isEmpty() && last < first)) {
        return null;
      }
      if (first >= size) {
        throw unsatisfiable(size);
      }
      return new ByteRange(first, Math.min(last, size - 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The range of an {@code x-amz-copy-source-range} ({@code bytes=first-last}, both required). */
  public static ByteRange parseCopySourceRange(String header, long size) {
    String h = header.strip();
    int dash = h.indexOf('-');
    if (!h.startsWith("bytes=") || dash < 0) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "The x-amz-copy-source-range value must be of the form bytes=first-last");
    }
    try {
      long first = Long.parseLong(h.substring(6, dash).strip());
      long last = Long.parseLong(h.substring(dash + 1).strip());
      if (first < 0 || last < first || last >= size) {
        throw new S3Exception(S3ErrorCode.INVALID_RANGE,
            "The requested range is not satisfiable: " + h + " of " + size + " bytes");
      }
      return new ByteRange(first, last);
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "The x-amz-copy-source-range value must be of the form bytes=first-last");
    }
  }

  private static S3Exception unsatisfiable(long size) {
    return new S3Exception(S3ErrorCode.INVALID_RANGE,
        "The requested range is not satisfiable (object size " + size + ")");
  }
}
