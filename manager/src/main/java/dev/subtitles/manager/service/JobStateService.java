package dev.subtitles.manager.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.projection.ProjectionReader;
import dev.subtitles.manager.repository.EventLogRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Where jobs stand: from the Redis projection, or, for jobs Redis has no view of (not projected yet, or expired),
 * by replaying their events from the durable log with the same phase machine; a job with neither is queued.
 */
@ApplicationScoped
public class JobStateService {

    private static final Logger LOG = Logger.getLogger(JobStateService.class);
    /** Hash reads in flight per request, so a long page does not exhaust the Redis connection pool. */
    private static final int REDIS_CONCURRENCY = 8;

    private final ProjectionReader projection;
    private final EventLogRepository eventLog;
    private final EventCodec codec;

    public JobStateService(ProjectionReader projection, EventLogRepository eventLog, EventCodec codec) {
        this.projection = projection;
        this.eventLog = eventLog;
        this.codec = codec;
    }

    /** The state of one job; traced as the {@code statesOf} it is. */
    public Uni<JobState> stateOf(UUID jobId) {
        return statesOf(List.of(jobId)).map(states -> states.get(jobId));
    }

    /** The state of each of {@code jobIds}. */
    @WithSpan("JobStateService.statesOf")
    public Uni<Map<UUID, JobState>> statesOf(List<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(jobIds)
                .onItem().transformToUni(jobId -> projection.job(jobId).map(hash -> Map.entry(jobId, hash)))
                .merge(REDIS_CONCURRENCY)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(this::withMissingFromEventLog);
    }

    private Uni<Map<UUID, JobState>> withMissingFromEventLog(Map<UUID, Map<String, String>> hashes) {
        Map<UUID, JobState> states = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        hashes.forEach((jobId, hash) -> {
            if (hash.containsKey("phase")) {
                states.put(jobId, JobState.fromHash(hash));
            } else {
                missing.add(jobId);
            }
        });
        if (missing.isEmpty()) {
            return Uni.createFrom().item(states);
        }
        LOG.debugf("%d job(s) not in Redis, replaying their events from the durable log", missing.size());
        return eventLog.eventsOf(missing).map(events -> {
            for (UUID jobId : missing) {
                states.put(jobId, JobState.fromEvents(decode(events.getOrDefault(jobId, List.of()))));
            }
            return states;
        });
    }

    private List<JobEvent<?>> decode(List<String> cloudEvents) {
        List<JobEvent<?>> events = new ArrayList<>(cloudEvents.size());
        for (String cloudEvent : cloudEvents) {
            events.add(codec.decode(cloudEvent.getBytes(StandardCharsets.UTF_8)));
        }
        return events;
    }
}
