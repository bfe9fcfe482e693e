package dev.subtitles.e2e.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Job {@code i} is submitted at {@code start + i / rate}, whatever happened to the jobs before it: each request is
 * sent on a thread of its own (idle ones are reused), so that no answer, however slow, holds back the next request.
 */
final class OpenLoop implements Load {

    private final JobSubmitter submitter;
    private final int rate;

    OpenLoop(JobSubmitter submitter, int rate) {
        this.submitter = submitter;
        this.rate = rate;
    }

    @Override
    public List<Submission> offer(int jobs) throws InterruptedException {
        ExecutorService senders = Executors.newCachedThreadPool();
        try {
            List<Future<Submission>> sent = new ArrayList<>();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                sent.add(senders.submit(() -> submitter.submit(due)));
            }
            List<Submission> submissions = new ArrayList<>();
            for (Future<Submission> submission : sent) {
                submissions.add(submission.get());
            }
            return submissions;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a submission failed", e.getCause());
        } finally {
            senders.shutdownNow();
        }
    }
}
