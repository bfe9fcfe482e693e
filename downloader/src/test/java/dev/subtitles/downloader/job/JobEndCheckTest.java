package dev.subtitles.downloader.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.worker.JobPhases;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/** Whether a running attempt stops, against the local Redis under a key prefix of this test's own. */
class JobEndCheckTest {

    private static final String PREFIX = "test:downloader:end-check:" + UUID.randomUUID() + ":";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Vertx vertx;
    private static Redis client;
    private static ReactiveRedisDataSource redis;
    private static JobPhases phases;
    private static JobOutcomes outcomes;

    private final UUID jobId = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
        phases = new JobPhases(redis, PREFIX + "job:");
        outcomes = new JobOutcomes(redis, PREFIX + "outcome:", Duration.ofMinutes(1));
    }

    @AfterAll
    static void disconnect() {
        client.close();
        vertx.closeAndAwait();
    }

    @AfterEach
    void removeKeys() {
        redis.execute("DEL", phases.key(jobId), outcomes.key(jobId)).await().atMost(WAIT);
    }

    private boolean stops() {
        return new JobEndCheck(redis, phases, outcomes).cancelledOrTimedOut(jobId).await().atMost(WAIT);
    }

    /** The phase the event-consumer's projection shows for the job. */
    private void projectPhase(String phase) {
        redis.execute("HSET", phases.key(jobId), JobPhases.PHASE_FIELD, phase).await().atMost(WAIT);
    }

    private void decide(Outcome outcome) {
        outcomes.decide(jobId, outcome).await().atMost(WAIT);
    }

    @Test
    void jobTheProjectionHasNotSeenGoesOn() {
        assertThat(stops()).isFalse();
    }

    @Test
    void jobInAnOpenPhaseGoesOn() {
        projectPhase(JobPhase.DOWNLOAD_IN_PROGRESS.name());

        assertThat(stops()).isFalse();
    }

    @Test
    void jobProjectedCancelledStops() {
        projectPhase(JobPhase.CANCELLED.name());

        assertThat(stops()).isTrue();
    }

    @Test
    void jobProjectedDoneGoesOnToPublishItsResultAgain() {
        projectPhase(JobPhase.DONE.name());

        assertThat(stops()).isFalse();
    }

    @Test
    void jobWhoseCancellationStandsStops() {
        projectPhase(JobPhase.DOWNLOAD_IN_PROGRESS.name());
        decide(Outcome.CANCELLED);

        assertThat(stops()).isTrue();
    }

    @Test
    void jobWhoseTimeOutStandsStops() {
        decide(Outcome.TIMED_OUT);

        assertThat(stops()).isTrue();
    }

    @Test
    void jobDecidedFinishedGoesOn() {
        decide(Outcome.FINISHED);

        assertThat(stops()).isFalse();
    }

    @Test
    void jobWithAnUnknownPhaseGoesOn() {
        projectPhase("ARCHIVED");

        assertThat(stops()).isFalse();
    }

    @Test
    void jobWithAnUnknownOutcomeGoesOn() {
        redis.execute("SET", outcomes.key(jobId), "abandoned").await().atMost(WAIT);

        assertThat(stops()).isFalse();
    }

    @Test
    void jobWhosePhaseCannotBeReadStillStopsOnItsCancellation() {
        redis.execute("SET", phases.key(jobId), "not a hash").await().atMost(WAIT);
        decide(Outcome.CANCELLED);

        assertThat(stops()).isTrue();
    }

    @Test
    void jobGoesOnWhenRedisCannotBeAsked() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Redis away = Redis.createClient(vertx, "redis://localhost:" + closedPort);
        try {
            JobEndCheck check = new JobEndCheck(new ReactiveRedisDataSourceImpl(vertx, away, RedisAPI.api(away)),
                    phases, outcomes);

            assertThat(check.cancelledOrTimedOut(jobId).await().atMost(WAIT)).isFalse();
        } finally {
            away.close();
        }
    }
}
