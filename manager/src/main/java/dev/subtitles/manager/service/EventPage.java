package dev.subtitles.manager.service;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.util.RawValue;

/**
 * One page of a job's audit trail.
 *
 * @param eventCount how many events the job has in all (its newest sequence number, sequence numbers being 1, 2,
 *        3, ...)
 * @param events history entries, newest first, exactly as the projection recorded them
 * @param nextCursor pass as {@code cursor} for the next (older) page; {@code null} when there is none
 */
public record EventPage(UUID jobId, long eventCount, List<RawValue> events, String nextCursor) {
}
