package dev.subtitles.downloader.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts how download attempts end ({@code downloader.attempts}, tag {@code outcome}) and how many messages were
 * dead-lettered ({@code downloader.dead.letters}), for {@code /q/metrics}.
 */
@ApplicationScoped
public class AttemptMetrics {

    private final MeterRegistry registry;

    public AttemptMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One delivery ended with {@code outcome} (ready, translate, failed, cancelled, timed-out, retry, duplicate, busy,
     * deferred, skipped, taken-over).
     */
    public void attempt(String outcome) {
        registry.counter("downloader.attempts", "outcome", outcome).increment();
    }

    /** One message went to the DLQ. */
    public void deadLettered() {
        registry.counter("downloader.dead.letters").increment();
    }
}
