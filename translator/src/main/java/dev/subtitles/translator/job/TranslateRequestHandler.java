package dev.subtitles.translator.job;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.event.payload.TranslateStarted;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.worker.Backoff;
import dev.subtitles.common.worker.EventPublisher;
import dev.subtitles.common.worker.JobPhases;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.translator.config.TranslatorConfig;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.TransientEngineException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Runs one attempt of a translation job and publishes what became of it: {@code subtitle.translate.started}, then
 * {@code subtitle.translated}, {@code job.failed}, {@code job.cancelled}, or a retry ({@code job.retry.scheduled}
 * and the request back on a delay queue).
 * <p>
 * The item arrives once every resulting event (and the retry copy) is confirmed by the broker, so the request may be
 * acked then; a failure means the outcome could not be published, and the request must not be acked.
 * <p>
 * Safe to run twice for the same request: a job whose projected phase is already terminal is left alone, and the
 * store returns the same file for the same translation.
 */
@ApplicationScoped
public class TranslateRequestHandler {

    public static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";

    private static final Logger LOG = Logger.getLogger(TranslateRequestHandler.class);

    private final SubtitleTranslationService translations;
    private final JobPhases phases;
    private final EventPublisher events;
    private final RetryScheduler retries;
    private final Backoff backoff;
    private final int maxAttempts;
    private final URI source;
    private final MeterRegistry metrics;

    public TranslateRequestHandler(SubtitleTranslationService translations, JobPhases phases, EventPublisher events,
            RetryScheduler retries, Backoff backoff, TranslatorConfig config, MeterRegistry metrics) {
        this.metrics = metrics;
        this.translations = translations;
        this.phases = phases;
        this.events = events;
        this.retries = retries;
        this.backoff = backoff;
        this.maxAttempts = config.retry().maxAttempts();
        this.source = JobEvent.source("translator", config.instance());
    }

    /**
     * @param attempt 1 for a new request, one more for each retry
     */
    public Uni<Void> handle(JobEvent<TranslateRequested> request, int attempt) {
        return phases.phaseOf(request.jobId()).flatMap(phase -> {
            if (phase.filter(JobPhase.CANCELLED::equals).isPresent()) {
                return cancelled(request, "cancelled before translation");
            }
            if (phase.filter(JobPhase::isTerminal).isPresent()) {
                LOG.infof("job %s is already %s; request %s ignored", request.jobId(), phase.get(), request.id());
                return Uni.createFrom().voidItem();
            }
            return attempt(request, attempt);
        });
    }

    private Uni<Void> attempt(JobEvent<TranslateRequested> request, int attempt) {
        return publish(request, new TranslateStarted(attempt, translations.engine().name()))
                .flatMap(started -> translations.translate(request.jobId(), request.payload(),
                        () -> stopIfCancelled(request)))
                .flatMap(result -> publish(request, new Translated(result.file().id(), result.file().engine(),
                        result.file().model(), result.cueCount(), request.payload().sourceLanguage(),
                        request.payload().targetLanguage(), result.file().format()))
                        .invoke(() -> {
                            count("translated");
                            metrics.counter("translator.cues.translated", "engine", result.file().engine())
                                    .increment(result.cueCount());
                        }))
                .onFailure().recoverWithUni(failure -> outcomeOf(request, attempt, failure));
    }

    private Uni<Void> outcomeOf(JobEvent<TranslateRequested> request, int attempt, Throwable failure) {
        if (failure instanceof JobCancelledException) {
            return cancelled(request, "cancelled during translation");
        }
        if (failure instanceof PermanentEngineException permanent) {
            return failed(request, permanent.errorCode(), permanent.getMessage());
        }
        if (failure instanceof UntranslatableSubtitleException untranslatable) {
            return failed(request, untranslatable.errorCode(), untranslatable.getMessage());
        }
        if (failure instanceof TransientEngineException) {
            LOG.infof("job %s attempt %d failed: %s", request.jobId(), attempt, failure.getMessage());
        } else {
            LOG.warnf(failure, "job %s attempt %d failed unexpectedly; retrying", request.jobId(), attempt);
        }
        if (attempt >= maxAttempts) {
            return failed(request, RETRIES_EXHAUSTED,
                    "translation failed " + attempt + " times, last: " + failure.getMessage());
        }
        Duration atLeast = failure instanceof TransientEngineException transientFailure
                ? transientFailure.retryAfter().orElse(Duration.ZERO)
                : Duration.ZERO;
        Duration delay = backoff.after(attempt, atLeast);
        return retries.schedule(request, attempt + 1, delay)
                .flatMap(scheduled -> publish(request, new RetryScheduled(Stage.TRANSLATE, attempt,
                        Instant.now().plus(delay), Optional.ofNullable(failure.getMessage())
                                .orElse(failure.getClass().getSimpleName()))))
                .invoke(() -> count("retried"));
    }

    private Uni<Void> stopIfCancelled(JobEvent<TranslateRequested> request) {
        return phases.phaseOf(request.jobId()).invoke(phase -> {
            if (phase.filter(JobPhase.CANCELLED::equals).isPresent()) {
                throw new JobCancelledException(request.jobId());
            }
        }).replaceWithVoid();
    }

    private Uni<Void> cancelled(JobEvent<TranslateRequested> request, String reason) {
        LOG.infof("job %s %s", request.jobId(), reason);
        return publish(request, new JobCancelled(reason)).invoke(() -> count("cancelled"));
    }

    private Uni<Void> failed(JobEvent<TranslateRequested> request, String code, String message) {
        LOG.infof("job %s failed (%s): %s", request.jobId(), code, message);
        return publish(request, new JobFailed(Stage.TRANSLATE, code, message)).invoke(() -> count("failed"));
    }

    /** Counts an attempt's outcome: {@code translator.attempts{outcome=translated|failed|cancelled|retried}}. */
    private void count(String outcome) {
        metrics.counter("translator.attempts", "outcome", outcome).increment();
    }

    /** A new event about the request's job, in the request's trace. */
    private Uni<Void> publish(JobEvent<TranslateRequested> request, EventPayload payload) {
        return events.publish(JobEvent.create(request.jobId(), source, payload).withTraceparent(request.traceparent()));
    }
}
