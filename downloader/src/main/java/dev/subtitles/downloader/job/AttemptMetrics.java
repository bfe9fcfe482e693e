package dev.subtitles.downloader.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts how download attempts end ({@code downloader.attempts}, tag {@code outcome}), for {@code /q/metrics}. Every
 * series is registered at start, so each shows 0 before its first increment. (The shared wiring counts the
 * dead-lettered messages, {@code downloader.dead.letters}.)
 */
@Startup
@ApplicationScoped
public class AttemptMetrics {

    /** How a delivery can end. */
    static final List<String> OUTCOMES = List.of("ready", "translate", "failed", "cancelled", "timed-out", "retry",
            "duplicate", "busy", "deferred", "skipped", "taken-over");

    private final Map<String, Counter> attempts = new HashMap<>();

    public AttemptMetrics(MeterRegistry registry) {
        for (String outcome : OUTCOMES) {
            attempts.put(outcome, Counter.builder("downloader.attempts").description("Deliveries of download requests"
                    + " by how they ended").tag("outcome", outcome).register(registry));
        }
    }

    /**
     * One delivery ended with {@code outcome} (ready, translate, failed, cancelled, timed-out, retry, duplicate, busy,
     * deferred, skipped, taken-over).
     */
    public void attempt(String outcome) {
        attempts.get(outcome).increment();
    }
}
