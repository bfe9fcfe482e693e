package dev.subtitles.manager.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The benchmark: {@code POST /jobs} at 500, 1,000 and 2,000 requests/s, and {@code GET /jobs/{id}/events} of
 * a 50-event history at 2,000 requests/s, each open loop for {@code bench.seconds} (default 30). Prints one line per
 * run. Not part of the default build; run with
 * {@code ./mvnw -B test -pl common,manager -Dtest=ManagerBenchmark -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@Tag("benchmark")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ManagerBenchmark {

    @TestHTTPResource("/")
    URL base;

    @Inject
    RedisDataSource redis;

    @Inject
    ManagerConfig config;

    @Test
    void submissionsAndAuditTrailUnderFixedRates() throws Exception {
        Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
        URI jobs = base.toURI().resolve("jobs");
        try (OpenLoopLoad load = new OpenLoopLoad()) {
            measure(load, jobs, duration);
        }
    }

    private void measure(OpenLoopLoad load, URI jobs, Duration duration) throws Exception {
        load.run("warm-up POST /jobs", 300, Duration.ofSeconds(10),
                i -> OpenLoopLoad.Call.post(jobs, Jobs.body("Warm " + i)));

        List<OpenLoopLoad.Result> results = new ArrayList<>();
        for (int rate : new int[] { 500, 1000, 2000 }) {
            results.add(load.run("POST /jobs", rate, duration,
                    i -> OpenLoopLoad.Call.post(jobs, Jobs.body("Bench " + rate + " " + i))));
        }

        Projection projection = new Projection(redis, config.projection().keyPrefix().orElse(""),
                config.projection().eventLogSchema());
        try {
            UUID job = Jobs.submit("Fifty events");
            for (int attempt = 1; attempt <= 50; attempt++) {
                projection.inRedis(job, new DownloadStarted(attempt, "downloader-1"));
            }
            URI events = base.toURI().resolve("jobs/" + job + "/events?limit=50");
            load.run("warm-up GET events", 500, Duration.ofSeconds(5), i -> OpenLoopLoad.Call.get(events));
            results.add(load.run("GET /jobs/{id}/events (50)", 2000, duration, i -> OpenLoopLoad.Call.get(events)));
        } finally {
            projection.clear();
        }

        System.out.println("==== manager benchmark (" + duration.toSeconds() + " s per run, open loop) ====");
        results.forEach(result -> System.out.println(result.line()));
        assertThat(results).allSatisfy(result -> assertThat(result.completed()).isPositive());
    }
}
