package dev.subtitles.manager.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The benchmark, against the packaged manager in its own JVM ({@link ManagerProcess}) with names of its own
 * on the shared servers (a database {@link BenchDatabase}, an exchange, a Redis key prefix; all removed afterwards):
 * {@code POST /jobs} at 500, 1,000 and 2,000 requests/s, then {@code GET /jobs/{id}/events} of a job
 * with a 50-event history at 2,000 requests/s, each open loop ({@link OpenLoopLoad}) for {@code bench.seconds}
 * (default 30). The history is written as the event-consumer writes it ({@link Projection}: hash, sorted set,
 * pub/sub). After each submission run the benchmark waits until the relay has published every accepted job, so the
 * manager's CPU time per 1,000 requests includes publishing.
 * <p>
 * Prints one line per run with the load average, since the figures depend on what else the machine does. Not part
 * of the default build; see the README's Benchmark section for the command.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ManagerBenchmark {

    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 64);
    private static final int QUEUE_LIMIT = Integer.getInteger("bench.queueLimit", 1000);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String titlePrefix = "bench-" + run + " ";
    private final String exchangeName = "bench-manager-" + run + ".subtitle.events";
    private final String keyPrefix = "bench-manager-" + run + ":";
    private final List<String> lines = new ArrayList<>();

    @Test
    void submissionsAndAuditTrailUnderFixedRates() throws Exception {
        Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
        Vertx vertx = Vertx.vertx();
        Redis redisClient = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        Projection projection = null;
        try (BenchDatabase database = new BenchDatabase("subtitles_bench_" + run);
                BenchExchange exchange = new BenchExchange(exchangeName);
                ManagerProcess manager = ManagerProcess.start(environment(database));
                OpenLoopLoad load = new OpenLoopLoad(CONNECTIONS, QUEUE_LIMIT)) {
            projection = new Projection(new BlockingRedisDataSourceImpl(vertx, redisClient, RedisAPI.api(redisClient),
                    Duration.ofSeconds(10)), new ProjectionKeys(keyPrefix), database.jdbcUrl(), "events");
            URI jobs = manager.base().resolve("jobs");
            IntFunction<OpenLoopLoad.Call> submission = i -> OpenLoopLoad.Call.post(jobs,
                    Jobs.body(titlePrefix + i));

            measure("warm-up POST /jobs", load, manager, exchange, database, 1000, Duration.ofSeconds(30), submission);
            for (int rate : new int[] { 500, 1000, 2000 }) {
                measure("POST /jobs", load, manager, exchange, database, rate, duration, submission);
            }

            UUID job = submit(jobs, titlePrefix + "fifty events");
            for (int attempt = 1; attempt <= 50; attempt++) {
                projection.inRedis(job, new DownloadStarted(attempt, "downloader-1"));
            }
            URI events = manager.base().resolve("jobs/" + job + "/events?limit=50");
            assertThat(JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(events).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("events").size()).isEqualTo(50);
            IntFunction<OpenLoopLoad.Call> audit = i -> OpenLoopLoad.Call.get(events);
            measure("warm-up GET events (50)", load, manager, exchange, database, 1000, Duration.ofSeconds(20), audit);
            measure("GET /jobs/{id}/events (50)", load, manager, exchange, database, 2000, duration, audit);
        } finally {
            if (projection != null) {
                projection.clear();
            }
            redisClient.close();
            vertx.closeAndAwait();
        }

        System.out.printf(Locale.ROOT, "==== manager benchmark: %d s per run, open loop, %d connections, queue"
                + " limit %d, %d cores ====%n", duration.toSeconds(), CONNECTIONS, QUEUE_LIMIT,
                Runtime.getRuntime().availableProcessors());
        lines.forEach(System.out::println);
    }

    private void measure(String name, OpenLoopLoad load, ManagerProcess manager, BenchExchange exchange,
            BenchDatabase database, int rate, Duration duration, IntFunction<OpenLoopLoad.Call> calls)
            throws Exception {
        double cpuBefore = manager.cpuSeconds();
        long receivedBefore = exchange.received();
        OpenLoopLoad.Run result = load.run(rate, duration, calls);
        String published = "";
        if (name.contains("POST")) {
            await().atMost(PUBLISH_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> database.unsentEvents() == 0);
            // A request the generator gave up on may still have been accepted: more can arrive than it counted.
            long expected = receivedBefore + result.answered();
            boolean allArrived = waitFor(() -> exchange.received() >= expected);
            published = String.format(Locale.ROOT, "  published %d of %d accepted%s",
                    exchange.received() - receivedBefore, result.answered(), allArrived ? "" : " (MISSING)");
        }
        double cpuPer1000 = (manager.cpuSeconds() - cpuBefore) / (result.due() - result.missed()) * 1000;
        String line = String.format(Locale.ROOT,
                "%-26s target %4d/s  achieved %6.1f/s  p50 %6.2f  p90 %6.2f  p99 %7.2f  max %7.2f ms"
                        + "  errors %d  missed %d  manager CPU %.3f s/1000 sent  load %s%s",
                name, rate, result.achievedRate(), result.percentileMillis(0.50), result.percentileMillis(0.90),
                result.percentileMillis(0.99), result.percentileMillis(1.0), result.errors(), result.missed(),
                cpuPer1000, loadAverage(), published);
        System.out.println(line);
        if (!name.startsWith("warm-up")) {
            lines.add(line);
        }
        assertThat(result.answered()).as(name + " answered requests").isPositive();
    }

    private Map<String, String> environment(BenchDatabase database) {
        return Map.of("DB_NAME", database.name(),
                "EVENTS_EXCHANGE", exchangeName,
                "PROJECTION_KEY_PREFIX", keyPrefix,
                "MANAGER_INSTANCE", "bench-" + run,
                "LOG_LEVEL", "INFO");
    }

    private UUID submit(URI jobs, String title) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(jobs)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Jobs.body(title))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return UUID.fromString(JSON.readTree(response.body()).path("id").asText());
    }

    private static boolean waitFor(Callable<Boolean> condition) {
        try {
            await().atMost(PUBLISH_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
