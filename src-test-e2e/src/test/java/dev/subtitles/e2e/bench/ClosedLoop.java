package dev.subtitles.e2e.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code inFlight} clients, each submitting a job and waiting for its terminal event before it submits the next, so
 * that {@code inFlight} jobs are in the pipeline at any time. A client waits at most {@code bound} for one job; the
 * job then counts as lost and the client goes on.
 */
final class ClosedLoop implements Load {

    private final JobSubmitter submitter;
    private final TerminalEvents ends;
    private final int inFlight;
    private final Duration bound;

    ClosedLoop(JobSubmitter submitter, TerminalEvents ends, int inFlight, Duration bound) {
        this.submitter = submitter;
        this.ends = ends;
        this.inFlight = inFlight;
        this.bound = bound;
    }

    @Override
    public List<Submission> offer(int jobs) throws InterruptedException {
        List<Submission> submissions = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(inFlight);
        try {
            for (int client = 0; client < inFlight; client++) {
                clients.execute(() -> {
                    while (next.getAndIncrement() < jobs && !Thread.currentThread().isInterrupted()) {
                        Submission submission = submitter.submitNow();
                        submissions.add(submission);
                        if (submission.accepted()) {
                            try {
                                ends.awaitEnd(submission.job().orElseThrow(),
                                        submission.sentNanos() + bound.toNanos());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                });
            }
            clients.shutdown();
            // every client's every job ends or times out: jobs / inFlight bounds, one after the other
            long perClient = Math.max(1, (long) Math.ceil((double) jobs / inFlight));
            if (!clients.awaitTermination(perClient * (bound.toSeconds() + 10), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the closed loop's clients did not finish");
            }
        } finally {
            clients.shutdownNow();
        }
        return List.copyOf(submissions);
    }
}
