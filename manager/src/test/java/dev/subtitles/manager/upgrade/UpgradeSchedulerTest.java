package dev.subtitles.manager.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.event.payload.UpgradeRequested;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.OwnDatabase;
import dev.subtitles.manager.support.Projection;
import dev.subtitles.manager.support.PublishedEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which done jobs are searched again, when, and that each due search is asked for once. A database of its own, since
 * a round takes every due job of its database; the scheduler's own polling is off, the test runs the rounds.
 */
@QuarkusTest
@TestProfile(UpgradeSchedulerTest.HourlySearches.class)
class UpgradeSchedulerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String REQUESTED = EventType.UPGRADE_REQUESTED.routingKey();

    /** Searches every hour for at most a day, five jobs a round. */
    public static class HourlySearches extends OwnDatabase {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("upgrades.interval", "1H", "upgrades.max-age", "1D", "upgrades.score-below", "400",
                    "upgrades.batch-size", "5");
        }
    }

    @Inject
    UpgradeScheduler scheduler;

    @Inject
    Projection projection;

    @Inject
    SubtitleStore store;

    @Inject
    ManagerConfig config;

    @Inject
    Pool pool;

    private UpgradeRows rows;
    private PublishedEvents published;

    @BeforeEach
    void setUp() {
        rows = new UpgradeRows(pool);
        published = new PublishedEvents(config.exchange());
    }

    @AfterEach
    void tearDown() throws Exception {
        projection.clear();
        published.close();
    }

    @Test
    void poorMatchBecomesACandidateSearchedAgainOnceDue() {
        UUID firstFile = UUID.randomUUID();
        UUID job = doneJob("Paper Boats", ready(firstFile, 160));

        UpgradeRows.Candidate candidate = awaitCandidate(job);
        assertThat(candidate.originalFileId()).isEqualTo(firstFile);
        assertThat(candidate.version()).isEqualTo(1);
        assertThat(candidate.score()).isEqualTo(160.0);
        assertThat(candidate.machineTranslated()).isFalse();
        assertThat(candidate.searches()).isZero();
        assertThat(candidate.nextSearchAt()).isAfter(Instant.now().plus(Duration.ofMinutes(55)));
        roundsUntilNoneDue();
        assertThat(rows.outboxRows(job, REQUESTED)).isZero();

        rows.due(job, Duration.ofMinutes(90));
        roundsUntilNoneDue();

        UpgradeRequested request = (UpgradeRequested) awaitRequests(job, 1).get(0).payload();
        assertThat(request.video().title()).isEqualTo("Paper Boats");
        assertThat(request.language()).isEqualTo("pt-BR");
        assertThat(request.preferredProviders()).containsExactly("opensubtitles");
        assertThat(request.originalFileId()).isEqualTo(firstFile);
        assertThat(request.currentVersion()).isEqualTo(1);
        assertThat(request.currentScore()).isEqualTo(160.0);
        assertThat(request.search()).isEqualTo(1);
        UpgradeRows.Candidate searched = rows.of(job).orElseThrow();
        assertThat(searched.searches()).isEqualTo(1);
        assertThat(searched.lastSearchedAt()).isNotNull();
        assertThat(searched.nextSearchAt()).isAfter(Instant.now().plus(Duration.ofMinutes(55)));
    }

    @Test
    void machineTranslatedJobIsACandidate() {
        UUID job = doneJob("Salt Roads", new Translated(UUID.randomUUID(), "apertium", null, 12, "en", "pt-BR",
                SubtitleFormat.SRT));

        UpgradeRows.Candidate candidate = awaitCandidate(job);
        assertThat(candidate.machineTranslated()).isTrue();
        assertThat(candidate.score()).isNull();
    }

    @Test
    void goodMatchIsNoCandidate() {
        UUID job = doneJob("The Lighthouse Clock", ready(UUID.randomUUID(), 560));

        await().atMost(WAIT).until(() -> settled(job));
        assertThat(rows.of(job)).isEmpty();
    }

    @Test
    void concurrentRoundsRequestEachDueSearchOnce() {
        List<UUID> jobs = IntStream.range(0, 12).mapToObj(i -> doneJob("Due " + i, ready(UUID.randomUUID(), 120)))
                .toList();
        jobs.forEach(this::awaitCandidate);
        jobs.forEach(job -> rows.due(job, Duration.ofHours(2)));

        // Rounds in separate transactions, as several manager instances would run them.
        await().atMost(WAIT).until(() -> {
            Uni.join().all(scheduler.round(), scheduler.round(), scheduler.round()).andCollectFailures()
                    .await().atMost(WAIT);
            return jobs.stream().allMatch(job -> rows.of(job).orElseThrow().searches() == 1);
        });
        roundsUntilNoneDue();

        assertThat(jobs).allSatisfy(job -> assertThat(rows.outboxRows(job, REQUESTED)).isEqualTo(1));
        jobs.forEach(job -> awaitRequests(job, 1));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> jobs.stream().allMatch(job -> requestsOf(job).size() == 1));
    }

    @Test
    void jobPastItsMaxAgeIsLeftAlone() {
        UUID job = doneJob("Long Ago", ready(UUID.randomUUID(), 120));
        awaitCandidate(job);
        rows.due(job, Duration.ofHours(25));

        roundsUntilNoneDue();

        assertThat(rows.outboxRows(job, REQUESTED)).isZero();
        assertThat(rows.of(job).orElseThrow().nextSearchAt()).isNull();
    }

    @Test
    void lastSearchIsTheOneAfterWhichTheNextWouldPassTheMaxAge() {
        UUID job = doneJob("Almost A Day", ready(UUID.randomUUID(), 120));
        awaitCandidate(job);
        rows.due(job, Duration.ofHours(23).plusMinutes(30));

        roundsUntilNoneDue();

        assertThat(rows.outboxRows(job, REQUESTED)).isEqualTo(1);
        assertThat(rows.of(job).orElseThrow().nextSearchAt()).isNull();
    }

    @Test
    void jobUpgradedToAGoodMatchIsLeftAlone() {
        UUID job = doneJob("Better Now", ready(UUID.randomUUID(), 120));
        awaitCandidate(job);
        rows.version(job, 2, storedFile(job), "opensubtitles", 560);
        rows.due(job, Duration.ofHours(2));

        roundsUntilNoneDue();

        assertThat(rows.outboxRows(job, REQUESTED)).isZero();
        UpgradeRows.Candidate candidate = rows.of(job).orElseThrow();
        assertThat(candidate.version()).isEqualTo(2);
        assertThat(candidate.score()).isEqualTo(560.0);
        assertThat(candidate.nextSearchAt()).isNull();
    }

    @Test
    void searchAfterAnUpgradeNamesTheLatestVersion() {
        UUID job = doneJob("Translated First", new Translated(UUID.randomUUID(), "apertium", null, 3, "en", "pt-BR",
                SubtitleFormat.SRT));
        awaitCandidate(job);
        rows.version(job, 2, storedFile(job), "library", 200);
        rows.due(job, Duration.ofHours(2));

        roundsUntilNoneDue();

        UpgradeRequested request = (UpgradeRequested) awaitRequests(job, 1).get(0).payload();
        assertThat(request.currentVersion()).isEqualTo(2);
        assertThat(request.currentScore()).isEqualTo(200.0);
        assertThat(request.machineTranslated()).isFalse();
        assertThat(rows.of(job).orElseThrow().machineTranslated()).isFalse();
    }

    private UUID doneJob(String title, EventPayload result) {
        UUID job = Jobs.submit(title);
        projection.inRedis(job, result);
        return job;
    }

    private static SubtitleReady ready(UUID fileId, double score) {
        return new SubtitleReady(fileId, "opensubtitles", "pt-BR", score, List.of("title"), SubtitleFormat.SRT);
    }

    private UUID storedFile(UUID job) {
        return store.save(NewSubtitleFile.downloaded(job, "pt-BR", SubtitleFormat.SRT,
                "1\n00:00:01,000 --> 00:00:02,000\nOlá " + job + "\n", "opensubtitles")).await().atMost(WAIT).id();
    }

    private UpgradeRows.Candidate awaitCandidate(UUID job) {
        return await().atMost(WAIT).until(() -> rows.of(job), found -> found.isPresent()).orElseThrow();
    }

    private boolean settled(UUID job) {
        return pool.preparedQuery("select settled_at is not null as settled from manager.job where id = $1")
                .execute(Tuple.of(job)).await().atMost(WAIT).iterator().next()
                .getBoolean("settled");
    }

    private void roundsUntilNoneDue() {
        await().atMost(WAIT).until(() -> scheduler.round().await().atMost(WAIT) == 0);
    }

    private List<JobEvent<?>> requestsOf(UUID job) {
        return published.of(job).stream().map(PublishedEvents.Published::event)
                .filter(event -> event.type() == EventType.UPGRADE_REQUESTED).toList();
    }

    private List<JobEvent<?>> awaitRequests(UUID job, int count) {
        await().atMost(WAIT).until(() -> requestsOf(job).size() >= count);
        return requestsOf(job);
    }
}
