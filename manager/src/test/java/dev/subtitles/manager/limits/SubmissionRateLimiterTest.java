package dev.subtitles.manager.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.manager.service.DependencyUnavailableException;
import dev.subtitles.manager.service.Outages;
import dev.subtitles.manager.support.ServerLink;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The submission token bucket against the real Redis, with limits and a key prefix of the test's own. The manager's
 * Redis client reaches Redis through the test proxy ({@link ServerLink#REDIS}); a second client, straight to Redis,
 * stands for a second manager instance.
 */
@QuarkusTest
class SubmissionRateLimiterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String prefix = "test-limits-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<String> tenants = new ArrayList<>();

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    RedisDataSource blockingRedis;
    @Inject
    Outages outages;
    @Inject
    LimitRefusals refusals;
    @Inject
    MeterRegistry registry;
    @Inject
    Vertx vertx;

    @AfterEach
    void deleteBuckets() {
        tenants.forEach(tenant -> blockingRedis.key().del(bucket(tenant)));
        tenants.clear();
    }

    @Test
    void burstIsAdmittedThenRefusedWithTheTimeUntilTheNextToken() {
        SubmissionRateLimiter limiter = limiter(redis, TestLimits.submissions(2, 3));
        String tenant = tenant();

        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            admit(limiter, tenant);
        }
        Duration retryAfter = refusal(limiter, tenant).retryAfter();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // The fourth token comes 500 ms after the first was taken.
        assertThat(retryAfter).isLessThanOrEqualTo(Duration.ofMillis(500))
                .isGreaterThanOrEqualTo(Duration.ofMillis(500).minus(elapsed).minusMillis(5));
    }

    @Test
    void refusalTakesNoTokenAndTokensComeBackAtTheRate() {
        SubmissionRateLimiter limiter = limiter(redis, TestLimits.submissions(5, 1));
        String tenant = tenant();
        admit(limiter, tenant);
        Duration first = refusal(limiter, tenant).retryAfter();
        Duration second = refusal(limiter, tenant).retryAfter();
        assertThat(second).isLessThanOrEqualTo(first);

        await().pollDelay(second).atMost(second.plus(WAIT)).until(() -> admitted(limiter, tenant));

        // Just taken: the next token is one interval (200 ms) away.
        assertThat(refusal(limiter, tenant).retryAfter()).isLessThanOrEqualTo(Duration.ofMillis(200))
                .isGreaterThan(Duration.ofMillis(150));
    }

    @Test
    void managerInstancesShareOneBucket() {
        TestLimits limits = TestLimits.submissions(0.1, 4);
        Redis secondClient = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        try {
            SubmissionRateLimiter one = limiter(redis, limits);
            SubmissionRateLimiter other = limiter(new ReactiveRedisDataSourceImpl(vertx, secondClient,
                    RedisAPI.api(secondClient)), limits);
            String tenant = tenant();

            admit(one, tenant);
            admit(other, tenant);
            admit(one, tenant);
            admit(other, tenant);

            assertThat(refusal(one, tenant).retryAfter()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
            assertThat(refusal(other, tenant).retryAfter()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        } finally {
            secondClient.close();
        }
    }

    @Test
    void tenantsHaveBucketsOfTheirOwn() {
        SubmissionRateLimiter limiter = limiter(redis, TestLimits.submissions(0.1, 1));
        String busy = tenant();
        String quiet = tenant();
        admit(limiter, busy);
        refusal(limiter, busy);

        admit(limiter, quiet);
    }

    @Test
    void bucketKeyLastsOnlyUntilTheBucketIsFullAgain() {
        SubmissionRateLimiter limiter = limiter(redis, TestLimits.submissions(10, 2));
        String tenant = tenant();
        admit(limiter, tenant);

        assertThat(blockingRedis.key().pttl(bucket(tenant))).isBetween(1L, 100L);
        await().atMost(WAIT).until(() -> !blockingRedis.key().exists(bucket(tenant)));
    }

    @Test
    void refusalsAreCountedByLimit() {
        SubmissionRateLimiter limiter = limiter(redis, TestLimits.submissions(0.1, 1));
        String tenant = tenant();
        double before = refusalCount();
        admit(limiter, tenant);
        refusal(limiter, tenant);
        refusal(limiter, tenant);

        assertThat(refusalCount()).isEqualTo(before + 2);
    }

    @Test
    void redisUnreachableFailsTheSubmissionAsUnavailableWithinTheTimeout() {
        SubmissionRateLimiter limiter = limiter(redis, TestLimits.submissions(1, 1));
        String tenant = tenant();
        ServerLink.REDIS.cut();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> limiter.admit(tenant).await().atMost(WAIT))
                    .isInstanceOf(DependencyUnavailableException.class);
            // manager.dependencies.timeout is 5 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        } finally {
            ServerLink.REDIS.restore();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> admitted(limiter, tenant));
    }

    private SubmissionRateLimiter limiter(ReactiveRedisDataSource client, TestLimits limits) {
        return new SubmissionRateLimiter(client, new TestLimits.Prefix(prefix), limits, outages, refusals);
    }

    private String tenant() {
        String tenant = "tenant-" + (tenants.size() + 1);
        tenants.add(tenant);
        return tenant;
    }

    private String bucket(String tenant) {
        return prefix + "limit:submit:" + tenant;
    }

    private static void admit(SubmissionRateLimiter limiter, String tenant) {
        limiter.admit(tenant).await().atMost(WAIT);
    }

    private static boolean admitted(SubmissionRateLimiter limiter, String tenant) {
        try {
            admit(limiter, tenant);
            return true;
        } catch (TooManyRequestsException | DependencyUnavailableException e) {
            return false;
        }
    }

    private static TooManyRequestsException refusal(SubmissionRateLimiter limiter, String tenant) {
        try {
            admit(limiter, tenant);
        } catch (TooManyRequestsException e) {
            assertThat(e.retryAfter()).isPositive();
            return e;
        }
        throw new AssertionError("tenant " + tenant + " was admitted, expected a refusal");
    }

    private double refusalCount() {
        return registry.get("manager.limits.refusals").tag("limit", LimitRefusals.SUBMISSION_RATE).counter().count();
    }
}
