package io.cairn.log;

/**
 * The self-describing part of every record, stored in front of its payload and covered by its
 * CRC32C. It is what lets the blob layer rebuild extent maps from the log alone after a crash.
 *
 * @param kind what the record holds
 * @param owner the blob id (or 0 for store-wide records)
 * @param logicalOffset where in the owner's byte space the record applies
 * @param logicalLength how many logical bytes it covers (for {@link RecordKind#ZERO}, more than the
 *     empty payload)
 * @param sequence global, strictly increasing order of appends; kept unchanged when compaction
 *     copies the record, so replay in sequence order is the order in which writes happened
 * @param payloadLength bytes of payload after the header
 */
public record RecordHeader(
    RecordKind kind, long owner, long logicalOffset, long logicalLength, long sequence, int payloadLength) {}
