package dev.subtitles.manager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A job is settled when its ending event is projected, not only at its deadline; a job still running is not. */
@QuarkusTest
class EndedJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Projection projection;

    @Inject
    Pool pool;

    @AfterEach
    void clearProjection() {
        projection.clear();
    }

    @Test
    void aJobIsSettledOnceItsEndingIsProjected() {
        UUID ended = Jobs.submit("Ends now");
        UUID running = Jobs.submit("Still running");
        assertThat(settled(ended)).isFalse();

        projection.inRedis(running, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(ended, new JobCancelled("test"));

        await().atMost(WAIT).until(() -> settled(ended));
        assertThat(settled(running)).isFalse();
    }

    @Test
    void manyEndingsAtOnceAreAllSettled() {
        UUID[] jobs = new UUID[50];
        for (int i = 0; i < jobs.length; i++) {
            jobs[i] = Jobs.submit("Ends with many " + i);
        }

        for (UUID job : jobs) {
            projection.inRedis(job, new JobCancelled("test"));
        }

        for (UUID job : jobs) {
            await().atMost(WAIT).until(() -> settled(job));
        }
    }

    private boolean settled(UUID job) {
        return pool.preparedQuery("select settled_at is not null as settled from manager.job where id = $1")
                .execute(Tuple.of(job)).await().atMost(WAIT).iterator().next().getBoolean("settled");
    }
}
