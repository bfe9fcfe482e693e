package dev.subtitles.downloader.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.JobHash;
import dev.subtitles.downloader.job.AttemptClaims.Claim;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Instances and incarnations racing for one attempt, against the local Redis under a key prefix of this test's own,
 * and the job's projected phase and outcome read and recorded with the claim. Each {@link AttemptClaims} stands for
 * one process: an instance name and an incarnation.
 */
class AttemptClaimsTest {

    private static final String PREFIX = "test:downloader:claims:" + UUID.randomUUID() + ":";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SHORT_LEASE = Duration.ofMillis(900);
    private static final Duration LONG_LEASE = Duration.ofMinutes(1);

    private static JobKeysRedis keys;

    private final UUID jobId = UUID.randomUUID();
    private final List<Cancellable> running = new ArrayList<>();

    @BeforeAll
    static void connect() {
        keys = JobKeysRedis.connect(PREFIX);
    }

    @AfterAll
    static void disconnect() {
        keys.close();
    }

    @AfterEach
    void stopAttemptsAndRemoveClaims() {
        running.forEach(Cancellable::cancel);
        keys.redis().execute("DEL", attemptKey(), keys.phases().key(jobId), keys.outcomes().key(jobId)).await().atMost(WAIT);
    }

    private static AttemptClaims process(String instance, Duration lease) {
        return new AttemptClaims(keys.redis(), keys.vertx(), keys.phases(), keys.outcomes(), PREFIX, lease,
                Duration.ofMinutes(1), instance,
                UUID.randomUUID().toString());
    }

    private String attemptKey() {
        return PREFIX + "attempt:" + jobId + ":1";
    }

    private boolean attemptKeyExists() {
        return keys.redis().execute("EXISTS", attemptKey()).await().atMost(WAIT).toInteger() == 1;
    }

    /** The phase the event-consumer's projection shows for the job. */
    private void projectPhase(String phase) {
        keys.redis().execute("HSET", keys.phases().key(jobId), JobHash.PHASE, phase).await().atMost(WAIT);
    }

    private Outcome decide(Outcome outcome) {
        return keys.outcomes().decide(jobId, outcome).await().atMost(WAIT);
    }

    private Optional<Outcome> decided() {
        return keys.outcomes().decided(jobId).await().atMost(WAIT);
    }

    /** A holder of attempt 1 whose claim another instance took over after its lease ran out. */
    private AttemptClaims.Held takenOver() {
        AttemptClaims.Held stalled = held(process("a", SHORT_LEASE));
        AttemptClaims other = process("b", SHORT_LEASE);
        await().atMost(SHORT_LEASE.plus(WAIT)).until(() -> claim(other) instanceof Claim.Claimed);
        return stalled;
    }

    private Claim claim(AttemptClaims process) {
        return process.claim(jobId, 1).await().atMost(WAIT);
    }

    private AttemptClaims.Held held(AttemptClaims process) {
        Claim claim = claim(process);
        assertThat(claim).isInstanceOf(Claim.Claimed.class);
        return ((Claim.Claimed) claim).held();
    }

