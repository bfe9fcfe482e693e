package dev.subtitles.eventconsumer.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.metrics.DurationBuckets;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * How jobs end, counted once per job (by the event that moved it into its terminal phase, whichever instance projects
 * it): {@code subtitles.jobs.done{via, source, language}} (via {@code download} with the provider as source, or
 * {@code translate} with the engine), {@code subtitles.jobs.failed{stage, error_code}}, {@code subtitles.jobs.cancelled},
 * and {@code subtitles.job.duration{outcome}} from submission to the end. Every series is registered at start over the
 * configured providers, engines and languages (anything else counts as {@code other}), so recording is a map lookup
 * and an increment.
 */
@Startup
@ApplicationScoped
public class JobOutcomeMetrics {

    /** The tag value of anything not in the configured lists. */
    static final String OTHER = "other";

    private final Map<String, Map<String, Counter>> downloaded;
    private final Map<String, Map<String, Counter>> translated;
    private final Map<Stage, Map<ErrorCode, Counter>> failed = new EnumMap<>(Stage.class);
    private final Counter cancelled;
    private final Map<JobPhase, Timer> durations = new EnumMap<>(JobPhase.class);

    public JobOutcomeMetrics(MeterRegistry registry, EventConsumerConfig config) {
        List<String> languages = withOther(config.metrics().languages());
        downloaded = done(registry, "download", withOther(config.metrics().providers()), languages);
        translated = done(registry, "translate", withOther(config.metrics().engines()), languages);
        for (Stage stage : Stage.values()) {
            Map<ErrorCode, Counter> codes = new EnumMap<>(ErrorCode.class);
            for (ErrorCode code : ErrorCode.values()) {
                codes.put(code, Counter.builder("subtitles.jobs.failed").description("Jobs that ended failed")
                        .tag("stage", tag(stage)).tag("error_code", code.name()).register(registry));
            }
            failed.put(stage, codes);
        }
        cancelled = Counter.builder("subtitles.jobs.cancelled").description("Jobs that ended cancelled")
                .register(registry);
        for (JobPhase phase : List.of(JobPhase.DONE, JobPhase.FAILED, JobPhase.CANCELLED)) {
            durations.put(phase, DurationBuckets.timer("subtitles.job.duration")
                    .description("From a job's submission (its subtitle.download.requested) to its terminal event")
                    .tag("outcome", tag(phase)).register(registry));
        }
    }

    /**
     * {@code event} moved its job into its terminal phase; {@code submittedAt} is the time of the job's
     * {@code subtitle.download.requested}, {@code null} when it is not known.
     */
    void ended(JobEvent<?> event, JobPhase phase, Instant submittedAt) {
        if (event.payload() instanceof SubtitleReady ready) {
            count(downloaded, ready.provider(), ready.language());
        } else if (event.payload() instanceof Translated done) {
            count(translated, done.engine(), done.targetLanguage());
        } else if (event.payload() instanceof JobFailed failure) {
            failed.get(failure.stage()).get(ErrorCode.of(failure.errorCode())).increment();
        } else {
            cancelled.increment();
        }
        Timer duration = durations.get(phase);
        if (submittedAt != null && duration != null) {
            duration.record(Duration.between(submittedAt, event.time()));
        }
    }

    private static void count(Map<String, Map<String, Counter>> counters, String source, String language) {
        Map<String, Counter> bySource = counters.getOrDefault(source, counters.get(OTHER));
        bySource.getOrDefault(language, bySource.get(OTHER)).increment();
    }

    private static Map<String, Map<String, Counter>> done(MeterRegistry registry, String via, List<String> sources,
            List<String> languages) {
        Map<String, Map<String, Counter>> bySource = new HashMap<>();
        for (String source : sources) {
            Map<String, Counter> byLanguage = new HashMap<>();
            for (String language : languages) {
                byLanguage.put(language, Counter.builder("subtitles.jobs.done").description("Jobs that ended with a"
                        + " subtitle").tag("via", via).tag("source", source).tag("language", language)
                        .register(registry));
            }
            bySource.put(source, byLanguage);
        }
        return bySource;
    }

    private static List<String> withOther(List<String> names) {
        List<String> all = new ArrayList<>(names);
        all.add(OTHER);
        return all;
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
