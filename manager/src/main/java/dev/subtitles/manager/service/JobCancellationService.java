package dev.subtitles.manager.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.payload.CancelRequested;
import dev.subtitles.manager.outbox.EventOutbox;
import dev.subtitles.manager.repository.JobRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Cancels jobs by emitting {@code job.cancel.requested} through the outbox; the projection marks the job
 * {@code CANCELLED} and workers stop at their next step. The first request is recorded on the job, so repeating it
 * before the projection caught up emits nothing more.
 */
@ApplicationScoped
public class JobCancellationService {

    private static final Logger LOG = Logger.getLogger(JobCancellationService.class);
    static final String REASON = "cancelled through the manager API";

    private final JobRepository jobs;
    private final JobStateService states;
    private final EventOutbox outbox;
    private final EventSource events;

    public JobCancellationService(JobRepository jobs, JobStateService states, EventOutbox outbox,
            EventSource events) {
        this.jobs = jobs;
        this.states = states;
        this.outbox = outbox;
        this.events = events;
    }

    /**
     * Requests the cancellation of a job.
     *
     * @return the job; fails with {@link JobNotFoundException}, or {@link JobFinishedException} for a job in a
     *         terminal phase
     */
    @WithSpan("JobCancellationService.cancel")
    public Uni<JobView> cancel(String id) {
        UUID jobId = JobIds.parse(id);
        return Panache.withTransaction(() -> jobs.findById(jobId)
                .onItem().ifNull().failWith(() -> new JobNotFoundException(id))
                .flatMap(job -> states.stateOf(jobId).flatMap(state -> {
                    if (state.phase().isTerminal()) {
                        return Uni.createFrom().failure(new JobFinishedException(jobId, state.phase()));
                    }
                    if (job.cancelRequestedAt != null) {
                        return Uni.createFrom().item(new Cancellation(JobView.of(job, state), false));
                    }
                    job.cancelRequestedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return outbox.append(events.event(jobId, new CancelRequested(REASON)))
                            .map(appended -> new Cancellation(JobView.of(job, state), true));
                })))
                .map(cancellation -> {
                    if (cancellation.requested()) {
                        outbox.committed();
                        LOG.debugf("requested the cancellation of job %s", jobId);
                    }
                    return cancellation.job();
                });
    }

    private record Cancellation(JobView job, boolean requested) {
    }
}
