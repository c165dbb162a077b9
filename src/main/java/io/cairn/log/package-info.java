/**
 * The segment log: where every byte Cairn stores goes, as checksummed records appended to segment
 * files on a {@link io.cairn.medium.Medium}. {@link io.cairn.log.RecordLog} is the contract,
 * {@link io.cairn.log.SegmentLog} the implementation ({@code SegmentLog.open(medium, config)}).
 *
 * <h2>On the medium</h2>
 *
 * <ul>
 *   <li>{@code seg-<id>.log}, id zero-padded to 16 digits and never reused: records back to back,
 *       each a 48-byte header (magic, format version, kind, owner, logical offset and length,
 *       sequence, payload length, header CRC32C), a table of one CRC32C per 4 KiB payload page
 *       (covered by the header CRC), then the payload. Byte layout in {@code RecordFormat}. A
 *       record never spans segments; a segment is rolled when the next record would pass the
 *       configured size.
 *   <li>{@code seg-<id>.seal}: 52 bytes written and synced when a segment is closed for appends
 *       (roll, clean close, or recovery): its valid length, record count and sequence range, with a
 *       CRC32C. Layout in {@code SegmentSeal}.
 * </ul>
 *
 * <h2>Recovery rules</h2>
 *
 * <ol>
 *   <li>A roll syncs the old segment, then writes and syncs its seal, and only then creates the next
 *       segment. Hence every segment but the newest has a valid seal whose length is durable; a
 *       missing or torn seal, or a file shorter than its seal, on an older segment is corruption
 *       ({@link io.cairn.log.CorruptRecordException} from open).
 *   <li>The newest segment without a valid seal is the one a crash interrupted. It is scanned, every
 *       header and page verified; its valid records end at the first torn, truncated or
 *       CRC-failing record. What follows was never acknowledged by a sync, so it is dropped: a seal
 *       recording the valid length is written and the log continues in a new segment. Nothing is
 *       ever appended after a torn tail (the medium is append-only), and bytes past a seal's length
 *       are never read.
 *   <li>{@code lastSequence()} continues from the highest sequence the log ever made durable: that of
 *       the kept records, or of the sequence floor if higher. The floor is the seal of a compacted
 *       segment that held sequences above every sealed segment left, kept without its segment
 *       until a sealed segment goes above it, so that numbers an owner may have checkpointed are
 *       never given out again.
 *   <li>Sealed segments are not rescanned at open (their seal carries the summary); a damaged
 *       record in one is reported by the read or scan that reaches it, never returned as data.
 *   <li>Compaction copies live records forward with their original sequence, syncs, has the owner
 *       repoint and persist, and deletes the old segment and then its seal. A crash before the
 *       delete leaves both copies, which scans report as duplicates of one sequence; a crash
 *       between the two deletes leaves an orphan seal, which the next open removes unless it is
 *       the floor.
 * </ol>
 *
 * <p>After a medium error while appending or syncing the log is fail-stop: appends and syncs throw
 * until it is reopened, which applies the rules above.
 */
package io.cairn.log;
