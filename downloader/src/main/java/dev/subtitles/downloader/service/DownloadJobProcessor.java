package dev.subtitles.downloader.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.worker.Backoff;
import dev.subtitles.common.worker.EventPublisher;
import dev.subtitles.common.worker.JobPhases;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.downloader.config.DownloaderConfig;
import dev.subtitles.downloader.job.AttemptClaims;
import dev.subtitles.downloader.scoring.ScoredCandidate;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Runs one delivery of a download request: skips a job that is already over, claims the attempt, announces it,
 * searches, and publishes exactly one result per attempt: {@code subtitle.ready}, {@code subtitle.translate.requested},
 * {@code job.failed}, {@code job.cancelled}, or {@code job.retry.scheduled} with the request put on a delay queue.
 * The returned {@code Uni} completes once every output is confirmed by the broker, so the caller acks only then.
 * <p>
 * The ids of the events it publishes are derived from the request event id, the attempt and the event type: should
 * the same attempt ever run twice (a claim lease that expired under a live but stalled instance), its events are
 * duplicates by id, which every consumer ignores.
 * <p>
 * <b>Infrastructure failures are transient.</b> Only the holder of an attempt's claim publishes the job's outcome or
 * schedules its next attempt, so two copies of a request never grow into two lines of attempts. A copy that cannot
 * even be claimed (Redis away) is deferred: it goes back to the delay queue as the same attempt, with its deferral
 * count in {@link #DEFERRALS_HEADER}, and after {@code max-attempts} deferrals the job fails. A claimed attempt that
 * fails on PostgreSQL, Redis or the broker is recorded as {@code job.retry.scheduled} and tried again as the next
 * attempt, like a provider outage; the last attempt fails the job with {@link #INFRASTRUCTURE_UNAVAILABLE}. Only when
 * even that cannot be published does the returned {@code Uni} fail.
 */
@ApplicationScoped
public class DownloadJobProcessor {

    /** The code of a job that failed because providers stayed unavailable through every attempt. */
    public static final String PROVIDERS_UNAVAILABLE = "PROVIDERS_UNAVAILABLE";
    /** The code of a job that failed because its database, Redis or broker kept failing through every attempt. */
    public static final String INFRASTRUCTURE_UNAVAILABLE = "INFRASTRUCTURE_UNAVAILABLE";
    /** Header counting how often a request copy was put back because its attempt could not be claimed. */
    public static final String DEFERRALS_HEADER = "x-deferrals";

    private static final Logger LOG = Logger.getLogger(DownloadJobProcessor.class);

    private final SubtitleSearch search;
    private final JobPhases phases;
    private final AttemptClaims claims;
    private final EventPublisher events;
    private final RetryScheduler retries;
    private final Backoff backoff;
    private final AttemptMetrics metrics;
    private final Clock clock;
    private final URI source;
    private final String instance;
    private final int maxAttempts;

    public DownloadJobProcessor(SubtitleSearch search, JobPhases phases, AttemptClaims claims, EventPublisher events,
            RetryScheduler retries, Backoff backoff, AttemptMetrics metrics, DownloaderConfig config, Clock clock) {
        this.search = search;
        this.phases = phases;
        this.claims = claims;
        this.events = events;
        this.retries = retries;
        this.backoff = backoff;
        this.metrics = metrics;
        this.clock = clock;
        this.instance = config.instance();
        this.source = JobEvent.source("downloader", config.instance());
        this.maxAttempts = Math.max(1, config.retry().maxAttempts());
    }

    /**
     * Handles attempt {@code attempt} of the request, deferred {@code deferrals} times so far because it could not
     * be claimed; completes when it is safe to ack the delivery, fails only when nothing could be published.
     */
    @WithSpan("DownloadJobProcessor.process")
    public Uni<Void> process(JobEvent<DownloadRequested> request, int attempt, int deferrals) {
        UUID jobId = request.jobId();
        return phases.phaseOf(jobId).flatMap(phase -> {
            if (phase.isPresent() && phase.get().isTerminal()) {
                LOG.infof("Job %s is %s, not starting attempt %d", jobId, phase.get(), attempt);
                metrics.attempt("skipped");
                return Uni.createFrom().voidItem();
            }
            return claims.claim(jobId, attempt).onItemOrFailure().transformToUni((claim, failure) -> failure == null
                    ? onClaim(request, attempt, claim)
                    : deferOrFail(request, attempt, deferrals, failure));
        });
    }

    private Uni<Void> onClaim(JobEvent<DownloadRequested> request, int attempt, AttemptClaims.Claim claim) {
        UUID jobId = request.jobId();
        if (claim instanceof AttemptClaims.Claim.Busy busy) {
            LOG.infof("Job %s attempt %d runs elsewhere, looking again in %s", jobId, attempt, busy.remaining());
            metrics.attempt("busy");
            return retries.schedule(request, attempt, busy.remaining().plusSeconds(1));
        }
        if (claim instanceof AttemptClaims.Claim.AlreadyDone) {
            LOG.infof("Job %s attempt %d already ran, dropping the duplicate", jobId, attempt);
            metrics.attempt("duplicate");
            return Uni.createFrom().voidItem();
        }
        return runClaimed(request, attempt);
    }

    /** The attempt could not be claimed: the same attempt again later, or the job fails after too many tries. */
    private Uni<Void> deferOrFail(JobEvent<DownloadRequested> request, int attempt, int deferrals, Throwable failure) {
        int tries = deferrals + 1;
        if (tries >= maxAttempts) {
            LOG.errorf("Job %s attempt %d could not be claimed %d times (%s); failing the job", request.jobId(),
                    attempt, tries, describe(failure));
            metrics.attempt("failed");
            return events.publish(event(request, attempt, infrastructureFailed(tries, failure)));
        }
        Duration delay = backoff.after(tries, Duration.ZERO);
        LOG.warnf("Job %s attempt %d could not be claimed (%s); trying again in %s", request.jobId(), attempt,
                describe(failure), delay);
        metrics.attempt("deferred");
        return retries.schedule(request, attempt, delay, Map.of(DEFERRALS_HEADER, tries));
    }

    private Uni<Void> runClaimed(JobEvent<DownloadRequested> request, int attempt) {
        DownloadJob job = new DownloadJob(request.jobId(), request.payload(), attempt, attempt >= maxAttempts);
        return events.publish(event(request, attempt, new DownloadStarted(attempt, instance)))
                .chain(() -> search.run(job))
                .chain(outcome -> publishOutcome(request, job, outcome).invoke(() -> metrics.attempt(name(outcome))))
                .onFailure().recoverWithUni(failure -> retryOrFailAfter(request, job, failure))
                .chain(() -> markDone(request.jobId(), attempt));
    }

    /** A claimed attempt that failed on infrastructure (or unexpectedly) counts as an attempt, like an outage. */
    private Uni<Void> retryOrFailAfter(JobEvent<DownloadRequested> request, DownloadJob job, Throwable failure) {
        LOG.warnf(failure, "Job %s attempt %d failed: %s", job.jobId(), job.attempt(), describe(failure));
        metrics.attempt(job.lastAttempt() ? "failed" : "retry");
        if (job.lastAttempt()) {
            return events.publish(event(request, job.attempt(), infrastructureFailed(job.attempt(), failure)));
        }
        return scheduleNext(request, job, "internal error: " + describe(failure), Duration.ZERO);
    }

    /**
     * Once the attempt's outputs are confirmed, a failure to record it only widens the window in which a duplicate
     * could run it again (with the same event ids), so it is logged rather than undoing the attempt.
     */
    private Uni<Void> markDone(UUID jobId, int attempt) {
        return claims.markDone(jobId, attempt).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Job %s attempt %d is finished but could not be marked done (%s); its claim lapses after the"
                    + " lease", jobId, attempt, describe(failure));
            return null;
        });
    }

    private static JobFailed infrastructureFailed(int tries, Throwable failure) {
        return new JobFailed(Stage.DOWNLOAD, INFRASTRUCTURE_UNAVAILABLE, "The downloader's database, Redis or"
                + " message broker kept failing through " + tries + " tries (last error: " + describe(failure)
                + "). Submit the job again later.");
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? "unexpected error" : failure.getMessage();
    }

    private Uni<Void> publishOutcome(JobEvent<DownloadRequested> request, DownloadJob job, DownloadOutcome outcome) {
        DownloadRequested wanted = job.request();
        if (outcome instanceof DownloadOutcome.Found found) {
            ScoredCandidate best = found.candidate();
            return events.publish(event(request, job.attempt(), new SubtitleReady(found.file().id(),
                    best.candidate().provider(), found.file().language(), best.score(), best.matchNames(),
                    found.file().format())));
        }
        if (outcome instanceof DownloadOutcome.NeedsTranslation fallback) {
            return events.publish(event(request, job.attempt(), new TranslateRequested(fallback.file().id(),
                    fallback.file().language(), wanted.language(), wanted.format(),
                    fallback.candidate().candidate().provider())));
        }
        if (outcome instanceof DownloadOutcome.NotFound notFound) {
            return events.publish(event(request, job.attempt(),
                    new JobFailed(Stage.DOWNLOAD, notFound.errorCode(), notFound.message())));
        }
        if (outcome instanceof DownloadOutcome.Unavailable unavailable) {
            return retryOrFail(request, job, unavailable);
        }
        return events.publish(event(request, job.attempt(),
                new JobCancelled("cancelled during download attempt " + job.attempt())));
    }

    private static String name(DownloadOutcome outcome) {
        if (outcome instanceof DownloadOutcome.Found) {
            return "ready";
        }
        if (outcome instanceof DownloadOutcome.NeedsTranslation) {
            return "translate";
        }
        if (outcome instanceof DownloadOutcome.NotFound) {
            return "failed";
        }
        if (outcome instanceof DownloadOutcome.Unavailable) {
            return "retry";
        }
        return "cancelled";
    }

    private Uni<Void> retryOrFail(JobEvent<DownloadRequested> request, DownloadJob job,
            DownloadOutcome.Unavailable unavailable) {
        if (job.lastAttempt()) {
            return events.publish(event(request, job.attempt(), new JobFailed(Stage.DOWNLOAD, PROVIDERS_UNAVAILABLE,
                    "Subtitle providers stayed unavailable through " + job.attempt() + " attempts ("
                            + unavailable.error() + "). Submit the job again later.")));
        }
        Duration waitAtLeast = Duration.between(clock.instant(), unavailable.notBefore());
        return scheduleNext(request, job, unavailable.error(), waitAtLeast.isNegative() ? Duration.ZERO : waitAtLeast);
    }

    private Uni<Void> scheduleNext(JobEvent<DownloadRequested> request, DownloadJob job, String error,
            Duration waitAtLeast) {
        Instant now = clock.instant();
        Duration delay = backoff.after(job.attempt(), waitAtLeast);
        int next = job.attempt() + 1;
        return events.publish(event(request, job.attempt(),
                new RetryScheduled(Stage.DOWNLOAD, next, now.plus(delay), error)))
                .chain(() -> retries.schedule(request, next, delay));
    }

    private <P extends EventPayload> JobEvent<P> event(JobEvent<DownloadRequested> request, int attempt, P payload) {
        EventType type = EventType.forPayload(payload.getClass());
        String seed = request.id() + "/" + attempt + "/" + type.routingKey();
        UUID id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
        return new JobEvent<>(id, type, source, request.jobId(), clock.instant(), request.traceparent(), payload);
    }
}
