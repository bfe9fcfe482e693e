package dev.subtitles.downloader.job;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.subtitles.downloader.config.DownloaderConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Makes sure one attempt of a job runs on one consumer at a time and is never run again once finished, even when
 * the broker delivers it twice (a redelivery after a lost ack, or a request the manager's outbox published twice).
 * <p>
 * One Redis key per job and attempt: {@code SET NX PX lease} claims it; after the attempt it is overwritten with
 * {@code done} for a long retention. A consumer that finds the key {@code done} drops its copy; one that finds it
 * claimed puts its copy back on the delay queue for the rest of the lease, because the holder may have died with
 * its own copy unacked (then the broker redelivers that one, which finds the lease expired).
 */
@ApplicationScoped
public class AttemptClaims {

    private static final String DONE = "done";

    private final ReactiveRedisDataSource redis;
    private final DownloaderConfig.Redis config;
    private final String instance;

    @Inject
    public AttemptClaims(ReactiveRedisDataSource redis, DownloaderConfig config) {
        this(redis, config.redis(), config.instance());
    }

    AttemptClaims(ReactiveRedisDataSource redis, DownloaderConfig.Redis config, String instance) {
        this.redis = redis;
        this.config = config;
        this.instance = instance;
    }

    /** The outcome of trying to claim an attempt. */
    public sealed interface Claim {
        /** This consumer owns the attempt now. */
        record Claimed() implements Claim {
        }

        /** The attempt has already been run to its end. */
        record AlreadyDone() implements Claim {
        }

        /** Another consumer is running it; its lease ends in {@code remaining}. */
        record Busy(Duration remaining) implements Claim {
        }
    }

    /** Claims attempt {@code attempt} of {@code jobId} for this consumer. */
    public Uni<Claim> claim(UUID jobId, int attempt) {
        String key = key(jobId, attempt);
        String owner = "running:" + instance + ":" + UUID.randomUUID();
        return redis.execute("SET", key, owner, "NX", "PX", Long.toString(config.claimLease().toMillis()))
                .flatMap(set -> set != null ? Uni.createFrom().item(new Claim.Claimed()) : current(key));
    }

    /** Records that the attempt ran to its end, so duplicate deliveries of it are dropped. */
    public Uni<Void> markDone(UUID jobId, int attempt) {
        return redis.execute("SET", key(jobId, attempt), DONE, "PX", Long.toString(config.doneRetention().toMillis()))
                .replaceWithVoid();
    }

    private Uni<Claim> current(String key) {
        return redis.execute("GET", key).flatMap(value -> {
            if (value != null && DONE.equals(value.toString())) {
                return Uni.createFrom().item(new Claim.AlreadyDone());
            }
            return redis.execute("PTTL", key).map(ttl -> {
                long millis = ttl == null ? 0 : Math.max(ttl.toLong(), 0);
                return new Claim.Busy(Duration.ofMillis(millis));
            });
        });
    }

    private String key(UUID jobId, int attempt) {
        return config.keyPrefix() + "attempt:" + jobId + ":" + attempt;
    }
}