    /** Runs an attempt that never ends by itself under {@code held}'s heartbeat; the reference gets its failure. */
    private AtomicReference<Throwable> runForever(AttemptClaims.Held held) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        running.add(held.whileHeld(Uni.createFrom().nothing()).subscribe().with(item -> {
        }, failure::set));
        return failure;
    }

    @Test
    void twoInstancesClaimingTheSameAttemptAtOnceGetOneClaim() {
        List<Claim> claims = Uni.join()
                .all(process("a", LONG_LEASE).claim(jobId, 1), process("b", LONG_LEASE).claim(jobId, 1))
                .andFailFast().await().atMost(WAIT);

        assertThat(claims).filteredOn(Claim.Claimed.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(Claim.Busy.class::isInstance).hasSize(1)
                .allSatisfy(busy -> assertThat(((Claim.Busy) busy).remaining()).isPositive());
    }

    @Test
    void attemptThatRanToItsEndIsNotClaimedAgain() {
        held(process("a", LONG_LEASE)).markDone().await().atMost(WAIT);

        assertThat(claim(process("b", LONG_LEASE))).isInstanceOf(Claim.AlreadyDone.class);
    }

    @Test
    void heartbeatKeepsTheClaimOfAnAttemptRunningLongerThanTheLease() {
        runForever(held(process("a", SHORT_LEASE)));
        AttemptClaims other = process("b", SHORT_LEASE);

        await().during(SHORT_LEASE.multipliedBy(4)).atMost(SHORT_LEASE.multipliedBy(6))
                .until(() -> claim(other) instanceof Claim.Busy);
    }

    @Test
    void claimWhoseHolderStoppedRenewingIsTakenOverAfterTheLease() {
        held(process("a", SHORT_LEASE));
        AttemptClaims other = process("b", SHORT_LEASE);
        assertThat(claim(other)).isInstanceOf(Claim.Busy.class);

        await().atMost(SHORT_LEASE.plus(WAIT)).until(() -> claim(other) instanceof Claim.Claimed);
    }

    @Test
    void restartedInstanceTakesOverItsPreviousIncarnationsClaimAtOnce() {
        held(process("a", LONG_LEASE));

        assertThat(claim(process("a", LONG_LEASE))).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void duplicateDeliveryInTheProcessRunningTheAttemptFindsItBusy() {
        AttemptClaims process = process("a", LONG_LEASE);
        runForever(held(process));

        assertThat(claim(process)).isInstanceOf(Claim.Busy.class);
    }

    @Test
    void holderWhoseClaimWasTakenOverFailsTheFence() {
        AttemptClaims.Held stalled = takenOver();

        assertThat(stalled.confirm().await().atMost(WAIT)).isFalse();
    }

    @Test
    void holderThatStillHoldsItsClaimPassesTheFence() {
        AttemptClaims.Held holder = held(process("a", SHORT_LEASE));

        assertThat(holder.confirm().await().atMost(WAIT)).isTrue();
    }

    @Test
    void holderWhoseLeaseRanOutWithNobodyTakingItKeepsTheClaim() {
        AttemptClaims.Held holder = held(process("a", SHORT_LEASE));
        await().atMost(SHORT_LEASE.plus(WAIT)).until(() -> !attemptKeyExists());

        assertThat(holder.confirm().await().atMost(WAIT)).isTrue();
        assertThat(claim(process("b", SHORT_LEASE))).isInstanceOf(Claim.Busy.class);
    }

    @Test
    void runningAttemptWhoseClaimIsTakenOverStopsWithClaimLost() {
        AtomicReference<Throwable> failure = runForever(held(process("a", SHORT_LEASE)));

        claim(process("a", SHORT_LEASE));

        await().atMost(WAIT).untilAsserted(
                () -> assertThat(failure.get()).isInstanceOf(AttemptClaims.ClaimLostException.class));
    }

    @Test
    void claimOfAnOlderFormatUnderThisInstancesNameIsWaitedOut() {
        keys.redis().execute("SET", attemptKey(), "running:a:" + UUID.randomUUID(), "PX", "60000")
                .await().atMost(WAIT);

        assertThat(claim(process("a", LONG_LEASE))).isInstanceOf(Claim.Busy.class);
    }

    @Test
    void attemptOfAJobInATerminalPhaseIsNotClaimed() {
        projectPhase(JobPhase.CANCELLED.name());

        assertThat(claim(process("a", LONG_LEASE))).isEqualTo(new Claim.JobOver(JobPhase.CANCELLED));
        assertThat(attemptKeyExists()).isFalse();
    }

    @Test
    void attemptOfAJobInAnOpenPhaseIsClaimed() {
        projectPhase(JobPhase.DOWNLOAD_QUEUED.name());

        assertThat(claim(process("a", LONG_LEASE))).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void attemptOfAJobWithAnUnknownPhaseIsClaimed() {
        projectPhase("ARCHIVED");

        assertThat(claim(process("a", LONG_LEASE))).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void attemptOfAJobWhosePhaseCannotBeReadIsClaimed() {
        keys.redis().execute("SET", keys.phases().key(jobId), "not a hash").await().atMost(WAIT);

        assertThat(claim(process("a", LONG_LEASE))).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void attemptOfAJobWhoseCancellationStandsIsNotClaimed() {
        decide(Outcome.CANCELLED);

        assertThat(claim(process("a", LONG_LEASE))).isEqualTo(new Claim.EndDecided(Outcome.CANCELLED));
        assertThat(attemptKeyExists()).isFalse();
    }

    @Test
    void attemptOfAJobWhoseTimeOutStandsIsNotClaimed() {
        decide(Outcome.TIMED_OUT);

        assertThat(claim(process("a", LONG_LEASE))).isEqualTo(new Claim.EndDecided(Outcome.TIMED_OUT));
    }

    @Test
    void attemptOfAJobDecidedFinishedIsClaimedToPublishItsResultAgain() {
        decide(Outcome.FINISHED);

        assertThat(claim(process("a", LONG_LEASE))).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void attemptOfAJobDecidedFinishedThatRanToItsEndIsNotClaimedAgain() {
        AttemptClaims.Held holder = held(process("a", LONG_LEASE));
        holder.decide(Outcome.FINISHED).await().atMost(WAIT);
        holder.markDone().await().atMost(WAIT);

        assertThat(claim(process("b", LONG_LEASE))).isInstanceOf(Claim.AlreadyDone.class);
    }

    @Test
    void holderDecidesTheJobFinished() {
        AttemptClaims.Held holder = held(process("a", LONG_LEASE));

        assertThat(holder.decide(Outcome.FINISHED).await().atMost(WAIT)).isEqualTo(Outcome.FINISHED);
        assertThat(decided()).contains(Outcome.FINISHED);
    }

    @Test
    void holderFindsTheCancellationThatWasDecidedFirst() {
        AttemptClaims.Held holder = held(process("a", LONG_LEASE));
        decide(Outcome.CANCELLED);

        assertThat(holder.decide(Outcome.FINISHED).await().atMost(WAIT)).isEqualTo(Outcome.CANCELLED);
        assertThat(decided()).contains(Outcome.CANCELLED);
    }

    @Test
    void holderWhoseClaimWasTakenOverDecidesNothing() {
        AttemptClaims.Held stalled = takenOver();

        assertThatThrownBy(() -> stalled.decide(Outcome.FINISHED).await().atMost(WAIT))
                .isInstanceOf(AttemptClaims.ClaimLostException.class);
        assertThat(decided()).isEmpty();
    }

    @Test
    void holderOfAnAttemptMarkedDoneDecidesNothing() {
        AttemptClaims.Held holder = held(process("a", LONG_LEASE));
        holder.markDone().await().atMost(WAIT);

        assertThatThrownBy(() -> holder.decide(Outcome.FINISHED).await().atMost(WAIT))
                .isInstanceOf(AttemptClaims.ClaimLostException.class);
        assertThat(decided()).isEmpty();
    }

    @Test
    void holderWhoseLeaseRanOutWithNobodyTakingItDecidesAndKeepsTheClaim() {
        AttemptClaims.Held holder = held(process("a", SHORT_LEASE));
        await().atMost(SHORT_LEASE.plus(WAIT)).until(() -> !attemptKeyExists());

        assertThat(holder.decide(Outcome.FINISHED).await().atMost(WAIT)).isEqualTo(Outcome.FINISHED);
        assertThat(claim(process("b", SHORT_LEASE))).isInstanceOf(Claim.Busy.class);
    }

    @Test
    void decidingRenewsTheLease() {
        AttemptClaims.Held holder = held(process("a", LONG_LEASE));
        keys.redis().execute("PEXPIRE", attemptKey(), "1000").await().atMost(WAIT);

        holder.decide(Outcome.FINISHED).await().atMost(WAIT);

        assertThat(keys.redis().execute("PTTL", attemptKey()).await().atMost(WAIT).toLong())
                .isGreaterThan(Duration.ofSeconds(30).toMillis());
    }

    @Test
    void holderReadsAnOpenJobWithTheFence() {
        AttemptClaims.Held holder = held(process("a", LONG_LEASE));

        assertThat(holder.decided().await().atMost(WAIT)).isEmpty();
        assertThat(decided()).isEmpty();
    }

    @Test
    void holderReadsTheCancellationWithTheFence() {
        AttemptClaims.Held holder = held(process("a", LONG_LEASE));
        decide(Outcome.CANCELLED);

        assertThat(holder.decided().await().atMost(WAIT)).contains(Outcome.CANCELLED);
    }

    @Test
    void holderWhoseClaimWasTakenOverCannotHandTheJobOver() {
        AttemptClaims.Held stalled = takenOver();

        assertThatThrownBy(() -> stalled.decided().await().atMost(WAIT)).isInstanceOf(AttemptClaims.ClaimLostException.class);
    }
}
