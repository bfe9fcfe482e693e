package dev.subtitles.manager.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.projection.ProjectionReader;
import dev.subtitles.manager.repository.EventLogRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Where jobs stand: from the Redis projection and the durable event log, whichever is further along.
 * <p>
 * The event-consumer records an event in PostgreSQL before it projects it into Redis, and projects a batch one event
 * at a time, so for a moment the log can be ahead of Redis: a read folded from the log (Redis had nothing yet) could
 * show {@code DOWNLOAD_IN_PROGRESS} and the next, from a hash that only holds the first event, {@code DOWNLOAD_QUEUED}.
 * So unless Redis already shows a terminal phase (nothing comes after it), the job's events are also folded from the
 * log with the same {@link dev.subtitles.common.phase.PhaseMachine} and the state of higher rank is answered: a
 * phase once shown is never followed by an earlier one. A job with neither Redis view nor events is queued.
 */
@ApplicationScoped
public class JobStateService {

    private static final Logger LOG = Logger.getLogger(JobStateService.class);
    /** Hash reads in flight per request, so a long page does not exhaust the Redis connection pool. */
    private static final int REDIS_CONCURRENCY = 8;

    private final ProjectionReader projection;
    private final EventLogRepository eventLog;
    private final EventCodec codec;
    private final JobOutcomes outcomes;

    public JobStateService(ProjectionReader projection, EventLogRepository eventLog, EventCodec codec,
            JobOutcomes outcomes) {
        this.projection = projection;
        this.eventLog = eventLog;
        this.codec = codec;
        this.outcomes = outcomes;
    }

    /**
     * The state of one job as the API shows it: {@link #statesOf(List)}, except that a job whose cancellation is
     * decided ({@link JobOutcomes}) shows {@code CANCELLED} before its {@code job.cancelled} is projected, as the
     * {@code DELETE} that decided it answered; so a read after the cancellation never shows an earlier phase.
     */
    public Uni<JobState> shownStateOf(UUID jobId) {
        return shownStatesOf(List.of(jobId)).map(states -> states.get(jobId));
    }

    /** The state of each of {@code jobIds} as the API shows it (see {@link #shownStateOf(UUID)}). */
    public Uni<Map<UUID, JobState>> shownStatesOf(List<UUID> jobIds) {
        return statesOf(jobIds).flatMap(states -> {
            List<UUID> open = jobIds.stream().filter(jobId -> !states.get(jobId).phase().isTerminal()).toList();
            if (open.isEmpty()) {
                return Uni.createFrom().item(states);
            }
            return Multi.createFrom().iterable(open)
                    .onItem().transformToUni(jobId -> outcomes.decided(jobId).map(outcome -> Map.entry(jobId, outcome)))
                    .merge(REDIS_CONCURRENCY)
                    .collect().asList().map(decided -> {
                        Map<UUID, JobState> shown = new HashMap<>(states);
                        for (Map.Entry<UUID, Optional<Outcome>> entry : decided) {
                            if (entry.getValue().equals(Optional.of(Outcome.CANCELLED))) {
                                JobState state = shown.get(entry.getKey());
                                shown.put(entry.getKey(), new JobState(JobPhase.CANCELLED, state.updatedAt(), null, null));
                            }
                        }
                        return shown;
                    });
        });
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
        List<UUID> unsettled = new ArrayList<>();
        hashes.forEach((jobId, hash) -> {
            if (hash.containsKey("phase")) {
                JobState cached = JobState.fromHash(hash);
                states.put(jobId, cached);
                if (!cached.phase().isTerminal()) {
                    unsettled.add(jobId);
                }
            } else {
                unsettled.add(jobId);
            }
        });
        if (unsettled.isEmpty()) {
            return Uni.createFrom().item(states);
        }
        LOG.debugf("%d job(s) not terminal in Redis, folding their events from the durable log", unsettled.size());
        return eventLog.eventsOf(unsettled).map(events -> {
            for (UUID jobId : unsettled) {
                JobState logged = JobState.fromEvents(decode(events.getOrDefault(jobId, List.of())));
                states.merge(jobId, logged, JobState::furtherAlong);
            }
            return states;
        });
    }

    /**
     * The state a live client of the job starts from: the projection's, which the history it is sent next agrees
     * with (one script writes a job's hash and history together), and the durable log's only when Redis holds no
     * projection of the job, whose history then comes from the log too. {@link #stateOf} would take a terminal phase
     * from the log while Redis still lacks the terminal event, and the client would be told the job ended without
     * being sent that event.
     */
    @WithSpan("JobStateService.liveStartOf")
    public Uni<JobState> liveStartOf(UUID jobId) {
        return projection.job(jobId).flatMap(hash -> {
            if (hash.containsKey("phase")) {
                return Uni.createFrom().item(JobState.fromHash(hash));
            }
            return eventLog.eventsOf(List.of(jobId))
                    .map(events -> JobState.fromEvents(decode(events.getOrDefault(jobId, List.of()))));
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
