package dev.subtitles.common.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The delay queues that hold request copies between attempts, and which one a delay goes to.
 * <p>
 * RabbitMQ expires messages only at the head of a queue, so one queue with per-message TTLs would keep a short delay
 * waiting behind a long one. So there is one queue per delay tier (the initial delay, doubled up to the maximum),
 * each with its tier as queue TTL and the work queue as dead-letter target through the default exchange. A message
 * goes to the shortest tier at least as long as its delay, with its own delay as per-message expiration: it waits at
 * least its delay and at most its tier. No consumer is held meanwhile.
 * <p>
 * Queue names carry the tier ({@code <work queue>.delay.10000ms}): other retry settings declare other
 * queues instead of clashing with the arguments of existing ones.
 */
public final class DelayQueues {

    private final String workQueue;
    private final List<Duration> tiers;

    public DelayQueues(String workQueue, Duration initialDelay, Duration maxDelay) {
        if (initialDelay.isZero() || initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must be positive with max >= initial, were " + initialDelay
                    + " and " + maxDelay);
        }
        this.workQueue = workQueue;
        List<Duration> all = new ArrayList<>();
        for (Duration tier = initialDelay; tier.compareTo(maxDelay) < 0; tier = tier.multipliedBy(2)) {
            all.add(tier);
        }
        all.add(maxDelay);
        this.tiers = List.copyOf(all);
    }

    /** The work queue messages return to. */
    public String workQueue() {
        return workQueue;
    }

    /** All tiers, shortest first. */
    public List<Duration> tiers() {
        return tiers;
    }

    /** The name of a tier's queue. */
    public String queueName(Duration tier) {
        return workQueue + ".delay." + tier.toMillis() + "ms";
    }

    /** The tier a delay waits in: the shortest at least as long, or the longest for longer delays. */
    public Duration tierFor(Duration delay) {
        return tiers.stream().filter(tier -> tier.compareTo(delay) >= 0).findFirst()
                .orElse(tiers.get(tiers.size() - 1));
    }
}
