package dev.subtitles.manager.status;

import java.time.Instant;
import java.util.List;

import dev.subtitles.manager.service.PhaseCounts;

/**
 * The answer of {@code GET /admin/status}. A part that could not be read is {@code null}, with the reason in
 * {@code unavailable}; the others are still answered.
 *
 * @param readAt when the answer was put together
 * @param queues every work queue with its dead-letter queue (counts read now, {@code null} when unreadable)
 * @param instances the service instances that report a heartbeat, alive or lost
 * @param phases the newest jobs by phase (as {@code GET /jobs/phase-counts})
 * @param jobs what became of the jobs of the last hour and day
 * @param searchCache the downloader's search-cache hits and misses, counted by all its instances
 * @param unavailable one line per part that could not be read
 */
public record OperatorStatus(Instant readAt, List<QueueStatus.QueueView> queues,
        List<WorkerInstances.InstanceView> instances, PhaseCounts phases, JobActivity.Activity jobs,
        SearchCacheStatus.SearchCacheView searchCache, List<String> unavailable) {
}
