package dev.subtitles.translator.job;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.translator.config.TranslatorConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The translator's own counters, registered at start (every series shows 0 before its first increment):
 * {@code translator.attempts{outcome}} and {@code translator.cues.translated{engine}} for the configured engine. (The
 * shared wiring counts the dead-lettered messages, {@code translator.dead.letters}.)
 */
@Startup
@ApplicationScoped
public class AttemptMetrics {

    /** How an attempt ends. */
    public enum Outcome {
        TRANSLATED,
        FAILED,
        RETRIED,
        DROPPED,
        DEFERRED
    }

    private final Map<Outcome, Counter> attempts = new EnumMap<>(Outcome.class);
    private final Counter cues;

    public AttemptMetrics(MeterRegistry registry, TranslatorConfig config) {
        for (Outcome outcome : Outcome.values()) {
            attempts.put(outcome, Counter.builder("translator.attempts").description("Translation attempts by how they"
                    + " ended").tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        cues = Counter.builder("translator.cues.translated").description("Cues translated")
                .tag("engine", config.engine()).register(registry);
    }

    void attempt(Outcome outcome) {
        attempts.get(outcome).increment();
    }

    void translated(int cueCount) {
        cues.increment(cueCount);
    }
}
