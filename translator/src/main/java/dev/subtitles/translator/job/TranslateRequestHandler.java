package dev.subtitles.translator.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.event.payload.TranslateStarted;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.metrics.RetryReason;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.worker.AttemptOutputs;
import dev.subtitles.common.worker.ConfirmedPublisher.PublishException;
import dev.subtitles.common.worker.EventIds;
import dev.subtitles.common.worker.JobPhases;
import dev.subtitles.common.worker.RequestHandler;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.common.worker.wiring.Worker;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.TransientEngineException;
import io.smallrye.mutiny.Uni;

/**
 * Runs one attempt of a translation job and publishes what became of it: {@code subtitle.translate.started}, then
 * {@code subtitle.translated} or {@code job.failed}, or a retry ({@code job.retry.scheduled} and the request back on a
 * delay queue).
 * <p>
 * <b>One outcome per job</b> ({@link JobOutcomes}). Before starting, a job whose outcome is already cancelled or
 * timed out, or whose projected phase is terminal, is dropped silently. Before a terminal event the translator records
 * {@link Outcome#FINISHED} and publishes only if that is the outcome that stands; otherwise it drops its result
 * silently (the manager published {@code job.cancelled} or the timeout). When Redis cannot be reached for that
 * decision, the attempt is deferred: the same attempt comes back from a delay queue after a backoff, its count in
 * {@link RetryScheduler#DEFERRALS_HEADER}, and no terminal event is published without a decision.
 * <p>
 * <b>Redelivery is invisible.</b> Event ids derive from the request, the attempt and the type ({@link EventIds}), so
 * running an attempt again publishes duplicates that every consumer ignores. {@code job.retry.scheduled} carries the
 * attempt that failed, as in every worker ({@link AttemptOutputs}).
 * <p>
 * The item arrives once every resulting event (and the retry copy) is confirmed by the broker, so the request may be
 * acked then; a failure means an output is not confirmed (refused, or no confirm in time), and the delivery goes back
 * to the queue to run the same attempt again: never a new attempt for a publish in doubt, which would put a second
 * terminal event with other ids in the history.
 */
@ApplicationScoped
public class TranslateRequestHandler implements RequestHandler<TranslateRequested> {

    public static final String RETRIES_EXHAUSTED = ErrorCode.RETRIES_EXHAUSTED.name();
    private static final Logger LOG = Logger.getLogger(TranslateRequestHandler.class);

    private final SubtitleTranslationService translations;
    private final JobPhases phases;
    private final JobOutcomes outcomes;
    private final AttemptOutputs outputs;
    private final AttemptMetrics metrics;
    private final int maxAttempts;

    public TranslateRequestHandler(SubtitleTranslationService translations, JobPhases phases, JobOutcomes outcomes,
            AttemptOutputs outputs, AttemptMetrics metrics, Worker worker) {
        this.translations = translations;
        this.phases = phases;
        this.outcomes = outcomes;
        this.outputs = outputs;
        this.metrics = metrics;
        this.maxAttempts = worker.settings().retry().maxAttempts();
    }

    @Override
    public Class<TranslateRequested> requestType() {
        return TranslateRequested.class;
    }

    /**
     * @param attempt 1 for a new request, one more for each retry
     * @param headers the delivery's headers ({@link RetryScheduler#DEFERRALS_HEADER})
     */
    @Override
    public Uni<Void> handle(JobEvent<TranslateRequested> request, int attempt, Map<String, Object> headers) {
        int deferrals = RetryScheduler.deferralsOf(headers);
        return outcomes.decided(request.jobId())
                .onFailure().transform(failure -> new OutcomeUndecidedException(failure))
                .flatMap(decided -> {
                    if (decided.isPresent() && decided.get() != Outcome.FINISHED) {
                        LOG.infof("job %s ended as %s; request %s dropped", request.jobId(), decided.get(),
                                request.id());
                        metrics.attempt(AttemptMetrics.Outcome.DROPPED);
                        return Uni.createFrom().voidItem();
                    }
                    return phases.phaseOf(request.jobId()).flatMap(phase -> {
                        if (phase.filter(JobPhase::isTerminal).isPresent()) {
                            LOG.infof("job %s is already %s; request %s dropped", request.jobId(), phase.get(),
                                    request.id());
                            metrics.attempt(AttemptMetrics.Outcome.DROPPED);
                            return Uni.createFrom().voidItem();
                        }
                        return attempt(request, attempt, deferrals);
                    });
                })
                .onFailure(JobEndedElsewhereException.class).recoverWithUni(ended -> {
                    LOG.infof("%s; its translation is dropped", ended.getMessage());
                    metrics.attempt(AttemptMetrics.Outcome.DROPPED);
                    return Uni.createFrom().voidItem();
                })
                .onFailure(OutcomeUndecidedException.class)
                .recoverWithUni(undecided -> defer(request, attempt, deferrals, undecided));
    }

