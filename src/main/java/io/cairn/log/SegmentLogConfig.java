package io.cairn.log;

/**
 * Sizes of a {@link SegmentLog}, validated once here and injected through its constructor.
 *
 * @param segmentSize bytes after which the log rolls to a new segment; a record never spans
 *     segments, so one record larger than this gets a segment of its own (default 256 MiB)
 * @param writeBufferSize bytes of appended records held in memory before they go to the medium in
 *     one large append; records larger than this go to the medium directly (default 4 MiB)
 */
public record SegmentLogConfig(long segmentSize, int writeBufferSize) {

  public static final long DEFAULT_SEGMENT_SIZE = 256L << 20;
  public static final int DEFAULT_WRITE_BUFFER_SIZE = 4 << 20;

  public SegmentLogConfig {
    if (segmentSize < 1024) {
      throw new IllegalArgumentException("segmentSize must be at least 1 KiB, got " + segmentSize);
    }
    if (writeBufferSize < 4096) {
      throw new IllegalArgumentException("writeBufferSize must be at least 4 KiB, got " + writeBufferSize);
    }
  }

  /** 256 MiB segments, a 4 MiB write buffer. */
  public static SegmentLogConfig defaults() {
    return new SegmentLogConfig(DEFAULT_SEGMENT_SIZE, DEFAULT_WRITE_BUFFER_SIZE);
  }

  public SegmentLogConfig withSegmentSize(long bytes) {
    return new SegmentLogConfig(bytes, writeBufferSize);
  }

  public SegmentLogConfig withWriteBufferSize(int bytes) {
    return new SegmentLogConfig(segmentSize, bytes);
  }
}
