package dev.subtitles.downloader.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.downloader.config.DownloaderConfig;
import dev.subtitles.downloader.job.AttemptClaims.Claim;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** Two instances racing for the same attempt, against the real Redis. */
@QuarkusTest
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class AttemptClaimsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    DownloaderConfig config;

    private final UUID jobId = UUID.randomUUID();

    private AttemptClaims instance(String name) {
        return new AttemptClaims(redis, config.redis(), name);
    }

    @AfterEach
    void removeClaims() {
        redis.key().del(config.redis().keyPrefix() + "attempt:" + jobId + ":1").await().atMost(WAIT);
    }

    @Test
    void twoInstancesClaimingTheSameAttemptAtOnceGetOneClaim() {
        List<Claim> claims = Uni.join().all(instance("a").claim(jobId, 1), instance("b").claim(jobId, 1))
                .andFailFast().await().atMost(WAIT);

        assertThat(claims).filteredOn(Claim.Claimed.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(Claim.Busy.class::isInstance).hasSize(1)
                .allSatisfy(busy -> assertThat(((Claim.Busy) busy).remaining()).isPositive());
    }

    @Test
    void attemptThatRanToItsEndIsNotClaimedAgain() {
        AttemptClaims first = instance("a");
        first.claim(jobId, 1).await().atMost(WAIT);
        first.markDone(jobId, 1).await().atMost(WAIT);

        assertThat(instance("b").claim(jobId, 1).await().atMost(WAIT)).isInstanceOf(Claim.AlreadyDone.class);
    }
}
