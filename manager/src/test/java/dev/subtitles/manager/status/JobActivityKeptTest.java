package dev.subtitles.manager.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/** Status requests within {@code manager.status.activity-kept-for} share one read of the last day's jobs. */
@QuarkusTest
@TestProfile(JobActivityKeptTest.KeptAnHour.class)
class JobActivityKeptTest {

    /** The status tests' settings on a database of its own, so that the counts are this test's jobs only. */
    public static class KeptAnHour extends OwnDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(new StatusProfile().getConfigOverrides());
            overrides.put("manager.status.activity-kept-for", "1h");
            return overrides;
        }
    }

    @Inject
    JobActivity activity;

    @Test
    void aJobSubmittedMeanwhileShowsOnlyOnceTheKeptAnswerIsStale() throws Throwable {
        JobActivity.Activity first = VertxContextSupport.subscribeAndAwait(activity::recent);

        Jobs.submit("Submitted after the kept read");

        JobActivity.Activity second = VertxContextSupport.subscribeAndAwait(activity::recent);
        assertThat(second).isSameAs(first);
        JobActivity.Activity fresh = VertxContextSupport
                .subscribeAndAwait(() -> activity.read(Instant.now()));
        assertThat(fresh.lastHour().submitted()).isEqualTo(first.lastHour().submitted() + 1);
    }
}
