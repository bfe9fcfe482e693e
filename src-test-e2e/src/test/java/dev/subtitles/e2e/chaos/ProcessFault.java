package dev.subtitles.e2e.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.subtitles.common.phase.JobPhase;

/**
 * SIGKILL (a crash: nothing finishes, nothing is acked) or SIGTERM (a graceful stop, as an orchestrator's) of one
 * service while jobs are in flight, then a restart. It waits (bounded) until the service has work in hand: the
 * translator a translation in progress, the downloader jobs taken off its queue. The manager is killed in the middle
 * of a burst of submissions with {@code Idempotency-Key}s, each retried until accepted, as a client would; once it is
 * back, every key must give the job it first gave.
 */
public record ProcessFault(String service, String signal) implements Fault {

    private static final Duration IN_FLIGHT_BOUND = Duration.ofSeconds(30);
    private static final Duration SUBMISSION_BOUND = Duration.ofSeconds(90);
    private static final int BURST = 20;

    public static ProcessFault kill(String service) {
        return new ProcessFault(service, "KILL");
    }

    public static ProcessFault terminate(String service) {
        return new ProcessFault(service, "TERM");
    }

    @Override
    public List<String> services() {
        return List.of(service);
    }

    @Override
    public String name() {
        return "SIG" + signal + " " + service;
    }

    @Override
    public void apply(FaultContext context) throws Exception {
        PhasePoller poller = context.poller();
        switch (service) {
            case "translator" -> FaultContext.awaitUpTo(IN_FLIGHT_BOUND,
                    () -> poller.countIn(JobPhase.TRANSLATE_IN_PROGRESS) > 0);
            case "downloader" -> FaultContext.awaitUpTo(IN_FLIGHT_BOUND,
                    () -> poller.jobs().stream().anyMatch(job -> poller.latest(job)
                            .filter(phase -> phase != JobPhase.DOWNLOAD_QUEUED).isPresent()));
            default -> FaultContext.awaitUpTo(IN_FLIGHT_BOUND,
                    () -> poller.jobs().stream().anyMatch(job -> poller.latest(job).isPresent()));
        }
        Map<String, UUID> accepted = new ConcurrentHashMap<>();
        Thread burst = null;
        if (service.equals("manager")) {
            burst = new Thread(() -> submitBurst(context, accepted), "chaos-burst");
            burst.start();
            Thread.sleep(300);
        }
        ChaosStack stack = context.stack();
        if (signal.equals("KILL")) {
            stack.stack().kill(service);
        } else {
            stack.stack().stop(service);
        }
        stack.stack().restart(service);
        if (burst != null) {
            burst.join(SUBMISSION_BOUND.toMillis() + 10_000);
            checkReplays(context, accepted);
        }
    }

    /** Submits {@link #BURST} jobs, each with a key of its own, retrying each until it is accepted or time is up. */
    private static void submitBurst(FaultContext context, Map<String, UUID> accepted) {
        Instant deadline = Instant.now().plus(SUBMISSION_BOUND);
        for (int i = 0; i < BURST; i++) {
            String key = "chaos-" + UUID.randomUUID();
            String body = JobKind.ofMix(i).body(i);
            Optional<UUID> job = Optional.empty();
            while (job.isEmpty() && Instant.now().isBefore(deadline)) {
                job = context.stack().manager().submit(body, key);
                if (job.isEmpty()) {
                    sleep(200);
                }
            }
            if (job.isEmpty()) {
                context.problem("a submission with Idempotency-Key " + key + " was never accepted");
                continue;
            }
            context.track(job.get());
            accepted.put(key + "\n" + body, job.get());
        }
    }

    private static void checkReplays(FaultContext context, Map<String, UUID> accepted) {
        List<String> wrong = new ArrayList<>();
        accepted.forEach((keyAndBody, job) -> {
            String[] parts = keyAndBody.split("\n", 2);
            Optional<UUID> replayed = context.stack().manager().submit(parts[1], parts[0]);
            if (!replayed.equals(Optional.of(job))) {
                wrong.add(parts[0] + " gave " + replayed.map(UUID::toString).orElse("no job") + ", first " + job);
            }
        });
        if (!wrong.isEmpty()) {
            context.problem("replayed Idempotency-Keys not giving their first job: " + wrong);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
