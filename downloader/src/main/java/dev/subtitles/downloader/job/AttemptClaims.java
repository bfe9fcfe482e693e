package dev.subtitles.downloader.job;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.JobHash;
import dev.subtitles.common.redis.LuaScript;
import dev.subtitles.common.worker.JobPhases;
import dev.subtitles.downloader.config.DownloaderConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Makes sure one attempt of a job runs on one consumer at a time and is never run again once finished, even when
 * the broker delivers it twice (a redelivery after a lost ack, or a request the manager's outbox published twice).
 * <p>
 * One Redis key per job and attempt holds a token {@code running:<incarnation>:<nonce>:<instance>}, with a short
 * lease that the holder renews every third of it while the attempt runs ({@link Held#whileHeld}); after the attempt
 * the key is overwritten with {@code done} for a long retention. A consumer that finds the key {@code done} drops its
 * copy. One that finds it held puts its copy back on the delay queue for the rest of the lease: the holder may have
 * died with its own copy unacked, and a lease nobody renews runs out within seconds.
 * <p>
 * <b>Jobs that are over.</b> The script that takes the claim first reads the job's phase in the event-consumer's
 * projection ({@link JobPhases}) and its decided outcome ({@link JobOutcomes}), and claims nothing for a job whose
 * phase is terminal or whose cancellation or time-out stands: one round trip instead of three for the start of every
 * attempt. As {@link JobPhases#phaseOf} does, the script lets a job go on when its phase cannot be read or is
 * unknown; the projection is a cache, and a cancellation is noticed at the next look.
 * <p>
 * <b>Restarts.</b> The incarnation is a random id per process. A claim held under this instance's name by another
 * incarnation was left by a previous run of this instance, which is gone: it is taken over at once instead of
 * waiting out the lease. This relies on instance names being unique among live processes; two live processes with
 * one name take each other's attempts over, and the one that loses its claim gives its attempt up (see fencing): work
 * may be done twice, and only the holder publishes.
 * <p>
 * <b>Fencing.</b> A holder that stalled beyond its lease (a long GC pause, SIGSTOP) may find its attempt taken over.
 * Its heartbeat then reports the claim lost and the attempt stops; right before publishing a result the holder calls
 * {@link Held#confirm()}, which checks its token and renews the lease in one atomic step, and publishes only if it
 * still holds the claim. Before a result that ends the job or hands it over, {@link Held#decide} and
 * {@link Held#decided()} do the same check and, in the same script and only while the claim holds, record or read the
 * job's outcome.
 * <p>
 * The scripts run by their SHA-1 ({@link LuaScript}). Each names all the keys it touches, but they are keys of
 * several prefixes: they need one Redis, not a cluster that spreads keys over nodes.
 */
@ApplicationScoped
public class AttemptClaims {

    private static final Logger LOG = Logger.getLogger(AttemptClaims.class);
    private static final String DONE = "done";
    private static final String RUNNING = "running:";

    /**
     * Keys: the attempt, the job's projection hash, its outcome. Unless the projected phase is terminal
     * ({@code {'phase', phase}}; a phase that cannot be read counts as none) or an outcome other than finished stands
     * ({@code {'outcome', outcome}}): SET NX ({@code {'claimed'}}), and when the key exists, its value and remaining
     * lease ({@code {'held', value, pttl}}).
     */
    private static final LuaScript CLAIM = new LuaScript("""
            local phase = redis.pcall('HGET', KEYS[2], ARGV[3])
            if type(phase) == 'string' and string.find(ARGV[4], ';' .. phase .. ';', 1, true) then
              return {'phase', phase}
            end
            local outcome = redis.call('GET', KEYS[3])
            if outcome and outcome ~= ARGV[5] then return {'outcome', outcome} end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'claimed'} end
            return {'held', redis.call('GET', KEYS[1]) or '', redis.call('PTTL', KEYS[1])}""");
    /**
     * Renews the lease if the token still holds the key; takes the key again if it lapsed meanwhile (nobody holds
     * the attempt then, and nobody finished it, or the key would say done). 0 when someone else holds it or it is done.
     */
    private static final LuaScript RENEW = new LuaScript("""
            local value = redis.call('GET', KEYS[1])
            if value == ARGV[1] or not value then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0""");
    /**
     * Keys: the attempt, the job's outcome. {@link #RENEW}, and only when it renewed: records the outcome
     * {@code ARGV[3]} with {@code SET NX GET} and answers {@code {1, outcome that stands}}, or with {@code ARGV[3]}
     * empty answers {@code {1, outcome so far or ''}}. {@code {0}} when someone else holds the attempt or it is done.
     */
    private static final LuaScript FENCED_OUTCOME = new LuaScript("""
            local value = redis.call('GET', KEYS[1])
            if value ~= ARGV[1] and value then return {0} end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            if ARGV[3] == '' then return {1, redis.call('GET', KEYS[2]) or ''} end
            return {1, redis.call('SET', KEYS[2], ARGV[3], 'NX', 'GET', 'PX', ARGV[4]) or ARGV[3]}""");
    /** Replaces the expected holder's token by ours (compare and set). */
    private static final LuaScript TAKE_OVER = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0""");
    /** The terminal phases as {@link #CLAIM} looks a phase up: {@code ;DONE;FAILED;CANCELLED;}. */
    private static final String TERMINAL_PHASES = Arrays.stream(JobPhase.values()).filter(JobPhase::isTerminal)
            .map(JobPhase::name).collect(Collectors.joining(";", ";", ";"));

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final JobPhases phases;
    private final JobOutcomes outcomes;
    private final String keyPrefix;
    private final Duration lease;
    private final Duration doneRetention;
    private final String instance;
    private final String incarnation;

    @Inject
    public AttemptClaims(ReactiveRedisDataSource redis, Vertx vertx, JobPhases phases, JobOutcomes outcomes,
            DownloaderConfig config) {
        this(redis, vertx, phases, outcomes, config.redis().keyPrefix(), config.redis().claimLease(),
                config.redis().doneRetention(), config.instance(), UUID.randomUUID().toString());
    }

    /**
     * @param phases where the projection keeps job phases, read by {@link #claim}
     * @param outcomes where job outcomes are decided, read by {@link #claim} and recorded by {@link Held#decide}
     * @param incarnation an id unique to this process (tests create several "processes" in one JVM)
     */
    AttemptClaims(ReactiveRedisDataSource redis, Vertx vertx, JobPhases phases, JobOutcomes outcomes,
            String keyPrefix, Duration lease, Duration doneRetention, String instance, String incarnation) {
        this.redis = redis;
        this.vertx = vertx;
        this.phases = phases;
        this.outcomes = outcomes;
        this.keyPrefix = keyPrefix;
        this.lease = lease;
        this.doneRetention = doneRetention;
        this.instance = instance;
        this.incarnation = incarnation;
    }

    /** The outcome of trying to claim an attempt. */
    public sealed interface Claim {
        /** This consumer owns the attempt now. */
        record Claimed(Held held) implements Claim {
        }

        /** The attempt has already been run to its end. */
        record AlreadyDone() implements Claim {
        }

        /** Another consumer is running it; its lease ends in {@code remaining} unless it renews it. */
        record Busy(Duration remaining) implements Claim {
        }

        /** Nothing was claimed: the projection shows the job in a terminal phase. */
        record JobOver(JobPhase phase) implements Claim {
        }

        /** Nothing was claimed: the job's end was decided otherwise ({@link Outcome#CANCELLED}, timed out). */
        record EndDecided(Outcome outcome) implements Claim {
        }
    }

    /**
     * Claims attempt {@code attempt} of {@code jobId} for this consumer unless the job is over, in one round trip
     * (two when it takes over a claim left by a previous run of this instance). Fails when Redis cannot be asked, or
     * holds an outcome no {@link Outcome} stores.
     */
    public Uni<Claim> claim(UUID jobId, int attempt) {
        String key = key(jobId, attempt);
        String token = RUNNING + incarnation + ":" + UUID.randomUUID() + ":" + instance;
        return CLAIM.run(redis, 3, key, phases.key(jobId), outcomes.key(jobId), token, millis(lease),
                JobHash.PHASE, TERMINAL_PHASES, Outcome.FINISHED.value())
                .flatMap(reply -> answer(jobId, attempt, key, token, reply));
    }

    /** What {@link #CLAIM}'s reply means for this consumer. */
    private Uni<Claim> answer(UUID jobId, int attempt, String key, String token, Response reply) {
        String answer = reply.get(0).toString();
        if ("phase".equals(answer)) {
            return Uni.createFrom().item(new Claim.JobOver(JobPhase.valueOf(reply.get(1).toString())));
        }
        if ("outcome".equals(answer)) {
            return Uni.createFrom().item(new Claim.EndDecided(Outcome.of(reply.get(1).toString())));
        }
        if ("claimed".equals(answer)) {
            return Uni.createFrom().item(claimed(jobId, attempt, key, token));
        }
        String holder = reply.get(1).toString();
        if (DONE.equals(holder)) {
            return Uni.createFrom().item(new Claim.AlreadyDone());
        }
        Duration remaining = Duration.ofMillis(Math.max(reply.get(2).toLong(), 0));
        if (leftByThisInstance(holder)) {
            return takeOver(jobId, attempt, key, holder, token, remaining);
        }
        return Uni.createFrom().item(new Claim.Busy(remaining));
    }

    /**
     * Whether {@code holder} is a claim of a previous incarnation of this instance. One of this incarnation is never
     * taken over: the attempt may be running here (a duplicate delivery), or this process let it go (a deferral), and
     * then its lease runs out within seconds.
     */
    private boolean leftByThisInstance(String holder) {
        String[] parts = holder.split(":", 4);
        return parts.length == 4 && RUNNING.equals(parts[0] + ":") && parts[3].equals(instance)
                && !parts[1].equals(incarnation);
    }

    private Uni<Claim> takeOver(UUID jobId, int attempt, String key, String holder, String token,
            Duration remaining) {
        return TAKE_OVER.run(redis, 1, key, holder, token, millis(lease)).map(taken -> {
            if (taken.toInteger() == 1) {
                LOG.infof("Job %s attempt %d: taking over the claim %s left by a previous run of this instance", jobId,
                        attempt,
                        holder);
                return claimed(jobId, attempt, key, token);
            }
            return new Claim.Busy(remaining);
        });
    }

    private Claim claimed(UUID jobId, int attempt, String key, String token) {
        return new Claim.Claimed(new Held(jobId, attempt, key, token));
    }

    private String key(UUID jobId, int attempt) {
        return keyPrefix + "attempt:" + jobId + ":" + attempt;
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.max(duration.toMillis(), 1));
    }

    /** Signals that another consumer took over an attempt this one was running. */
    public static final class ClaimLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ClaimLostException(UUID jobId, int attempt) {
            super("job " + jobId + " attempt " + attempt + " was taken over by another consumer", null, false,
                    false);
        }
    }

    /** An attempt this process claimed. */
    public final class Held {

        private final UUID jobId;
        private final int attempt;
        private final String key;
        private final String token;
        private volatile Heartbeat heartbeat;

        private Held(UUID jobId, int attempt, String key, String token) {
            this.jobId = jobId;
            this.attempt = attempt;
            this.key = key;
            this.token = token;
        }

        /**
         * Runs {@code work} while a heartbeat renews the claim every third of the lease. Fails with
         * {@link ClaimLostException} (and cancels {@code work}) as soon as a renewal finds the claim held by another
         * consumer or done. A renewal that fails (Redis away) is logged and tried again at the next beat; a lease
         * that ran out meanwhile is taken again if nobody else took it. When the returned {@code Uni} terminates the
         * heartbeat stops.
         */
        public <T> Uni<T> whileHeld(Uni<T> work) {
            // An emitter rather than Uni.combine().any(): that goes through CompletableFutures and, at every end,
            // cancels the loser with two exceptions and their stack traces, a cost paid for each job.
            return Uni.createFrom().emitter(emitter -> {
                Heartbeat heartbeat = new Heartbeat();
                this.heartbeat = heartbeat;
                AtomicReference<Cancellable> running = new AtomicReference<>();
                AtomicBoolean ended = new AtomicBoolean();
                emitter.onTermination(() -> {
                    ended.set(true);
                    heartbeat.stop();
                    cancel(running.get());
                });
                heartbeat.start(() -> emitter.fail(new ClaimLostException(jobId, attempt)));
                running.set(work.subscribe().with(emitter::complete, emitter::fail));
                if (ended.get()) {
                    cancel(running.get());
                }
            });
        }

        private static void cancel(Cancellable running) {
            if (running != null) {
                running.cancel();
            }
        }

        /**
         * The fence before publishing a result: checks atomically that the claim is still this consumer's and
         * renews its lease; false when another consumer took the attempt over or it is done.
         */
        public Uni<Boolean> confirm() {
            return renew().invoke(stillHeld -> {
                if (!stillHeld) {
                    reportLost();
                }
            });
        }

        /**
         * The fence before a result that ends the job, and the job's end recorded in the same round trip: checks
         * atomically that the claim is still this consumer's and renews its lease, and only then records
         * {@code outcome} as {@link JobOutcomes#decide} does; the item is the outcome that stands. Fails with
         * {@link ClaimLostException}, having recorded nothing, when another consumer took the attempt over or it is
         * done.
         * <p>
         * The fence comes first because a holder that lost its claim must not decide how the job ends: the new
         * holder may end this attempt otherwise (a retry), and a {@link Outcome#FINISHED} recorded for a result
         * nobody publishes would make the manager refuse a cancellation and leave the job out of its deadline sweep.
         */
        public Uni<Outcome> decide(Outcome outcome) {
            return fencedOutcome(outcome.value()).map(Outcome::of);
        }

        /**
         * The fence before handing the job over, and the job's outcome so far read in the same round trip: checks
         * atomically that the claim is still this consumer's and renews its lease; the item is the outcome decided
         * so far, empty while the job is open. Fails with {@link ClaimLostException} when another consumer took the
         * attempt over or it is done.
         */
        public Uni<Optional<Outcome>> decided() {
            return fencedOutcome("").map(standing -> standing.isEmpty() ? Optional.empty()
                    : Optional.of(Outcome.of(standing)));
        }

        /** Runs {@link #FENCED_OUTCOME}; the item is the outcome the script answered. */
        private Uni<String> fencedOutcome(String outcome) {
            return FENCED_OUTCOME.run(redis, 2, key, outcomes.key(jobId), token, millis(lease), outcome,
                    millis(outcomes.retention())).map(reply -> {
                        if (reply.get(0).toInteger() != 1) {
                            reportLost();
                            throw new ClaimLostException(jobId, attempt);
                        }
                        return reply.get(1).toString();
                    });
        }

        private void reportLost() {
            LOG.warnf("Job %s attempt %d was taken over by another consumer", jobId, attempt);
        }

        /**
         * Records that the attempt ran to its end, so duplicate deliveries of it are dropped; stops the heartbeat
         * first (a renewal would take the {@code done} key for a lost claim).
         */
        public Uni<Void> markDone() {
            Heartbeat beating = heartbeat;
            if (beating != null) {
                beating.stop();
            }
            return redis.execute("SET", key, DONE, "PX", millis(doneRetention)).replaceWithVoid();
        }

        private Uni<Boolean> renew() {
            return RENEW.run(redis, 1, key, token, millis(lease)).map(Response::toInteger)
                    .map(renewed -> renewed == 1);
        }

        /** Renews the claim every third of the lease on a Vert.x timer until stopped or lost. */
        private final class Heartbeat {
            private volatile long timer = -1;
            private volatile boolean stopped;
            private volatile boolean renewing;

            void start(Runnable onLost) {
                if (stopped) {
                    return;
                }
                long interval = Math.max(lease.toMillis() / 3, 1);
                timer = vertx.setPeriodic(interval, id -> beat(onLost));
                if (stopped) {
                    vertx.cancelTimer(timer);
                }
            }

            private void beat(Runnable onLost) {
                if (stopped || renewing) {
                    return;
                }
                renewing = true;
                renew().subscribe().with(stillHeld -> {
                    renewing = false;
                    if (!stillHeld && !stopped) {
                        LOG.warnf("Job %s attempt %d: claim lost to another consumer; giving the attempt up", jobId,
                                attempt);
                        stop();
                        onLost.run();
                    }
                }, failure -> {
                    renewing = false;
                    LOG.warnf("Job %s attempt %d: cannot renew the claim (%s); trying again at the next beat",
                            jobId, attempt, failure.getMessage());
                });
            }

            void stop() {
                stopped = true;
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
            }
        }
    }
}
