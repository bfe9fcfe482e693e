package dev.subtitles.e2e.bench;

import dev.subtitles.e2e.chaos.JobKind;

/**
 * What the throughput benchmark submits ({@code -Dbench.mode}), with the sample library's job kinds of the chaos
 * suite ({@link JobKind}).
 */
enum BenchMode {

    /** Only jobs the library answers in the target language, after a warm-up. */
    HIT(2_000, 5_000),
    /** Found, translated (by Apertium through APy, the fast engine: no start-up per batch) and not found in turn. */
    MIXED(2_000, 5_000),
    /** The first jobs right after the services started, before the JIT compiled anything: library hits, no warm-up. */
    COLD(0, 1_000);

    private final int defaultWarmup;
    private final int defaultJobs;

    BenchMode(int defaultWarmup, int defaultJobs) {
        this.defaultWarmup = defaultWarmup;
        this.defaultJobs = defaultJobs;
    }

    int defaultWarmup() {
        return defaultWarmup;
    }

    int defaultJobs() {
        return defaultJobs;
    }

    /** The kind of the {@code n}-th job of the run. */
    JobKind kind(int n) {
        return this == MIXED ? JobKind.ofMix(n) : JobKind.FOUND;
    }

    /** Whether some jobs need the translator's engine. */
    boolean translates() {
        return this == MIXED;
    }
}
