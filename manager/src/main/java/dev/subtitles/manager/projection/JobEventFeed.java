package dev.subtitles.manager.projection;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.subtitles.common.projection.HistoryEntry;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.manager.projection.EntryPhases.FeedEntry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The live feed of projected events: one subscription per manager instance to the projection's pub/sub channel,
 * fanned out in memory to whoever waits for a given job (long polls now, SSE and WebSocket clients later), so the
 * number of Redis subscriptions does not grow with the number of clients.
 * <p>
 * Pub/sub delivers at most once and only while subscribed, so a listener must not rely on seeing every event: it
 * uses the feed as a wake-up and reads the history itself. The subscription is re-established after a failure.
 * <p>
 * Besides the listeners of one job, listeners of every job's end ({@link #onJobEnded}) hear of each event that leads
 * to a terminal phase, whoever watches the job.
 */
@ApplicationScoped
public class JobEventFeed {

    private static final Logger LOG = Logger.getLogger(JobEventFeed.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource redis;
    private final ProjectionKeys keys;
    private final ConcurrentHashMap<UUID, Set<Consumer<HistoryEntry>>> listeners = new ConcurrentHashMap<>();
    private final List<Consumer<UUID>> endListeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    public JobEventFeed(ReactiveRedisDataSource redis, ProjectionKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    void subscribeOnStart(@Observes StartupEvent event) {
        subscribe();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /**
     * Calls {@code listener} with each entry of job {@code jobId} published from now until the returned
     * registration is closed. The listener runs on a Redis event-loop thread and must not block.
     */
    public Registration listen(UUID jobId, Consumer<HistoryEntry> listener) {
        // Added inside compute, under the same lock as the removal below: added after computeIfAbsent returned, the
        // listener could land in a set that a closing registration had just removed from the map, and never be called.
        listeners.compute(jobId, (id, set) -> {
            Set<Consumer<HistoryEntry>> jobListeners = set == null ? ConcurrentHashMap.newKeySet() : set;
            jobListeners.add(listener);
            return jobListeners;
        });
        return () -> listeners.computeIfPresent(jobId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Calls {@code listener} with the id of every job whose ending event is published from now on, for as long as
     * the application runs. The listener runs on a Redis event-loop thread and must not block.
     */
    public void onJobEnded(Consumer<UUID> listener) {
        endListeners.add(listener);
    }

    /**
     * Completes with {@code true} as soon as an entry of the job with a sequence number above {@code afterSeq} is
     * published, or with {@code false} after {@code timeout}.
     */
    public Uni<Boolean> awaitNewer(UUID jobId, long afterSeq, Duration timeout) {
        return Uni.createFrom().<Boolean> emitter(emitter -> {
            Registration registration = listen(jobId, entry -> {
                if (entry.seq() > afterSeq) {
                    emitter.complete(true);
                }
            });
            emitter.onTermination(registration::close);
        }).ifNoItem().after(timeout).recoverWithItem(false);
    }

    private void subscribe() {
        redis.pubsub(String.class)
                .subscribe(keys.channel(), this::dispatch, this::resubscribe, failure -> {
                    LOG.warnf("subscription to %s failed (%s), subscribing again", keys.channel(),
                            failure.getMessage());
                    resubscribe();
                })
                .onFailure().retry().withBackOff(FIRST_RETRY, LAST_RETRY).indefinitely()
                .subscribe().with(subscriber -> LOG.debugf("subscribed to %s", keys.channel()));
    }

    private void resubscribe() {
        if (!stopped) {
            Uni.createFrom().voidItem().onItem().delayIt().by(FIRST_RETRY).subscribe().with(ignored -> subscribe());
        }
    }

    private void dispatch(String message) {
        FeedEntry announced = EntryPhases.read(message).orElse(null);
        if (announced == null) {
            LOG.warnf("ignoring a message on %s that is not a history entry", keys.channel());
            return;
        }
        Set<Consumer<HistoryEntry>> jobListeners = listeners.get(announced.jobId());
        if (jobListeners != null) {
            jobListeners.forEach(listener -> listener.accept(announced.entry()));
        }
        if (announced.endsJob()) {
            endListeners.forEach(listener -> listener.accept(announced.jobId()));
        }
    }

    /** A listener's registration; closing it stops the calls. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {

        @Override
        void close();
    }
}
