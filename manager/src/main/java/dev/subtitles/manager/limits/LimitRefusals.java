package dev.subtitles.manager.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts the requests refused for being over a limit, by limit: {@code manager_limits_refusals_total{limit}}. Not by
 * tenant, whose number has no bound; the refusal's debug log line names the tenant. The limits known here are
 * exported at zero from the start.
 */
@Startup
@ApplicationScoped
public class LimitRefusals {

    /** The limit on how fast a tenant submits ({@link SubmissionRateLimiter}). */
    public static final String SUBMISSION_RATE = "submission-rate";
    /** The limit on a tenant's open live connections ({@link LiveConnectionLimits}). */
    public static final String LIVE_CONNECTIONS = "live-connections";
    /** The limit on a tenant's jobs that have not ended ({@code service/JobsInFlight}). */
    public static final String JOBS_IN_FLIGHT = "jobs-in-flight";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public LimitRefusals(MeterRegistry registry) {
        this.registry = registry;
        counter(SUBMISSION_RATE);
        counter(LIVE_CONNECTIONS);
        counter(JOBS_IN_FLIGHT);
    }

    /** One request was refused for being over {@code limit}. */
    public void refused(String limit) {
        counter(limit).increment();
    }

    private Counter counter(String limit) {
        return counters.computeIfAbsent(limit, name -> Counter.builder("manager.limits.refusals").tag("limit", name)
                .description("Requests refused with 429 for being over a per-tenant limit").register(registry));
    }
}
