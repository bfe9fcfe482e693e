package dev.subtitles.manager.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.outbox.EventOutbox;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.Job;
import dev.subtitles.manager.repository.TerminalEventWriter;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Cancels jobs so that each ends exactly once. A cancellation first asks {@link JobOutcomes} to decide the job's end
 * as {@link Outcome#CANCELLED}; only if that stands does the manager append {@code job.cancelled} (the job's one
 * terminal event) through the outbox. A worker that finds the job cancelled drops its work without publishing; if a
 * worker decided first ({@link Outcome#FINISHED}) or the deadline did ({@link Outcome#TIMED_OUT}), the job ends as they
 * say and the request is refused.
 * <p>
 * The event's id is derived from the job, so a repeated request, or one retried after a crash between the decision
 * and the append, appends the same event, which the outbox keeps once.
 */
@ApplicationScoped
public class JobCancellationService {

    private static final Logger LOG = Logger.getLogger(JobCancellationService.class);
    static final String REASON = "cancelled through the manager API";

    private final OwnedJobs owned;
    private final JobStateService states;
    private final JobOutcomes outcomes;
    private final TerminalEventWriter writer;
    private final EventOutbox outbox;
    private final EventSource events;
    private final Outages outages;

    public JobCancellationService(OwnedJobs owned, JobStateService states, JobOutcomes outcomes,
            TerminalEventWriter writer, EventOutbox outbox, EventSource events, Outages outages) {
        this.owned = owned;
        this.states = states;
        this.outcomes = outcomes;
        this.writer = writer;
        this.outbox = outbox;
        this.events = events;
        this.outages = outages;
    }

    /**
     * Cancels job {@code id} of {@code tenant}.
     *
     * @return the job, cancelled; fails with {@link JobNotFoundException}, or {@link JobFinishedException} when the
     *         job ended, or will end, otherwise
     */
    @WithSpan("JobCancellationService.cancel")
    public Uni<JobView> cancel(String tenant, String id) {
        return outages.guard(owned.require(tenant, id)
                .flatMap(job -> states.stateOf(job.id).flatMap(state -> {
                    UUID jobId = job.id;
                    if (state.phase() == JobPhase.CANCELLED) {
                        return Uni.createFrom().item(JobView.of(job, state));
                    }
                    if (state.phase().isTerminal()) {
                        return Uni.createFrom().failure(new JobFinishedException(jobId, state.phase()));
                    }
                    return outcomes.decide(jobId, Outcome.CANCELLED).flatMap(outcome -> outcome == Outcome.CANCELLED
                            ? appendCancelled(job, state)
                            : Uni.createFrom().failure(new JobFinishedException(jobId, outcome)));
                })));
    }

    private Uni<JobView> appendCancelled(Job job, JobState state) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return writer
                .cancel(job.id, now, outbox.message(events.terminalEvent(job.id, job.tenant, new JobCancelled(REASON))))
                .map(requestedAt -> {
                    outbox.committed();
                    LOG.debugf("cancelled job %s", job.id);
                    job.cancelRequestedAt = requestedAt;
                    return JobView.of(job, new JobState(JobPhase.CANCELLED, state.updatedAt(), null, null));
                });
    }
}
