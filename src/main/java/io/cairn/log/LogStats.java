package io.cairn.log;

/**
 * Counters of a {@link SegmentLog} since it was opened, for metrics. Each field is read atomically
 * on its own; the record as a whole is not a consistent snapshot.
 *
 * @param appends records appended by callers (compaction copies not included)
 * @param payloadBytes payload bytes of those records
 * @param recordBytes bytes written to segments, headers and compaction copies included
 * @param syncCalls calls to {@link RecordLog#sync()} (including compaction's own)
 * @param physicalSyncs syncs issued to the medium (group commit makes this far below syncCalls)
 * @param rolls segments sealed because they reached the configured size
 * @param compactions segments compacted and deleted
 * @param relocatedRecords live records copied forward by compaction
 * @param reclaimedBytes bytes freed by compaction (deleted segment bytes minus the copies' bytes)
 */
public record LogStats(
    long appends,
    long payloadBytes,
    long recordBytes,
    long syncCalls,
    long physicalSyncs,
    long rolls,
    long compactions,
    long relocatedRecords,
    long reclaimedBytes) {}
