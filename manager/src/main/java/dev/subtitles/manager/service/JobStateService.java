package dev.subtitles.manager.service;

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
import io.smallrye.mutiny.Uni;

/**
 * Where jobs stand: from the Redis projection, or, for jobs Redis has no view of (not projected yet, or expired),
 * by replaying their events from the durable log with the same phase machine; a job with neither is queued.
 */
@ApplicationScoped
public class JobStateService {

    private static final Logger LOG = Logger.getLogger(JobStateService.class);

    private final ProjectionReader projection;
    private final EventLogRepository eventLog;
    private final EventCodec codec;

    public JobStateService(ProjectionReader projection, EventLogRepository eventLog, EventCodec codec) {
        this.projection = projection;
        this.eventLog = eventLog;
        this.codec = codec;
    }

    /** The state of one job. */
    @WithSpan("JobStateService.stateOf")
    public Uni<JobState> stateOf(UUID jobId) {
        return statesOf(List.of(jobId)).map(states -> states.get(jobId));
    }

    /** The state of each of {@code jobIds}. */
    @WithSpan("JobStateService.statesOf")
    public Uni<Map<UUID, JobState>> statesOf(List<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Map<String, String>>> hashes = jobIds.stream().map(projection::job).toList();
        return Uni.join().all(hashes).andFailFast().flatMap(found -> {
            Map<UUID, JobState> states = new HashMap<>();
            List<UUID> missing = new ArrayList<>();
            for (int i = 0; i < jobIds.size(); i++) {
                if (found.get(i).containsKey("phase")) {
                    states.put(jobIds.get(i), JobState.fromHash(found.get(i)));
                } else {
                    missing.add(jobIds.get(i));
                }
            }
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
        });
    }

    private List<JobEvent<?>> decode(List<String> cloudEvents) {
        List<JobEvent<?>> events = new ArrayList<>(cloudEvents.size());
        for (String cloudEvent : cloudEvents) {
            events.add(codec.decode(cloudEvent.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return events;
    }
}
