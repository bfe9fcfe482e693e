package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.service.DeadlineSweep;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.OwnDatabase;
import dev.subtitles.manager.support.Projection;
import dev.subtitles.manager.support.PublishedEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * A job nothing ends within the deadline (3 s here) ends as failed, once; jobs that ended, or whose worker holds
 * their end, are left alone. A database of its own, since the sweep acts on every job of its database.
 */
@QuarkusTest
@TestProfile(DeadlineSweepTest.ShortDeadline.class)
class DeadlineSweepTest {

    private static final Duration DEADLINE = Duration.ofSeconds(3);

    public static class ShortDeadline extends OwnDatabase {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("manager.deadline.timeout", "3s", "manager.deadline.sweep-interval", "1s",
                    "%test.manager.deadline.sweep-interval", "1s");
        }

    }

    @Inject
    ManagerConfig config;

    @Inject
    JobOutcomes outcomes;

    @Inject
    DeadlineSweep sweep;

    @Inject
    Projection projection;

    PublishedEvents published;

    @BeforeEach
    void setUp() {
        published = new PublishedEvents(config.exchange());
    }

    @AfterEach
    void tearDown() throws Exception {
        projection.clear();
        published.close();
    }

    @Test
    void jobNothingEndsFailsWithDeadlineExceededOnce() {
        UUID job = Jobs.submit("Lost in the pipeline");

        await().atMost(DEADLINE.plusSeconds(15)).until(() -> published.of(job).size() == 2);
        PublishedEvents.Published failed = published.of(job).get(1);
        assertThat(failed.event().type()).isEqualTo(EventType.JOB_FAILED);
        assertThat(((JobFailed) failed.event().payload()).errorCode()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(outcomes.decided(job).await().atMost(Duration.ofSeconds(5))).hasValue(Outcome.TIMED_OUT);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> published.of(job).size() == 2);

        given().when().delete("/jobs/" + job).then().statusCode(409)
                .body("type", is("urn:subtitles:problem:job-finished"));
    }

    @Test
    void concurrentRoundsEndEachOverdueJobOnce() {
        List<UUID> jobs = IntStream.range(0, 12).mapToObj(i -> Jobs.submit("Overdue " + i)).toList();

        // Rounds in separate transactions, as several instances would run them, alongside the scheduled one.
        await().pollDelay(DEADLINE).atMost(DEADLINE.plusSeconds(15)).until(() -> {
            Uni.join().all(sweep.round(), sweep.round(), sweep.round()).andCollectFailures()
                    .await().atMost(Duration.ofSeconds(20));
            return jobs.stream().allMatch(job -> published.of(job).size() >= 2);
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> jobs.stream().allMatch(job -> published.of(job).size() == 2));
        assertThat(jobs).allSatisfy(job -> assertThat(published.of(job).get(1).event().type())
                .isEqualTo(EventType.JOB_FAILED));
    }

    @Test
    void cancellationDecidedButNeverWrittenIsCompletedByTheSweep() {
        UUID job = Jobs.submit("Cancelled, then the manager crashed");
        // What a manager that crashed between the decision and the outbox append leaves behind.
        outcomes.decide(job, Outcome.CANCELLED).await().atMost(Duration.ofSeconds(5));

        await().atMost(DEADLINE.plusSeconds(15)).until(() -> published.of(job).size() == 2);
        assertThat(published.of(job).get(1).event().type()).isEqualTo(EventType.JOB_CANCELLED);
        assertThat(outcomes.decided(job).await().atMost(Duration.ofSeconds(5))).hasValue(Outcome.CANCELLED);
    }

    @Test
    void jobThatEndedOrWhoseWorkerHoldsItsEndIsLeftAlone() {
        UUID done = Jobs.submit("Done in time");
        projection.inRedis(done,
                new SubtitleReady(UUID.randomUUID(), "opensubtitles", "pt-BR", 1.0, List.of(), SubtitleFormat.SRT));
        UUID finishing = Jobs.submit("Finishing");
        outcomes.decide(finishing, Outcome.FINISHED).await().atMost(Duration.ofSeconds(5));
        UUID overdue = Jobs.submit("Overdue");

        // Once the overdue job has been ended, the sweep has been past the other two as well.
        await().atMost(DEADLINE.plusSeconds(15)).until(() -> published.of(overdue).size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> published.of(done).size() == 1 && published.of(finishing).size() == 1);
        assertThat(outcomes.decided(done).await().atMost(Duration.ofSeconds(5))).isEmpty();
        assertThat(outcomes.decided(finishing).await().atMost(Duration.ofSeconds(5))).hasValue(Outcome.FINISHED);
    }
}
