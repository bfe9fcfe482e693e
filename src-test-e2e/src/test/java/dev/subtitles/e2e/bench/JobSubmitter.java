package dev.subtitles.e2e.bench;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.subtitles.e2e.chaos.JobKind;
import dev.subtitles.e2e.chaos.ManagerClient;

/** Submits the benchmark's jobs one {@code POST /jobs} at a time, numbered across warm-up and measured phase. */
final class JobSubmitter {

    private final ManagerClient manager;
    private final BenchMode mode;
    private final AtomicInteger submitted = new AtomicInteger();

    JobSubmitter(ManagerClient manager, BenchMode mode) {
        this.manager = manager;
        this.mode = mode;
    }

    /** Submits the next job, once (a refused job stays refused); {@code startNanos} as in {@link Submission}. */
    Submission submit(long startNanos) {
        int n = submitted.getAndIncrement();
        JobKind kind = mode.kind(n);
        long sent = System.nanoTime();
        Optional<UUID> job = manager.submit(kind.body(n), null);
        return new Submission(job, kind, startNanos, sent, System.nanoTime());
    }

    /** Submits the next job now. */
    Submission submitNow() {
        return submit(System.nanoTime());
    }
}
