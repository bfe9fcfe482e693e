package dev.subtitles.manager.repository;

/**
 * One event of a job's history as the projection stores it: its per-job sequence number and the history entry
 * JSON of PROJECTION_CONTRACT.md, kept as text so it is returned exactly as recorded.
 */
public record HistoryEntry(long seq, String json) {
}
