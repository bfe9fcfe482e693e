package dev.subtitles.manager.limits;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.projection.ProjectionConfig;
import dev.subtitles.common.redis.LuaScript;
import dev.subtitles.manager.service.DependencyUnavailableException;
import dev.subtitles.manager.service.Outages;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * How fast each tenant may submit: a token bucket per tenant in Redis, {@code manager.limits.submission-burst} tokens
 * deep and refilled at {@code manager.limits.submissions-per-second}, which every manager instance takes from, so the
 * rate holds for the deployment, not per instance. Its key is {@code <subtitles.projection.key-prefix>limit:submit:
 * <tenant>}.
 * <p>
 * One script call decides (no race between instances), on Redis' clock, so instances whose clocks differ still agree.
 * The key lives only until its bucket is full again: an idle tenant has no key. Without an answer from Redis within
 * {@code manager.dependencies.timeout}, or with Redis unreachable, the submission fails with
 * {@link DependencyUnavailableException} (503, like every request that needs Redis): never admitted unchecked, never
 * left waiting. Created at startup, so that settings out of range stop the start rather than the first submission.
 */
@Startup
@ApplicationScoped
public class SubmissionRateLimiter {

    private static final Logger LOG = Logger.getLogger(SubmissionRateLimiter.class);

    /**
     * The bucket is kept as the time it will be full again (the generic cell rate algorithm, which admits exactly
     * what a token bucket does with one number to store), in microseconds of Redis' clock ({@code TIME}). Arguments:
     * the microseconds between two tokens, those a full bucket holds, and how many tokens to take. Answers 0 when it
     * took them, else the microseconds until they are all there (taking nothing).
     */
    private static final LuaScript TAKE_TOKEN = new LuaScript("""
            local interval = tonumber(ARGV[1])
            local capacity = tonumber(ARGV[2])
            local tokens = tonumber(ARGV[3])
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
            local full_at = math.max(tonumber(redis.call('GET', KEYS[1])) or now, now)
            local next_full_at = full_at + interval * tokens
            local admitted_at = next_full_at - capacity
            if admitted_at > now then return math.ceil(admitted_at - now) end
            redis.call('SET', KEYS[1], string.format('%.0f', next_full_at),
              'PX', string.format('%.0f', math.ceil((next_full_at - now) / 1000)))
            return 0""");

    private final ReactiveRedisDataSource redis;
    private final Outages outages;
    private final LimitRefusals refusals;
    private final String keyPrefix;
    private final String intervalMicros;
    private final String capacityMicros;
    private final String refusal;
    private final int burst;

    public SubmissionRateLimiter(ReactiveRedisDataSource redis, ProjectionConfig projection, LimitsConfig limits,
            Outages outages, LimitRefusals refusals) {
        if (!(limits.submissionsPerSecond() > 0) || limits.submissionBurst() < 1) {
            throw new IllegalArgumentException("manager.limits.submissions-per-second must be above 0 and"
                    + " manager.limits.submission-burst at least 1");
        }
        this.redis = redis;
        this.outages = outages;
        this.refusals = refusals;
        this.keyPrefix = projection.keyPrefix().orElse("") + "limit:submit:";
        double interval = 1_000_000 / limits.submissionsPerSecond();
        this.intervalMicros = Double.toString(interval);
        this.capacityMicros = Double.toString(interval * limits.submissionBurst());
        this.burst = limits.submissionBurst();
        this.refusal = String.format(Locale.ROOT, "this tenant submits more than %s jobs per second (bursts of up"
                + " to %d)", rate(limits.submissionsPerSecond()), limits.submissionBurst());
    }

    /**
     * Takes one of {@code tenant}'s tokens.
     *
     * @return fails with {@link TooManyRequestsException} when the tenant has none left, its {@code retryAfter} the
     *         time until the next one; with {@link DependencyUnavailableException} when Redis does not answer
     */
    public Uni<Void> admit(String tenant) {
        return admit(tenant, 1);
    }

    /**
     * Takes {@code tokens} of {@code tenant}'s tokens at once (a batch of that many jobs), or none.
     *
     * @param tokens at least 1 and at most {@link #burst()}: more never fit in the bucket
     * @return fails as {@link #admit(String)} does, its {@code retryAfter} the time until that many tokens are there
     */
    @WithSpan("SubmissionRateLimiter.admit")
    public Uni<Void> admit(String tenant, int tokens) {
        if (tokens < 1 || tokens > burst) {
            throw new IllegalArgumentException("tokens must be 1 to " + burst + ", not " + tokens);
        }
        return outages.guard(TAKE_TOKEN.run(redis, 1, keyPrefix + tenant, intervalMicros, capacityMicros,
                Integer.toString(tokens)))
                .flatMap(answer -> {
                    long waitMicros = answer.toLong();
                    if (waitMicros <= 0) {
                        return Uni.createFrom().voidItem();
                    }
                    refusals.refused(LimitRefusals.SUBMISSION_RATE);
                    LOG.debugf("tenant %s is over its submission rate; a token is there in %d us", tenant, waitMicros);
                    return Uni.createFrom().failure(new TooManyRequestsException(refusal,
                            Duration.ofNanos(waitMicros * 1000)));
                });
    }

    /** The most tokens the bucket holds ({@code manager.limits.submission-burst}): the most one request can take. */
    public int burst() {
        return burst;
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
