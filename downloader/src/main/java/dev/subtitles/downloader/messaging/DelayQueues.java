package dev.subtitles.downloader.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.subtitles.downloader.config.DownloaderConfig;

/**
 * The delay queues that hold request copies between attempts, and how a delay maps to one of them.
 * <p>
 * RabbitMQ expires messages only at the head of a queue, so one queue with per-message TTLs would hold a short delay
 * behind a long one. Instead there is one queue per delay tier (the initial delay doubled up to the maximum, e.g.
 * 5 s, 10 s, ... 10 min), each with that tier as queue TTL and the work queue as dead-letter target through the
 * default exchange. A message goes to the smallest tier at least as long as its delay, with its exact delay as
 * per-message expiration: whatever sits before it in that tier expires no later than the tier length after it was
 * queued, so a message waits at least its delay and at most its tier. No consumer waits meanwhile.
 * <p>
 * Queue names carry the tier ({@code downloader.requests.delay.5000ms}), so changing the retry settings declares new
 * queues instead of clashing with the arguments of old ones.
 */
public final class DelayQueues {

    private final String workQueue;
    private final List<Duration> tiers;

    public DelayQueues(String workQueue, List<Duration> tiers) {
        this.workQueue = workQueue;
        this.tiers = List.copyOf(tiers);
    }

    /** Tiers from the retry settings: the initial delay, doubled while below the maximum, then the maximum. */
    public static DelayQueues from(DownloaderConfig config) {
        DownloaderConfig.Retry retry = config.retry();
        List<Duration> tiers = new ArrayList<>();
        Duration tier = retry.initialDelay();
        while (tier.compareTo(retry.maxDelay()) < 0) {
            tiers.add(tier);
            tier = tier.multipliedBy(2);
        }
        tiers.add(retry.maxDelay());
        return new DelayQueues(config.messaging().queue(), tiers);
    }

    /** The work queue messages return to. */
    public String workQueue() {
        return workQueue;
    }

    /** All tiers, shortest first. */
    public List<Duration> tiers() {
        return tiers;
    }

    /** Name of the delay queue of a tier. */
    public String queueName(Duration tier) {
        return workQueue + ".delay." + tier.toMillis() + "ms";
    }

    /** The tier a delay waits in: the shortest at least as long, or the longest for longer delays. */
    public Duration tierFor(Duration delay) {
        return tiers.stream().filter(t -> t.compareTo(delay) >= 0).findFirst().orElse(tiers.get(tiers.size() - 1));
    }
}
