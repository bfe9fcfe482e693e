package dev.subtitles.manager.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.manager.config.ManagerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Jobs that ended longer ago than the retention age go with their event log, files and the contents only they used;
 * running jobs, recent jobs and shared contents stay.
 */
@QuarkusTest
@TestProfile(CleanUpRounds.class)
class JobRetentionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration OLD = Duration.ofDays(31);
    private static final String SHARED = "a".repeat(64);
    private static final String OWN = "b".repeat(64);
    private static final String RUNNING = "c".repeat(64);

    @Inject
    JobRetention retention;

    @Inject
    Pool pool;

    @Inject
    ManagerConfig config;

    @Inject
    MeterRegistry registry;

    RetentionRows rows;

    @BeforeEach
    void setUp() {
        rows = new RetentionRows(pool, config.projection().eventLogSchema());
        rows.run("delete from manager.job");
    }

    @Test
    void deletesAnEndedJobWithItsEventsFilesAndTheContentsOnlyItUsed() {
        UUID ended = rows.job(OLD.plusDays(1), OLD);
        UUID source = rows.file(ended, SHARED, null);
        rows.file(ended, OWN, source);
        UUID recent = rows.job(Duration.ofDays(2), Duration.ofDays(1));
        rows.file(recent, SHARED, null);
        UUID running = rows.job(OLD.plusDays(10), null);
        rows.file(running, RUNNING, null);
        double jobsBefore = removed("job");
        double contentsBefore = removed("subtitle_content");

        assertThat(retention.round().await().atMost(WAIT)).isEqualTo(1);

        assertThat(rows.count("manager.job", "id", ended)).isZero();
        assertThat(rows.count("manager.idempotency_key", "job_id", ended)).isZero();
        assertThat(rows.events(ended)).isZero();
        assertThat(rows.count("subtitles.subtitle_file", "job_id", ended)).isZero();
        assertThat(rows.count("subtitles.subtitle_content", "sha256", OWN)).isZero();
        assertThat(rows.count("subtitles.subtitle_content", "sha256", SHARED)).isEqualTo(1);
        for (UUID kept : List.of(recent, running)) {
            assertThat(rows.count("manager.job", "id", kept)).isEqualTo(1);
            assertThat(rows.events(kept)).isEqualTo(3);
            assertThat(rows.count("subtitles.subtitle_file", "job_id", kept)).isEqualTo(1);
        }
        assertThat(rows.count("subtitles.subtitle_content", "sha256", RUNNING)).isEqualTo(1);
        assertThat(removed("job") - jobsBefore).isEqualTo(1);
        assertThat(removed("subtitle_content") - contentsBefore).isEqualTo(1);
    }

    @Test
    void cleanRunsRoundsOfTheBatchSizeUntilNoEndedJobIsLeft() {
        List<UUID> ended = IntStream.range(0, 5).mapToObj(i -> rows.job(OLD.plusDays(i + 1), OLD.plusDays(i)))
                .toList();

        retention.clean().await().atMost(WAIT);

        assertThat(ended).allSatisfy(job -> assertThat(rows.count("manager.job", "id", job)).isZero());
    }

    @Test
    void roundsAtOnceAsFromTwoInstancesNeitherFailNorOverlap() {
        IntStream.range(0, 4).forEach(i -> rows.job(OLD.plusDays(1), OLD));

        List<Integer> deleted = Uni.join().all(retention.round(), retention.round(), retention.round())
                .andFailFast().await().atMost(WAIT);

        assertThat(deleted).allSatisfy(count -> assertThat(count).isBetween(0, 2));
        assertThat(deleted.stream().mapToInt(Integer::intValue).sum()).isBetween(2, 4);
        retention.clean().await().atMost(WAIT);
        assertThat(rows.count("manager.job", "video_title", "Retention")).isZero();
    }

    private double removed(String table) {
        return registry.get("manager.retention.removed").tag("table", table).counter().count();
    }
}
