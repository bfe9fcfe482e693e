package dev.subtitles.common.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.testing.LocalRedis;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/** Against the local Redis, under a key prefix of its own. */
class JobOutcomesTest {

    private static final ProjectionKeys KEYS = new ProjectionKeys("test:common:" + UUID.randomUUID() + ":");
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();

    private final ReactiveRedisDataSource redis = REDIS.dataSource();
    private final JobOutcomes outcomes = new JobOutcomes(redis, KEYS, Duration.ofMinutes(1));
    private final List<UUID> jobs = new ArrayList<>();

    @AfterEach
    void deleteKeys() {
        for (UUID job : jobs) {
            redis.execute("DEL", KEYS.outcome(job)).await().atMost(WAIT);
        }
    }

    @Test
    void firstOutcomeStands() {
        UUID job = job();

        assertThat(await(outcomes.decide(job, Outcome.CANCELLED))).isEqualTo(Outcome.CANCELLED);
        assertThat(await(outcomes.decide(job, Outcome.FINISHED))).isEqualTo(Outcome.CANCELLED);
        assertThat(await(outcomes.decided(job))).contains(Outcome.CANCELLED);
    }

    @Test
    void sameOutcomeDecidedAgainStands() {
        UUID job = job();

        await(outcomes.decide(job, Outcome.FINISHED));

        assertThat(await(outcomes.decide(job, Outcome.FINISHED))).isEqualTo(Outcome.FINISHED);
    }

    @Test
    void openJobHasNoOutcome() {
        assertThat(await(outcomes.decided(job()))).isEqualTo(Optional.empty());
    }

    @Test
    void decisionExpiresAfterRetention() {
        UUID job = job();

        await(outcomes.decide(job, Outcome.TIMED_OUT));

        long ttl = await(redis.execute("PTTL", KEYS.outcome(job))).toLong();
        assertThat(ttl).isBetween(1L, Duration.ofMinutes(1).toMillis());
    }

    private UUID job() {
        UUID job = UUID.randomUUID();
        jobs.add(job);
        return job;
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