    private Uni<Void> attempt(JobEvent<TranslateRequested> request, int attempt, int deferrals) {
        Instant start = outputs.started(request, attempt, deferrals);
        return outputs.publish(request, attempt, new TranslateStarted(attempt, translations.engine().name()))
                .flatMap(started -> translations.translate(request.jobId(), request.payload(),
                        () -> stopIfEnded(request)))
                .flatMap(result -> finish(request, attempt, new Translated(result.file().id(), result.file().engine(),
                        result.file().model(), result.cueCount(), request.payload().sourceLanguage(),
                        request.payload().targetLanguage(), result.file().format()))
                        .invoke(() -> {
                            metrics.attempt(AttemptMetrics.Outcome.TRANSLATED);
                            metrics.translated(result.cueCount());
                        }))
                .onFailure(failure -> !(failure instanceof JobEndedElsewhereException
                        || failure instanceof OutcomeUndecidedException || failure instanceof PublishException))
                .recoverWithUni(failure -> outcomeOf(request, attempt, failure))
                .invoke(() -> outputs.ran(start));
    }

    private Uni<Void> outcomeOf(JobEvent<TranslateRequested> request, int attempt, Throwable failure) {
        if (failure instanceof PermanentEngineException permanent) {
            return failed(request, attempt, permanent.errorCode(), permanent.getMessage());
        }
        if (failure instanceof UntranslatableSubtitleException untranslatable) {
            return failed(request, attempt, untranslatable.errorCode(), untranslatable.getMessage());
        }
        if (failure instanceof TransientEngineException) {
            LOG.infof("job %s attempt %d failed: %s", request.jobId(), attempt, failure.getMessage());
        } else {
            LOG.warnf(failure, "job %s attempt %d failed unexpectedly; retrying", request.jobId(), attempt);
        }
        if (attempt >= maxAttempts) {
            return failed(request, attempt, RETRIES_EXHAUSTED,
                    "translation failed " + attempt + " times, last: " + failure.getMessage());
        }
        Duration atLeast = failure instanceof TransientEngineException transientFailure
                ? transientFailure.retryAfter().orElse(Duration.ZERO)
                : Duration.ZERO;
        return outputs.retry(request, attempt, atLeast,
                Optional.ofNullable(failure.getMessage()).orElse(failure.getClass().getSimpleName()),
                failure instanceof TransientEngineException ? RetryReason.ENGINE_UNAVAILABLE : RetryReason.INFRASTRUCTURE)
                .invoke(() -> metrics.attempt(AttemptMetrics.Outcome.RETRIED));
    }

    /** Redis could not say how the job ends: the same attempt again later, with a growing delay. */
    private Uni<Void> defer(JobEvent<TranslateRequested> request, int attempt, int deferrals, Throwable failure) {
        metrics.attempt(AttemptMetrics.Outcome.DEFERRED);
        return outputs.defer(request, attempt, deferrals, failure);
    }

    private Uni<Void> stopIfEnded(JobEvent<TranslateRequested> request) {
        return outcomes.decided(request.jobId())
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("job %s: cannot read its outcome before storing (%s); the final decision will tell",
                            request.jobId(), failure.getMessage());
                    return Optional.empty();
                })
                .invoke(decided -> decided.filter(outcome -> outcome != Outcome.FINISHED).ifPresent(outcome -> {
                    throw new JobEndedElsewhereException(request.jobId(), outcome);
                })).replaceWithVoid();
    }

    private Uni<Void> failed(JobEvent<TranslateRequested> request, int attempt, String code, String message) {
        LOG.infof("job %s failed (%s): %s", request.jobId(), code, message);
        return finish(request, attempt, new JobFailed(Stage.TRANSLATE, code, message))
                .invoke(() -> metrics.attempt(AttemptMetrics.Outcome.FAILED));
    }

    /** Records that the translator ends the job, and publishes {@code payload} only if that decision stands. */
    private Uni<Void> finish(JobEvent<TranslateRequested> request, int attempt, EventPayload payload) {
        return outcomes.decide(request.jobId(), Outcome.FINISHED)
                .onFailure().transform(failure -> new OutcomeUndecidedException(failure))
                .flatMap(standing -> {
                    if (standing != Outcome.FINISHED) {
                        return Uni.createFrom().failure(new JobEndedElsewhereException(request.jobId(), standing));
                    }
                    return outputs.publish(request, attempt, payload);
                });
    }

    /** Redis could not be asked how the job ends. */
    static final class OutcomeUndecidedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        OutcomeUndecidedException(Throwable cause) {
            super("cannot decide how the job ends (Redis: " + cause.getMessage() + ")", cause);
        }
    }
}
