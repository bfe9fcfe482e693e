package dev.subtitles.common.projection;

/**
 * One event of a job's history as the projection holds it: its per-job sequence number and the history entry JSON
 * (docs/projection.md), kept as text so that it travels exactly as PostgreSQL built it: the member of the job's
 * history sorted set, the message on the pub/sub channel, and what the manager's audit trail and live routes return.
 *
 * @param seq the event's number in its job's history, given when it was first recorded
 * @param json {@code {"jobId", "seq", "id", "type", "time", "source", "data"}}, in that order
 */
public record HistoryEntry(long seq, String json) {

    /**
     * The SQL expression that builds the entry's JSON from a row of {@code job_event} (its columns unqualified), the
     * only place the entry is spelled out: the event-consumer records it into Redis with it, and the manager reads
     * the older part of a history from the event log with it, so both give the same bytes ({@code jsonb} has fixed
     * the key order and number format of {@code data}; {@code json_build_object} keeps the order written here).
     */
    public static final String SQL = "json_build_object('jobId', job_id, 'seq', seq, 'id', event_id, 'type', type,"
            + " 'time', cloud_event->'time', 'source', source, 'data', cloud_event->'data')::text";
}
