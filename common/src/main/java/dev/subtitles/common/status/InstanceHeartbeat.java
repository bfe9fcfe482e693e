package dev.subtitles.common.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Writes this instance's heartbeat every {@code subtitles.status.heartbeat.interval}, each write bounded by that
 * interval, and removes it when the instance stops. A write that fails (Redis away) is logged once per outage and
 * tried again at the next beat; the service goes on meanwhile, and shows as lost once its last heartbeat expired.
 */
public class InstanceHeartbeat implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InstanceHeartbeat.class);

    private final Heartbeats heartbeats;
    private final String service;
    private final String instance;
    private final String version;
    private final int concurrency;
    private final Supplier<Integer> inFlight;
    private final LastProblem problems;
    private final Duration interval;
    private final Clock clock;
    private final Instant startedAt;
    private volatile boolean failing;
    private Cancellable beats;

    /**
     * @param inFlight the deliveries the instance has in hand now, {@code null} when it does not count them
     * @param problems the last warning or error it logged
     */
    public InstanceHeartbeat(Heartbeats heartbeats, String service, String instance, String version, int concurrency,
            Supplier<Integer> inFlight, LastProblem problems, Duration interval, Clock clock) {
        this.heartbeats = heartbeats;
        this.service = service;
        this.instance = instance;
        this.version = version;
        this.concurrency = concurrency;
        this.inFlight = inFlight;
        this.problems = problems;
        this.interval = interval;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Beats now and every interval from now on. */
    public void start() {
        LOG.infof("Heartbeat of %s/%s every %s", service, instance, interval);
        beats = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(interval)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> heartbeats.beat(report())
                        .ifNoItem().after(interval).fail()
                        .onItemOrFailure().invoke((ignored, failure) -> noteOutcome(failure))
                        .onFailure().recoverWithNull())
                .subscribe().with(ignored -> {
                }, failure -> LOG.errorf(failure, "The heartbeat of %s/%s stopped", service, instance));
    }

    /** The report the next beat writes. */
    InstanceReport report() {
        LastProblem.Seen problem = problems.last();
        return new InstanceReport(service, instance, version, concurrency, inFlight.get(), startedAt, clock.instant(),
                problem == null ? null : problem.message(), problem == null ? null : problem.at());
    }

    private void noteOutcome(Throwable failure) {
        if (failure == null) {
            if (failing) {
                LOG.infof("The heartbeat of %s/%s is written again", service, instance);
            }
            failing = false;
        } else if (!failing) {
            failing = true;
            LOG.warnf("Cannot write the heartbeat of %s/%s: %s", service, instance, failure.getMessage());
        }
    }

    /** Stops beating and removes the heartbeat, waiting at most one interval for Redis. */
    @Override
    public void close() {
        if (beats != null) {
            beats.cancel();
        }
        problems.close();
        try {
            heartbeats.remove(service, instance).await().atMost(interval);
        } catch (RuntimeException e) {
            LOG.debugf("Cannot remove the heartbeat of %s/%s: %s", service, instance, e.getMessage());
        }
    }
}
