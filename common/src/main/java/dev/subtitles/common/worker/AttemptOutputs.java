package dev.subtitles.common.worker;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.metrics.RetryReason;
import dev.subtitles.common.metrics.StageMetrics;
import io.smallrye.mutiny.Uni;

/**
 * What an attempt of a worker's job sends besides its own result, the same in every worker: its events, with ids
 * derived from the request and the attempt ({@link EventIds}), so that a redelivered attempt publishes the same ids;
 * the retry of a failed attempt; the deferral of one that could not be decided; and the stage's metrics around it.
 * <p>
 * <b>Attempts.</b> The first delivery of a request is attempt 1; a retry is the next attempt, and it comes back from a
 * delay queue with its number ({@link RetryScheduler#ATTEMPT_HEADER}). {@code job.retry.scheduled} carries the attempt
 * that failed ({@link RetryScheduled#attempt()}), and its id derives from that attempt too. A deferral is no new
 * attempt: the same attempt comes back, with no event.
 */
public class AttemptOutputs {

    private static final Logger LOG = Logger.getLogger(AttemptOutputs.class);

    private final Stage stage;
    private final URI source;
    private final EventPublisher events;
    private final RetryScheduler retries;
    private final Backoff backoff;
    private final StageMetrics metrics;
    private final Clock clock;

    /** @param source the {@code source} of the events this instance publishes */
    public AttemptOutputs(Stage stage, URI source, EventPublisher events, RetryScheduler retries, Backoff backoff,
            StageMetrics metrics, Clock clock) {
        this.stage = stage;
        this.source = source;
        this.events = events;
        this.retries = retries;
        this.backoff = backoff;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The attempt starts now: on the request's first delivery (attempt 1, never deferred) the time it waited in the
     * queue is recorded. The item is the start, for {@link #ran}.
     */
    public Instant started(JobEvent<?> request, int attempt, int deferrals) {
        Instant start = clock.instant();
        if (attempt == 1 && deferrals == 0) {
            metrics.queued(Duration.between(request.time(), start));
        }
        return start;
    }

    /** The attempt that {@link #started} at {@code start} has ended. */
    public void ran(Instant start) {
        metrics.ran(Duration.between(start, clock.instant()));
    }

    /** Publishes the event of attempt {@code attempt} of {@code request} with {@code payload}; confirmed. */
    public Uni<Void> publish(JobEvent<?> request, int attempt, EventPayload payload) {
        return events.publish(EventIds.eventOf(request, attempt, source, clock.instant(), payload));
    }

    /**
     * Attempt {@code failedAttempt} failed for a reason that may pass: publishes {@code job.retry.scheduled} for it,
     * then sends the request back as the next attempt after the backoff (at least {@code atLeast}); both confirmed.
     */
    public Uni<Void> retry(JobEvent<?> request, int failedAttempt, Duration atLeast, String error,
            RetryReason reason) {
        Duration delay = backoff.after(failedAttempt, atLeast);
        Instant due = clock.instant().plus(delay);
        return publish(request, failedAttempt, new RetryScheduled(stage, failedAttempt, due, error))
                .chain(() -> retries.schedule(request, failedAttempt + 1, delay))
                .invoke(() -> metrics.retried(reason));
    }

    /**
     * Nothing could be decided for attempt {@code attempt} (Redis away): the same attempt comes back after a delay
     * that grows with {@code deferrals} (its count so far, {@link RetryScheduler#DEFERRALS_HEADER}); no event.
     */
    public Uni<Void> defer(JobEvent<?> request, int attempt, int deferrals, Throwable why) {
        int tries = deferrals + 1;
        Duration delay = backoff.after(tries, Duration.ZERO);
        LOG.warnf("Job %s attempt %d: nothing can be decided (%s); trying again in %s (deferral %d)", request.jobId(),
                attempt, why.getMessage() != null ? why.getMessage() : why.getClass().getSimpleName(), delay, tries);
        metrics.retried(RetryReason.UNDECIDED);
        return retries.schedule(request, attempt, delay, Map.of(RetryScheduler.DEFERRALS_HEADER, tries));
    }

    /** Attempt {@code attempt} runs elsewhere: the same attempt comes back after {@code delay} to look again. */
    public Uni<Void> lookAgain(JobEvent<?> request, int attempt, Duration delay) {
        metrics.retried(RetryReason.BUSY);
        return retries.schedule(request, attempt, delay);
    }

    /** The time of the clock the attempts run on. */
    public Instant now() {
        return clock.instant();
    }
}
