package dev.subtitles.e2e.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.subtitles.common.phase.JobPhase;

/** What a fault works with during one scenario: the stack, the scenario's jobs, and where to record problems. */
public final class FaultContext {

    private static final AtomicInteger SUBMITTED = new AtomicInteger();
    private static final Duration SUBMIT_BOUND = Duration.ofSeconds(60);

    private final ChaosStack stack;
    private final PhasePoller poller;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<UUID, JobPhase> promises = new ConcurrentHashMap<>();

    private final int batch;

    /** {@code batch}: the scenario's number of jobs, which a fault submits again while it lasts. */
    FaultContext(ChaosStack stack, PhasePoller poller, int batch) {
        this.stack = stack;
        this.poller = poller;
        this.batch = batch;
    }

    public ChaosStack stack() {
        return stack;
    }

    public PhasePoller poller() {
        return poller;
    }

    /**
     * Submits one job of the mix and tracks it, as a careful client would: with an {@code Idempotency-Key}, again and
     * again for up to {@link #SUBMIT_BOUND} while the manager does not accept it (it may be restarting); empty (and
     * a problem recorded) if it never does.
     */
    public Optional<UUID> submit(JobKind kind) {
        return submit(kind, Instant.now().plus(SUBMIT_BOUND));
    }

    /** Submits one more batch of the scenario's size, as a fault does while it lasts. */
    public void submitBatch() {
        submitMix(batch);
    }

    /** Submits {@code count} jobs of the mix, all retries of the batch within one {@link #SUBMIT_BOUND}. */
    public void submitMix(int count) {
        Instant deadline = Instant.now().plus(SUBMIT_BOUND);
        for (int i = 0; i < count; i++) {
            submit(JobKind.ofMix(i), deadline);
        }
    }

    /** Submits one job, retrying until {@code deadline}; once it has passed, tries once. */
    private Optional<UUID> submit(JobKind kind, Instant deadline) {
        int n = SUBMITTED.incrementAndGet();
        String key = "chaos-" + UUID.randomUUID();
        Optional<UUID> job = stack.manager().submit(kind.body(n), key);
        while (job.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            job = stack.manager().submit(kind.body(n), key);
        }
        if (job.isEmpty()) {
            problem("POST /jobs of a " + kind + " job was not accepted within " + SUBMIT_BOUND.toSeconds() + " s");
        }
        job.ifPresent(this::track);
        return job;
    }

    /** Makes a job the scenario's: polled, and checked at the end. */
    public void track(UUID job) {
        poller.track(job);
    }

    /** Records that the API promised how a job ends, such as {@code CANCELLED} after a DELETE answered 202. */
    public void promise(UUID job, JobPhase phase) {
        promises.put(job, phase);
    }

    Optional<JobPhase> promised(UUID job) {
        return Optional.ofNullable(promises.get(job));
    }

    /** Records a finding of the fault's own checks; the fault then does not hold. */
    public void problem(String problem) {
        problems.add(problem);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Waits until {@code condition} holds, at most {@code bound}; {@code true} if it did. */
    public static boolean awaitUpTo(Duration bound, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
