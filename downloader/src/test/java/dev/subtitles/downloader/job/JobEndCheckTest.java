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

import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.JobHash;
import io.vertx.mutiny.redis.client.Redis;

/** Whether a running attempt stops, against the local Redis under a key prefix of this test's own. */
class JobEndCheckTest {

    private static final String PREFIX = "test:downloader:end-check:" + UUID.randomUUID() + ":";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static JobKeysRedis keys;

    private final UUID jobId = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        keys = JobKeysRedis.connect(PREFIX);
    }

    @AfterAll
    static void disconnect() {
        keys.close();
    }

    @AfterEach
    void removeKeys() {
        keys.redis().execute("DEL", keys.phases().key(jobId), keys.outcomes().key(jobId)).await().atMost(WAIT);
    }

    private boolean stops() {
        return new JobEndCheck(keys.redis(), keys.phases(), keys.outcomes()).cancelledOrTimedOut(jobId).await().atMost(WAIT);
    }

    /** The phase the event-consumer's projection shows for the job. */
    private void projectPhase(String phase) {
        keys.redis().execute("HSET", keys.phases().key(jobId), JobHash.PHASE, phase).await().atMost(WAIT);
    }

    private void decide(Outcome outcome) {
        keys.outcomes().decide(jobId, outcome).await().atMost(WAIT);
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
        keys.redis().execute("SET", keys.outcomes().key(jobId), "abandoned").await().atMost(WAIT);

        assertThat(stops()).isFalse();
    }

    @Test
    void jobWhosePhaseCannotBeReadStillStopsOnItsCancellation() {
        keys.redis().execute("SET", keys.phases().key(jobId), "not a hash").await().atMost(WAIT);
        decide(Outcome.CANCELLED);

        assertThat(stops()).isTrue();
    }

    @Test
    void jobGoesOnWhenRedisCannotBeAsked() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Redis away = Redis.createClient(keys.vertx(), "redis://localhost:" + closedPort);
        try {
            JobEndCheck check = new JobEndCheck(JobKeysRedis.dataSource(keys.vertx(), away),
                    keys.phases(), keys.outcomes());

            assertThat(check.cancelledOrTimedOut(jobId).await().atMost(WAIT)).isFalse();
        } finally {
            away.close();
        }
    }
}
