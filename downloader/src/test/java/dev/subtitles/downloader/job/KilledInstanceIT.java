package dev.subtitles.downloader.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.rabbitmq.client.Channel;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.downloader.support.DownloaderProcess;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The packaged downloader is killed (SIGKILL) in the middle of a job and started again under the same instance name:
 * the broker hands the unacked request to the new process, which takes over its previous incarnation's claim at once
 * instead of waiting out the lease (two minutes here, so waiting would show). The run uses its own exchange, queue
 * and Redis key names and an OpenSubtitles stub whose search takes a few seconds; it removes them at the end.
 */
class KilledInstanceIT {

    private static final String RUN = "kill" + UUID.randomUUID().toString().substring(0, 8);
    private static final String INSTANCE = "downloader-" + RUN;
    private static final String EXCHANGE = "test.downloader." + RUN + ".events";
    private static final String DEAD_LETTER_EXCHANGE = "test.downloader." + RUN + ".dlx";
    private static final String QUEUE = "test.downloader." + RUN + ".requests";
    private static final List<String> QUEUES = List.of(QUEUE, QUEUE + ".dlq", QUEUE + ".delay.1000ms",
            QUEUE + ".delay.2000ms", QUEUE + ".delay.4000ms");
    private static final String KEY_PREFIX = "test:downloader:" + RUN + ":";
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final String TITLE = "Night Ferry";

    private static final Map<String, String> environment = new LinkedHashMap<>();
    private static WireMockServer openSubtitles;
    private static EventProbe probe;
    private static DownloaderProcess downloader;
    private static UUID jobId;

    @BeforeAll
    static void stubOpenSubtitles() {
        openSubtitles = new WireMockServer(wireMockConfig().dynamicPort());
        openSubtitles.start();
        openSubtitles.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).withQueryParam("query", equalTo("night ferry"))
                .willReturn(aResponse().withFixedDelay(4000).withHeader("Content-Type", "application/json")
                        .withBody(OpenSubtitlesStub.searchResult(901, "es", TITLE, 2021, 100, false))));
        openSubtitles.stubFor(post(urlEqualTo("/api/v1/download")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(OpenSubtitlesStub.downloadLink(openSubtitles.baseUrl() + "/files/901.srt"))));
        openSubtitles.stubFor(get(urlEqualTo("/files/901.srt"))
                .willReturn(aResponse().withBody("1\n00:00:01,000 --> 00:00:02,000\nEl transbordador espera.\n")));
        environment.putAll(Map.of(
                "DB_NAME", System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test"),
                "EVENTS_EXCHANGE", EXCHANGE,
                "EVENTS_DEAD_LETTER_EXCHANGE", DEAD_LETTER_EXCHANGE,
                "DOWNLOADER_QUEUE", QUEUE,
                "DOWNLOADER_REDIS_KEY_PREFIX", KEY_PREFIX,
                "PROJECTION_KEY_PREFIX", KEY_PREFIX,
                "DOWNLOADER_REDIS_CLAIM_LEASE", LEASE.toSeconds() + "S",
                "DOWNLOADER_PROVIDERS", "opensubtitles",
                "DOWNLOADER_RETRY_INITIAL_DELAY", "1S",
                "DOWNLOADER_RETRY_MAX_DELAY", "4S"));
        environment.putAll(Map.of(
                "DOWNLOADER_OPENSUBTITLES_URL", openSubtitles.baseUrl(),
                "DOWNLOADER_OPENSUBTITLES_API_KEY", OpenSubtitlesStub.API_KEY,
                "DOWNLOADER_OPENSUBTITLES_TIMEOUT", "30S"));
    }

    @AfterAll
    static void stopAndCleanUp() throws Exception {
        if (downloader != null) {
            downloader.close();
        }
        if (probe != null) {
            Channel channel = probe.channel();
            for (String queue : QUEUES) {
                channel.queueDelete(queue);
            }
            channel.exchangeDelete(EXCHANGE);
            channel.exchangeDelete(DEAD_LETTER_EXCHANGE);
            probe.close();
        }
        deleteRedisKeys();
        if (jobId != null) {
            deleteStoredFiles();
        }
        openSubtitles.stop();
    }

    @Test
    void jobOfAKilledInstanceFinishesWithinSecondsOfItsRestart() throws Exception {
        downloader = DownloaderProcess.start(INSTANCE, INSTANCE + "-first", environment);
        downloader.awaitReady();
        probe = new EventProbe(EXCHANGE);
        JobEvent<DownloadRequested> request = EventProbe.request(new VideoRef(TITLE, 2021, null, null, null, null,
                null, null), "es");
        jobId = request.jobId();

        probe.publish(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.typesOf(jobId).contains(DOWNLOAD_STARTED));
        downloader.kill();
        downloader = DownloaderProcess.start(INSTANCE, INSTANCE + "-restarted", environment);
        downloader.awaitReady();
        Instant ready = Instant.now();

        JobEvent<?> result = probe.awaitResult(jobId, RECOVERY);

        System.out.printf("KilledInstanceIT: result %s %d ms after the restarted instance was ready%n",
                result.type().routingKey(), Duration.between(ready, Instant.now()).toMillis());
        assertThat(result.type()).isEqualTo(SUBTITLE_READY);
        assertThat(probe.typesOf(jobId)).containsOnly(DOWNLOAD_STARTED, SUBTITLE_READY).containsOnlyOnce(SUBTITLE_READY);
        assertThat(probe.eventsOf(jobId).stream().filter(e -> e.type() == DOWNLOAD_STARTED).map(JobEvent::id)
                .distinct()).as("the attempt's started events, one id").hasSize(1);
        assertThat(probe.channel().messageCount(QUEUE + ".dlq")).isZero();
    }

    private static void deleteRedisKeys() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Redis redis = Redis.createClient(vertx,
                    System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
            String cursor = "0";
            do {
                Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(KEY_PREFIX + "*")
                        .arg("COUNT").arg(1000)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                cursor = page.get(0).toString();
                Request delete = Request.cmd(Command.DEL);
                page.get(1).forEach(key -> delete.arg(key.toString()));
                if (page.get(1).size() > 0) {
                    redis.send(delete).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
            } while (!"0".equals(cursor));
            redis.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void deleteStoredFiles() throws Exception {
        String url = "jdbc:postgresql://" + System.getenv().getOrDefault("DB_HOST", "localhost") + ":"
                + System.getenv().getOrDefault("DB_PORT", "5432") + "/"
                + System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test");
        try (Connection connection = DriverManager.getConnection(url,
                System.getenv().getOrDefault("DB_USER", "postgres"),
                System.getenv().getOrDefault("DB_PASSWORD", "postgres"));
                PreparedStatement delete = connection
                        .prepareStatement("delete from subtitles.subtitle_file where job_id = ?")) {
            delete.setObject(1, jobId);
            delete.executeUpdate();
        }
    }
}
