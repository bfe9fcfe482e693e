package dev.subtitles.downloader.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 */
@ApplicationScoped
public class DownloadJobProcessor {

    /** The code of a job that failed because providers stayed unavailable through every attempt. */
    public static final String PROVIDERS_UNAVAILABLE = "PROVIDERS_UNAVAILABLE";

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

    /** Handles attempt {@code attempt} of the request; completes when it is safe to ack the delivery. */
    @WithSpan("DownloadJobProcessor.process")
    public Uni<Void> process(JobEvent<DownloadRequested> request, int attempt) {
        UUID jobId = request.jobId();
        return phases.phaseOf(jobId).flatMap(phase -> {
            if (phase.isPresent() && phase.get().isTerminal()) {
                LOG.infof("Job %s is %s, not starting attempt %d", jobId, phase.get(), attempt);
                metrics.attempt("skipped");
                return Uni.createFrom().voidItem();
            }
            return claims.claim(jobId, attempt).flatMap(claim -> {
                if (claim instanceof AttemptClaims.Claim.Busy busy) {
                    LOG.infof("Job %s attempt %d runs elsewhere, looking again in %s", jobId, attempt,
                            busy.remaining());
                    metrics.attempt("busy");
                    return retries.schedule(request, attempt, busy.remaining().plusSeconds(1));
                }
                if (claim instanceof AttemptClaims.Claim.AlreadyDone) {
                    LOG.infof("Job %s attempt %d already ran, dropping the duplicate", jobId, attempt);
                    metrics.attempt("duplicate");
                    return Uni.createFrom().voidItem();
                }
                return runClaimed(request, attempt);
            });
        });
    }

    private Uni<Void> runClaimed(JobEvent<DownloadRequested> request, int attempt) {
        DownloadJob job = new DownloadJob(request.jobId(), request.payload(), attempt, attempt >= maxAttempts);
        return events.publish(event(request, attempt, new DownloadStarted(attempt, instance)))
                .chain(() -> search.run(job))
                .chain(outcome -> publishOutcome(request, job, outcome).invoke(() -> metrics.attempt(name(outcome))))
                .chain(() -> claims.markDone(request.jobId(), attempt));
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
        Instant now = clock.instant();
        Duration waitAtLeast = Duration.between(now, unavailable.notBefore());
        Duration delay = backoff.after(job.attempt(), waitAtLeast.isNegative() ? Duration.ZERO : waitAtLeast);
        int next = job.attempt() + 1;
        return events.publish(event(request, job.attempt(),
                new RetryScheduled(Stage.DOWNLOAD, next, now.plus(delay), unavailable.error())))
                .chain(() -> retries.schedule(request, next, delay));
    }

    private <P extends EventPayload> JobEvent<P> event(JobEvent<DownloadRequested> request, int attempt, P payload) {
        EventType type = EventType.forPayload(payload.getClass());
        String seed = request.id() + "/" + attempt + "/" + type.routingKey();
        UUID id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
        return new JobEvent<>(id, type, source, request.jobId(), clock.instant(), request.traceparent(), payload);
    }
}
