package io.cairn.log;

/**
 * What the log knows of one segment.
 *
 * @param id segment id (ids grow; the file name is derived from it)
 * @param bytes bytes in the segment including headers
 * @param records number of records
 * @param minSequence lowest record sequence in it (Long.MAX_VALUE if empty)
 * @param maxSequence highest record sequence in it (-1 if empty)
 * @param sealed true once the log rolled past it; only sealed segments are compacted
 */
public record SegmentInfo(long id, long bytes, long records, long minSequence, long maxSequence, boolean sealed) {}
