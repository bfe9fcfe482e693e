package dev.subtitles.common.worker;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Notices a consumer that stops making progress, recovers it, and says so to the readiness check until it makes
 * progress again.
 * <p>
 * Two ways a consumer stops, both seen after a broker restart: a delivery that never ends (its handler waits for
 * something that will not come), and a consumer that receives nothing while its queue holds messages. So:
 * <ul>
 * <li>every delivery runs under {@link #watch}: one that takes longer than {@code maxDeliveryTime} is failed (the
 * caller returns it to the queue), and the consumer counts as stuck until a delivery completes again;</li>
 * <li>every {@code checkInterval} the queue's ready messages are counted: when some wait while no delivery is in
 * flight and none started or ended for {@code stallAfter}, the consumer counts as stalled and
 * {@code recoverStalled} runs (it aborts the consumer's connections, so the connector consumes anew).</li>
 * </ul>
 * {@link #problem()} is empty while the consumer is healthy.
 */
public class ProgressWatchdog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProgressWatchdog.class);

    private final String name;
    private final Duration maxDeliveryTime;
    private final Duration stallAfter;
    private final Duration checkInterval;
    private final Supplier<Uni<Long>> readyMessages;
    private final Consumer<String> recoverStalled;
    private final Map<Long, Long> inFlightSince = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile String stuck;
    private volatile String stalled;
    private Cancellable checks;

    /**
     * @param name the consumer, for logs and the readiness check
     * @param readyMessages counts the messages ready on the consumer's queue
     * @param recoverStalled called with the reason when the consumer stalled
     */
    public ProgressWatchdog(String name, Duration maxDeliveryTime, Duration stallAfter, Duration checkInterval,
            Supplier<Uni<Long>> readyMessages, Consumer<String> recoverStalled) {
        this.name = name;
        this.maxDeliveryTime = maxDeliveryTime;
        this.stallAfter = stallAfter;
        this.checkInterval = checkInterval;
        this.readyMessages = readyMessages;
        this.recoverStalled = recoverStalled;
    }

    /**
     * Starts the periodic queue check. A check still waiting for the broker when the next tick comes makes that tick
     * drop: ticks without demand would otherwise fail the stream (Mutiny's {@code BackPressureFailure}) and end the
     * checks for good, just when the broker is slow.
     */
    public void start() {
        checks = Multi.createFrom().ticks().every(checkInterval).onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> check())
                .subscribe().with(ignored -> {
                }, failure -> LOG.errorf(failure, "The watchdog of %s stopped", name));
    }

    @Override
    public void close() {
        if (checks != null) {
            checks.cancel();
        }
    }

    /**
     * Runs the handling of one delivery under watch: it fails with {@link StuckDeliveryException} after
     * {@code maxDeliveryTime}.
     */
    public <T> Uni<T> watch(Uni<T> delivery) {
        return Uni.createFrom().deferred(() -> {
            long id = ids.incrementAndGet();
            inFlightSince.put(id, System.nanoTime());
            lastActivityNanos = System.nanoTime();
            return delivery.ifNoItem().after(maxDeliveryTime).failWith(() -> {
                stuck = "a delivery did not complete within " + maxDeliveryTime + "; it was failed for redelivery";
                LOG.errorf("%s: %s", name, stuck);
                return new StuckDeliveryException(stuck);
            }).onItem().invoke(this::progressed)
                    .onFailure().invoke(failure -> {
                        if (!(failure instanceof StuckDeliveryException)) {
                            progressed();
                        }
                    })
                    .onTermination().invoke(() -> inFlightSince.remove(id));
        });
    }

    private void progressed() {
        lastActivityNanos = System.nanoTime();
        if (stuck != null || stalled != null) {
            LOG.infof("%s makes progress again", name);
        }
        stuck = null;
        stalled = null;
    }

    /** Deliveries in flight now: received, handled under {@link #watch}, not yet settled. */
    public int inFlight() {
        return inFlightSince.size();
    }

    /** What is wrong with the consumer, empty while it makes progress. */
    public Optional<String> problem() {
        long now = System.nanoTime();
        Optional<Long> oldest = inFlightSince.values().stream().min(Long::compare);
        if (oldest.isPresent() && now - oldest.get() > maxDeliveryTime.toNanos()) {
            return Optional.of("a delivery has been in flight for more than " + maxDeliveryTime);
        }
        return Optional.ofNullable(stuck != null ? stuck : stalled);
    }

    private Uni<Void> check() {
        if (!inFlightSince.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return readyMessages.get().onItem().invoke(ready -> {
            if (ready == 0) {
                stalled = null;
            } else if (inFlightSince.isEmpty() && System.nanoTime() - lastActivityNanos >= stallAfter.toNanos()) {
                stalled = ready + " message(s) ready on the queue and no delivery for " + stallAfter
                        + "; the consumer was restarted";
                LOG.errorf("%s: %s", name, stalled);
                recoverStalled.accept(stalled);
                lastActivityNanos = System.nanoTime();
            }
        }).onFailure().invoke(failure -> LOG.debugf("%s: cannot count the ready messages (%s)", name,
                failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** A delivery failed by the watchdog because it did not complete in time. */
    public static class StuckDeliveryException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public StuckDeliveryException(String message) {
            super(message);
        }
    }
}
