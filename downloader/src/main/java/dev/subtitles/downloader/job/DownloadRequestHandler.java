package dev.subtitles.downloader.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.metrics.RetryReason;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.worker.AttemptOutputs;
import dev.subtitles.common.worker.ConfirmedPublisher;
import dev.subtitles.common.worker.RequestHandler;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.common.worker.wiring.Worker;
import dev.subtitles.downloader.scoring.ScoredCandidate;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Runs one delivery of a download request: skips a job that is already over, claims the attempt, announces it,
 * searches, and publishes one result per attempt: {@code subtitle.ready}, {@code subtitle.translate.requested},
 * {@code job.failed}, or {@code job.retry.scheduled} with the request put on a delay queue; nothing when the job was
 * cancelled or timed out meanwhile. The returned {@code Uni} completes once every output is confirmed by the broker,
 * so the caller acks only then.
 * <p>
 * <b>One outcome per job.</b> Before a terminal event ({@code subtitle.ready}, {@code job.failed}) the handler
 * records {@link Outcome#FINISHED} in {@link JobOutcomes} and publishes only if that outcome stands; a job the manager
 * cancelled or timed out first ends with the manager's event, and the attempt's result is dropped. The hand-over to
 * the translator is not terminal: it is dropped only when a cancellation or time-out stands. The downloader never
 * publishes {@code job.cancelled}.
 * <p>
 * <b>One line of attempts.</b> Only the holder of an attempt's claim publishes the job's outcome or schedules its
 * next attempt, and it checks the claim right before it does ({@link AttemptClaims.Held#confirm()}, or
 * {@link AttemptClaims.Held#decide} and {@link AttemptClaims.Held#decided()}, which also record or read the outcome):
 * an instance that stalled beyond its lease and was taken over drops its late result, and decides nothing. The ids of
 * the events it publishes are derived from the request event id, the attempt and the event type, so an attempt that
 * runs twice publishes duplicates by id; {@code job.retry.scheduled} carries the attempt that failed, as in every
 * worker ({@link AttemptOutputs}).
 * <p>
 * <b>Three Redis round trips per attempt that runs</b> (besides the search's own looks and the heartbeat of a long
 * attempt): the start ({@link AttemptClaims#claim}: the job's phase, its outcome and the claim, in one script), the
 * finish (the fence with the outcome, in one script) and the attempt marked done.
 * <p>
 * <b>Infrastructure failures are transient.</b> When Redis cannot be asked (claim, outcome, fence), nothing is
 * decided: the copy is deferred, back to the delay queue as the same attempt with its deferral count in
 * {@link RetryScheduler#DEFERRALS_HEADER} and a growing delay (capped at {@code max-delay}), for as long as Redis is away. A
 * claimed
 * attempt that fails on PostgreSQL or the broker is recorded as {@code job.retry.scheduled} and tried again as the
 * next attempt, like a provider outage; the last attempt fails the job with {@link #INFRASTRUCTURE_UNAVAILABLE}. Only
 * when not even the deferral or retry can be published does the returned {@code Uni} fail.
 */
@ApplicationScoped
public class DownloadRequestHandler implements RequestHandler<DownloadRequested> {

    /** The code of a job that failed because providers stayed unavailable through every attempt. */
    public static final String PROVIDERS_UNAVAILABLE = ErrorCode.PROVIDERS_UNAVAILABLE.name();
    /** The code of a job that failed because its database or broker kept failing through every attempt. */
    public static final String INFRASTRUCTURE_UNAVAILABLE = ErrorCode.INFRASTRUCTURE_UNAVAILABLE.name();

    private static final Logger LOG = Logger.getLogger(DownloadRequestHandler.class);

    private final SubtitleSearch search;
    private final AttemptClaims claims;
    private final AttemptOutputs outputs;
    private final AttemptMetrics metrics;
    private final String instance;
    private final int maxAttempts;

    public DownloadRequestHandler(SubtitleSearch search, AttemptClaims claims, AttemptOutputs outputs,
            AttemptMetrics metrics, Worker worker) {
        this.search = search;
        this.claims = claims;
        this.outputs = outputs;
        this.metrics = metrics;
        this.instance = worker.settings().instance();
        this.maxAttempts = Math.max(1, worker.settings().retry().maxAttempts());
    }

    @Override
    public Class<DownloadRequested> requestType() {
        return DownloadRequested.class;
    }

    /**
     * Handles attempt {@code attempt} of the request, deferred {@link RetryScheduler#deferralsOf} times so far
     * because nothing could be decided; completes when it is safe to ack the delivery, fails only when nothing could
     * be published.
     */
    @Override
    @WithSpan("DownloadRequestHandler.handle")
    public Uni<Void> handle(JobEvent<DownloadRequested> request, int attempt, Map<String, Object> headers) {
        int deferrals = RetryScheduler.deferralsOf(headers);
        return claims.claim(request.jobId(), attempt).onItemOrFailure().transformToUni((claim, failure) -> {
            if (failure != null) {
                return defer(request, attempt, deferrals, failure);
            }
            return onClaim(request, attempt, deferrals, claim);
        });
    }

    private Uni<Void> onClaim(JobEvent<DownloadRequested> request, int attempt, int deferrals,
            AttemptClaims.Claim claim) {
        UUID jobId = request.jobId();
        if (claim instanceof AttemptClaims.Claim.JobOver over) {
            LOG.infof("Job %s is %s, not starting attempt %d", jobId, over.phase(), attempt);
            metrics.attempt("skipped");
            return Uni.createFrom().voidItem();
        }
        if (claim instanceof AttemptClaims.Claim.EndDecided ended) {
            LOG.infof("Job %s ended as %s, not starting attempt %d", jobId, ended.outcome(), attempt);
            metrics.attempt("skipped");
            return Uni.createFrom().voidItem();
        }
        if (claim instanceof AttemptClaims.Claim.Busy busy) {
            LOG.infof("Job %s attempt %d runs elsewhere, looking again in %s", jobId, attempt, busy.remaining());
            metrics.attempt("busy");
            return outputs.lookAgain(request, attempt, busy.remaining().plusSeconds(1));
        }
        if (claim instanceof AttemptClaims.Claim.AlreadyDone) {
            LOG.infof("Job %s attempt %d already ran, dropping the duplicate", jobId, attempt);
            metrics.attempt("duplicate");
            return Uni.createFrom().voidItem();
        }
        return runClaimed(request, attempt, deferrals, ((AttemptClaims.Claim.Claimed) claim).held());
    }

    /**
     * Nothing could be decided (Redis away): the same attempt again after a growing delay, without an event. A
     * terminal event needs a decision in Redis, so the copy keeps coming back until Redis answers (or the manager's
     * deadline ends the job).
     */
    private Uni<Void> defer(JobEvent<DownloadRequested> request, int attempt, int deferrals, Throwable failure) {
        metrics.attempt("deferred");
        return outputs.defer(request, attempt, deferrals, failure);
    }

    /**
     * Runs the claimed attempt under its heartbeat and marks it done once its outputs are confirmed. An attempt
     * taken over meanwhile ends without output (the new holder has its own copy of the request); one whose result
     * could not be decided (Redis away) is deferred.
     */
    private Uni<Void> runClaimed(JobEvent<DownloadRequested> request, int attempt, int deferrals,
            AttemptClaims.Held held) {
        DownloadJob job = new DownloadJob(request.jobId(), request.payload(), attempt, attempt >= maxAttempts);
        Instant started = outputs.started(request, attempt, deferrals);
        Uni<String> run = outputs.publish(request, attempt, new DownloadStarted(attempt, instance))
                .chain(() -> search.run(job))
                .chain(outcome -> publishOutcome(request, job, held, outcome))
                .onFailure(DownloadRequestHandler::isInfrastructure)
                .recoverWithUni(failure -> retryOrFailAfter(request, job, held, failure))
                .call(() -> markDone(held, job));
        return held.whileHeld(run)
                .invoke(outcome -> {
                    metrics.attempt(outcome);
                    outputs.ran(started);
                })
                .replaceWithVoid()
                .onFailure(AttemptClaims.ClaimLostException.class).recoverWithItem(lost -> {
                    LOG.infof("Job %s attempt %d was taken over by another consumer; its copy is dropped here",
                            job.jobId(), attempt);
                    metrics.attempt("taken-over");
                    return null;
                })
                .onFailure(DecisionUnavailable.class)
                .recoverWithUni(failure -> defer(request, attempt, deferrals, failure.getCause()));
    }

    /**
     * A failure that makes the attempt count as failed. Not a publish the broker did not confirm: the delivery then
     * goes back to the queue and the same attempt runs again with the same event ids, where a new attempt would put
     * a second line of events with other ids into the history.
     */
    private static boolean isInfrastructure(Throwable failure) {
        return !(failure instanceof AttemptClaims.ClaimLostException) && !(failure instanceof DecisionUnavailable)
                && !(failure instanceof ConfirmedPublisher.PublishException);
    }

    /** A claimed attempt that failed on infrastructure (or unexpectedly) counts as an attempt, like an outage. */
    private Uni<String> retryOrFailAfter(JobEvent<DownloadRequested> request, DownloadJob job, AttemptClaims.Held held,
            Throwable failure) {
        LOG.warnf(failure, "Job %s attempt %d failed: %s", job.jobId(), job.attempt(), describe(failure));
        if (job.lastAttempt()) {
            return finish(request, job, held, infrastructureFailed(job.attempt(), failure), "failed");
        }
        return scheduleNext(request, job, held, "internal error: " + describe(failure), Duration.ZERO,
                RetryReason.INFRASTRUCTURE);
    }

    /**
     * Once the attempt's outputs are confirmed, a failure to record it only widens the window in which a duplicate
     * could run it again (with the same event ids), so it is logged rather than undoing the attempt.
     */
    private Uni<Void> markDone(AttemptClaims.Held held, DownloadJob job) {
        return held.markDone().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Job %s attempt %d is finished but could not be marked done (%s); its claim lapses after the"
                    + " lease", job.jobId(), job.attempt(), describe(failure));
            return null;
        });
    }

    private static JobFailed infrastructureFailed(int tries, Throwable failure) {
        return new JobFailed(Stage.DOWNLOAD, INFRASTRUCTURE_UNAVAILABLE, "The downloader's database or message"
                + " broker kept failing through " + tries + " tries (last error: " + describe(failure)
                + "). Submit the job again later.");
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? "unexpected error" : failure.getMessage();
    }

    /** Publishes the attempt's result; the item names how the attempt ended, for the metrics. */
    private Uni<String> publishOutcome(JobEvent<DownloadRequested> request, DownloadJob job, AttemptClaims.Held held,
            DownloadOutcome outcome) {
        DownloadRequested wanted = job.request();
        if (outcome instanceof DownloadOutcome.Found found) {
            ScoredCandidate best = found.candidate();
            return finish(request, job, held, new SubtitleReady(found.file().id(), best.candidate().provider(),
                    found.file().language(), best.score(), best.matchNames(), found.file().format()), "ready");
        }
        if (outcome instanceof DownloadOutcome.NeedsTranslation fallback) {
            return handOver(request, job, held, new TranslateRequested(fallback.file().id(),
                    fallback.file().language(), wanted.language(), wanted.format(),
                    fallback.candidate().candidate().provider(), wanted.priority()));
        }
        if (outcome instanceof DownloadOutcome.NotFound notFound) {
            return finish(request, job, held, new JobFailed(Stage.DOWNLOAD, notFound.errorCode(), notFound.message()),
                    "failed");
        }
        if (outcome instanceof DownloadOutcome.Unavailable unavailable) {
            return retryOrFail(request, job, held, unavailable);
        }
        LOG.infof("Job %s was cancelled or timed out during attempt %d; publishing nothing", job.jobId(),
                job.attempt());
        return Uni.createFrom().item("cancelled");
    }

    /**
     * Publishes a terminal event if this attempt ends the job: only while this consumer still holds the claim is
     * {@link Outcome#FINISHED} recorded (in the fence's round trip, {@link AttemptClaims.Held#decide}), and the event
     * is published only if it stands (else the job was cancelled or timed out: nothing is published). A holder that
     * lost its claim records nothing, so that a job is never decided finished for a result nobody publishes.
     */
    private Uni<String> finish(JobEvent<DownloadRequested> request, DownloadJob job, AttemptClaims.Held held,
            EventPayload payload, String name) {
        return decision(held.decide(Outcome.FINISHED)).chain(standing -> {
            if (standing != Outcome.FINISHED) {
                return Uni.createFrom().item(dropped(job, standing));
            }
            return outputs.publish(request, job.attempt(), payload).replaceWith(name);
        });
    }

    /**
     * Hands the job over to the translator unless it was cancelled or timed out meanwhile, while this consumer still
     * holds the claim (both checked in one round trip, {@link AttemptClaims.Held#decided()}).
     */
    private Uni<String> handOver(JobEvent<DownloadRequested> request, DownloadJob job, AttemptClaims.Held held,
            TranslateRequested payload) {
        return decision(held.decided()).chain(decided -> {
            if (decided.isPresent() && decided.get() != Outcome.FINISHED) {
                return Uni.createFrom().item(dropped(job, decided.get()));
            }
            return outputs.publish(request, job.attempt(), payload).replaceWith("translate");
        });
    }

    private static String dropped(DownloadJob job, Outcome standing) {
        LOG.infof("Job %s ended as %s meanwhile; attempt %d publishes nothing", job.jobId(), standing, job.attempt());
        return standing == Outcome.CANCELLED ? "cancelled" : "timed-out";
    }

    /** Fails with {@link AttemptClaims.ClaimLostException} unless this consumer still holds the attempt's claim. */
    private static Uni<Void> fence(DownloadJob job, AttemptClaims.Held held) {
        return decision(held.confirm()).invoke(stillHeld -> {
            if (!stillHeld) {
                throw new AttemptClaims.ClaimLostException(job.jobId(), job.attempt());
            }
        }).replaceWithVoid();
    }

    /**
     * A Redis answer the attempt cannot go on without; its failure defers the attempt, unless it is the answer that
     * the claim was lost (the attempt then ends without output).
     */
    private static <T> Uni<T> decision(Uni<T> answer) {
        return answer.onFailure(failure -> !(failure instanceof AttemptClaims.ClaimLostException))
                .transform(DecisionUnavailable::new);
    }

    private Uni<String> retryOrFail(JobEvent<DownloadRequested> request, DownloadJob job, AttemptClaims.Held held,
            DownloadOutcome.Unavailable unavailable) {
        if (job.lastAttempt()) {
            return finish(request, job, held, new JobFailed(Stage.DOWNLOAD, PROVIDERS_UNAVAILABLE,
                    "Subtitle providers stayed unavailable through " + job.attempt() + " attempts ("
                            + unavailable.error() + "). Submit the job again later."),
                    "failed");
        }
        Duration waitAtLeast = Duration.between(outputs.now(), unavailable.notBefore());
        return scheduleNext(request, job, held, unavailable.error(),
                waitAtLeast.isNegative() ? Duration.ZERO : waitAtLeast, RetryReason.PROVIDERS_UNAVAILABLE);
    }

    /** Publishes {@code job.retry.scheduled} for this attempt and sends the request back as the next one. */
    private Uni<String> scheduleNext(JobEvent<DownloadRequested> request, DownloadJob job, AttemptClaims.Held held,
            String error, Duration waitAtLeast, RetryReason reason) {
        return fence(job, held)
                .chain(() -> outputs.retry(request, job.attempt(), waitAtLeast, error, reason))
                .replaceWith("retry");
    }

    /** Redis could not be asked for something the attempt cannot go on without (outcome, fence). */
    private static final class DecisionUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DecisionUnavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
