package dev.subtitles.e2e.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The throughput benchmark's options, from system properties.
 *
 * @param mode {@code bench.mode}: {@code hit} (default), {@code mixed} or {@code cold}
 * @param jobs {@code bench.jobs}: jobs measured (5,000; 1,000 in cold mode)
 * @param inFlight {@code bench.inFlight}: jobs in flight in the closed loop (100)
 * @param warmup {@code bench.warmup}: jobs before the measured ones (2,000; always 0 in cold mode)
 * @param rate {@code bench.rate}: jobs per second of the open loop; 0 (default) for the closed loop
 * @param bound {@code bench.bound.seconds}: how long after its submission (after the last submission, in the open
 *        loop) a job may take to end before it counts as lost (120)
 */
record BenchSettings(BenchMode mode, int jobs, int inFlight, int warmup, int rate, Duration bound) {

    static BenchSettings fromSystemProperties() {
        BenchMode mode = BenchMode.valueOf(System.getProperty("bench.mode", "hit").toUpperCase(Locale.ROOT));
        int warmup = mode == BenchMode.COLD ? 0 : Integer.getInteger("bench.warmup", mode.defaultWarmup());
        return new BenchSettings(mode, Integer.getInteger("bench.jobs", mode.defaultJobs()),
                Integer.getInteger("bench.inFlight", 100), warmup, Integer.getInteger("bench.rate", 0),
                Duration.ofSeconds(Long.getLong("bench.bound.seconds", 120)));
    }

    boolean openLoop() {
        return rate > 0;
    }

    /** The load as the report's title names it. */
    String load() {
        return openLoop() ? "open loop, " + rate + " jobs/s offered" : "closed loop, " + inFlight + " in flight";
    }
}
