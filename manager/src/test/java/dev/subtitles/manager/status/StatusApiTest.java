package dev.subtitles.manager.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.status.Heartbeats;
import dev.subtitles.common.status.InstanceHeartbeat;
import dev.subtitles.common.status.InstanceReport;
import dev.subtitles.common.status.LastProblem;
import dev.subtitles.common.status.SearchCacheCounters;
import dev.subtitles.common.status.StatusConfig;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** {@code GET /admin/status} against the local broker, Redis and PostgreSQL. */
@QuarkusTest
@TestProfile(StatusProfile.class)
class StatusApiTest {

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    RedisDataSource redis;

    @Inject
    StatusConfig statusConfig;

    @Inject
    Projection projection;

    private Heartbeats heartbeats;

    @BeforeEach
    void setUp() {
        heartbeats = new Heartbeats(reactiveRedis, statusConfig);
    }

    @AfterEach
    void clear() {
        projection.clear();
        redis.key().del(StatusProfile.KEY_PREFIX + "instances", SearchCacheCounters.key(statusConfig));
    }

    @Test
    void queuesShowReadyMessagesConsumersAndDeadLettersAndUnknownWhenUndeclared() throws Exception {
        try (TestQueues downloads = TestQueues.declare(StatusProfile.DOWNLOADS)) {
            downloads.deadLetterCopy("event-1", UUID.randomUUID().toString(), "broken");
            downloads.rejected("event-2", UUID.randomUUID().toString());
            downloads.deadLetterCopy("event-3", UUID.randomUUID().toString(), "broken");

            given().when().get("/admin/status").then().statusCode(200)
                    .body("queues.name", contains(StatusProfile.DOWNLOADS, StatusProfile.TRANSLATIONS))
                    .body("queues[0].ready", is(0))
                    .body("queues[0].consumers", is(0))
                    .body("queues[0].deadLettered", is(3))
                    .body("queues[1].ready", nullValue())
                    .body("queues[1].deadLettered", nullValue())
                    .body("unavailable", empty());
        }
    }

    @Test
    void instancesShowTheirHeartbeatAndThoseThatStoppedBeatingShowAsLost() {
        Instant now = Instant.now();
        heartbeats.beat(new InstanceReport("downloader", "d-1", "1.2.3", 8, 3, now.minusSeconds(60), now,
                "Provider opensubtitles failed", now.minusSeconds(5))).await().indefinitely();
        heartbeats.beat(new InstanceReport("translator", "t-1", "1.2.3", 4, null, now.minusSeconds(60), now,
                null, null)).await().indefinitely();
        redis.key().del(StatusProfile.KEY_PREFIX + "instance:translator/t-1");

        JsonPath status = given().when().get("/admin/status").then().statusCode(200).extract().jsonPath();

        assertThat(status.getList("instances.instance")).containsExactly("d-1", "t-1");
        assertThat(status.getBoolean("instances[0].alive")).isTrue();
        assertThat(status.getInt("instances[0].concurrency")).isEqualTo(8);
        assertThat(status.getInt("instances[0].inFlight")).isEqualTo(3);
        assertThat(status.getString("instances[0].version")).isEqualTo("1.2.3");
        assertThat(status.getString("instances[0].lastError")).isEqualTo("Provider opensubtitles failed");
        assertThat(status.getBoolean("instances[1].alive")).isFalse();
        assertThat(Instant.parse(status.getString("instances[1].lastBeatAt")).toEpochMilli())
                .isEqualTo(now.toEpochMilli());
    }

    @Test
    void aRunningHeartbeatReportsTheLastWarningAndIsRemovedWhenItStops() {
        LastProblem problems = LastProblem.listen(Clock.systemUTC());
        InstanceHeartbeat heartbeat = new InstanceHeartbeat(heartbeats, "event-consumer", "ec-1", "9.9", 1,
                () -> 2, problems, Duration.ofMillis(200), Clock.systemUTC());
        heartbeat.start();
        try {
            Logger.getLogger("dev.subtitles.test").warnf("Event %s cannot be stored", "e-42");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/admin/status").then()
                    .body("instances", hasSize(1))
                    .body("instances[0].service", is("event-consumer"))
                    .body("instances[0].alive", is(true))
                    .body("instances[0].inFlight", is(2))
                    .body("instances[0].lastError", is("Event e-42 cannot be stored")));
        } finally {
            heartbeat.close();
        }
        given().when().get("/admin/status").then().body("instances", empty());
    }

    @Test
    void jobsShowWhatEndedInTheLastHourWithThroughputSlotsAndStageTimes() {
        UUID done = Jobs.submit("Status done");
        Jobs.submit("Status queued");
        projection.inRedis(done, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(done,
                new SubtitleReady(UUID.randomUUID(), "library", "es", 0.9, List.of(), SubtitleFormat.SRT));

        given().when().get("/admin/status").then().statusCode(200)
                .body("jobs.lastHour.submitted", greaterThanOrEqualTo(2))
                .body("jobs.lastHour.done", greaterThanOrEqualTo(1))
                .body("jobs.lastDay.submitted", greaterThanOrEqualTo(2))
                .body("jobs.hour", hasSize(12))
                .body("jobs.day", hasSize(24))
                .body("jobs.hour[11].submitted", greaterThanOrEqualTo(2))
                .body("jobs.hour[11].done", greaterThanOrEqualTo(1))
                .body("jobs.stages.find { it.stage == 'download' && it.step == 'running' }.jobs",
                        greaterThanOrEqualTo(1))
                .body("phases.counts.DONE", greaterThanOrEqualTo(1));
    }

    @Test
    void searchCacheShowsTheHitsAndMissesAllDownloadersCountedWithTheHitRate() {
        Instant since = Instant.parse("2025-06-01T10:00:00Z");
        redis.hash(String.class).hset(SearchCacheCounters.key(statusConfig), Map.of(
                "hits", "30", "misses", "10", "hits:opensubtitles", "27", "misses:opensubtitles", "9",
                "hits:library", "3", "misses:library", "1", "since", Long.toString(since.toEpochMilli())));

        JsonPath status = given().when().get("/admin/status").then().statusCode(200).extract().jsonPath();

        assertThat(status.getLong("searchCache.hits")).isEqualTo(30);
        assertThat(status.getLong("searchCache.misses")).isEqualTo(10);
        assertThat(status.getDouble("searchCache.hitRate")).isEqualTo(0.75);
        assertThat(Instant.parse(status.getString("searchCache.since"))).isEqualTo(since);
        assertThat(status.getList("searchCache.providers.provider")).containsExactly("library", "opensubtitles");
        assertThat(status.getDouble("searchCache.providers[1].hitRate")).isEqualTo(0.75);
        assertThat(status.getLong("searchCache.providers[1].misses")).isEqualTo(9);
    }

    @Test
    void searchCacheBeforeAnyLookupShowsNoHitRate() {
        given().when().get("/admin/status").then().statusCode(200)
                .body("searchCache.hits", is(0))
                .body("searchCache.misses", is(0))
                .body("searchCache.hitRate", nullValue())
                .body("searchCache.since", nullValue())
                .body("searchCache.providers", empty());
    }
}
