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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * A packaged downloader is frozen (SIGSTOP) in the middle of a job, beyond its claim lease; a second instance gets a
 * copy of the request, takes the attempt over once the lease ran out and publishes the result. When the frozen one
 * goes on (SIGCONT), its heartbeat or its fence finds the claim lost and its late result is not published. The frozen
 * instance takes one message at a time, so the copy goes to the other. The run uses its own exchange, queue and Redis
 * key names and an OpenSubtitles stub whose search takes a few seconds; it removes them at the end.
 */
class ZombieInstanceIT {

    private static final String RUN = "zombie" + UUID.randomUUID().toString().substring(0, 8);
    private static final String EXCHANGE = "test.downloader." + RUN + ".events";
    private static final String DEAD_LETTER_EXCHANGE = "test.downloader." + RUN + ".dlx";
    private static final String QUEUE = "test.downloader." + RUN + ".requests";
    private static final List<String> QUEUES = List.of(QUEUE, QUEUE + ".dlq", QUEUE + ".delay.1000ms",
            QUEUE + ".delay.2000ms", QUEUE + ".delay.4000ms");
    private static final String KEY_PREFIX = "test:downloader:" + RUN + ":";
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(8);
    private static final String TITLE = "Night Ferry";

    private static final Map<String, String> environment = new LinkedHashMap<>();
    private static WireMockServer openSubtitles;
    private static EventProbe probe;
    private static DownloaderProcess zombie;
    private static DownloaderProcess other;
    private static UUID jobId;

    @BeforeAll
    static void stubOpenSubtitles() {
        openSubtitles = new WireMockServer(wireMockConfig().dynamicPort());
        openSubtitles.start();
        openSubtitles.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).withQueryParam("query", equalTo("night ferry"))
                .willReturn(aResponse().withFixedDelay(6000).withHeader("Content-Type", "application/json")
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
        if (zombie != null) {
            zombie.resume();
            zombie.close();
        }
        if (other != null) {
            other.close();
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
    void frozenInstanceTakenOverDoesNotPublishItsLateResult() throws Exception {
        Map<String, String> oneAtATime = new LinkedHashMap<>(environment);
        oneAtATime.putAll(Map.of("DOWNLOADER_CONCURRENCY", "1", "DOWNLOADER_PREFETCH", "1"));
        zombie = DownloaderProcess.start(RUN + "-zombie", oneAtATime);
        zombie.awaitReady();
        probe = new EventProbe(EXCHANGE);
        JobEvent<DownloadRequested> request = EventProbe.request(new VideoRef(TITLE, 2021, null, null, null, null,
                null, null), "es");
        jobId = request.jobId();

        probe.publish(request);
        await().atMost(WAIT).until(() -> probe.typesOf(jobId).contains(DOWNLOAD_STARTED));
        zombie.pause();
        other = DownloaderProcess.start(RUN + "-other", environment);
        other.awaitReady();
        probe.publish(request);
        JobEvent<?> result = probe.awaitResult(jobId, WAIT);
        zombie.resume();

        await().atMost(WAIT).until(() -> attempts(zombie, "taken-over") >= 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> probe.typesOf(jobId).stream().filter(SUBTITLE_READY::equals).count() == 1);
        assertThat(result.type()).isEqualTo(SUBTITLE_READY);
        assertThat(result.source().toString()).endsWith("/" + other.instance());
        assertThat(probe.channel().messageCount(QUEUE + ".dlq")).isZero();
    }

    /** {@code downloader.attempts} with {@code outcome} on {@code instance}'s Prometheus page. */
    private static double attempts(DownloaderProcess instance, String outcome) throws Exception {
        Matcher matcher = Pattern.compile("^downloader_attempts_total\\{[^}]*outcome=\"" + Pattern.quote(outcome)
                + "\"[^}]*} ([0-9.E+-]+)", Pattern.MULTILINE).matcher(instance.metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
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
