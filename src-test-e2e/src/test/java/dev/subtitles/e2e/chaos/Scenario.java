package dev.subtitles.e2e.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.subtitles.common.phase.JobPhase;

/**
 * One fault against one batch of jobs: submit the mix, apply the fault, wait (bounded) until every job ended, let
 * late duplicates arrive, then judge each job with {@link ChaosChecker}.
 */
public final class Scenario {

    /** After the last job ended, how long late events (a redelivered translation, a zombie's result) may come. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private Scenario() {
    }

    /**
     * Runs {@code fault} with {@code jobs} jobs of the mix; jobs not ended {@code bound} after the fault cleared are
     * stuck.
     */
    public static FaultReport run(ChaosStack stack, Fault fault, int jobs, Duration bound) {
        log("%s with %d jobs", fault.name(), fault.jobs(jobs));
        try (PhasePoller poller = new PhasePoller(stack.manager())) {
            FaultContext context = new FaultContext(stack, poller, jobs);
            context.submitMix(fault.jobs(jobs));
            Instant cleared;
            try {
                fault.apply(context);
            } catch (Exception | AssertionError e) {
                context.problem("the fault could not be applied: " + e);
                log("%s could not be applied: %s", fault.name(), e);
            } finally {
                cleared = Instant.now();
            }
            FaultContext.awaitUpTo(bound, poller::allEnded);
            Thread.sleep(SETTLE.toMillis());
            try {
                fault.verify(context);
            } catch (Exception | AssertionError e) {
                context.problem("the fault's own check failed: " + e);
            }
            List<JobVerdict> verdicts = new ArrayList<>();
            for (UUID job : poller.jobs()) {
                verdicts.add(ChaosChecker.check(observe(stack, poller, context, job)));
            }
            FaultReport report = new FaultReport(fault.name(), verdicts, context.problems(),
                    recovery(poller, cleared));
            log("%s %s%n%s", fault.name(), report.held() ? "HELD" : "FAILED",
                    String.join("\n", report.evidence(10)));
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FaultReport(fault.name(), List.of(), List.of("interrupted"), null);
        }
    }

    /** A progress line on standard output (failsafe keeps it in the test's output file). */
    static void log(String format, Object... arguments) {
        System.out.printf("%s chaos: %s%n", Instant.now(), String.format(format, arguments));
    }

    static JobObservation observe(ChaosStack stack, PhasePoller poller, FaultContext context, UUID job) {
        List<ObservedEvent> published = stack.tap().eventsOf(job).stream().map(ObservedEvent::of).toList();
        Optional<ManagerClient.Trail> trail = stack.manager().trail(job);
        JobPhase last = stack.manager().phase(job).orElse(null);
        return new JobObservation(job, published, trail.map(ManagerClient.Trail::events).orElse(List.of()),
                trail.map(ManagerClient.Trail::eventCount).orElse(0L), poller.phasesOf(job), last,
                context.promised(job));
    }

    /** From the fault's end until the last job was first seen ended; {@code null} if one never was. */
    private static Duration recovery(PhasePoller poller, Instant cleared) {
        Instant last = cleared;
        for (UUID job : poller.jobs()) {
            Optional<Instant> ended = poller.endedAt(job);
            if (ended.isEmpty()) {
                return null;
            }
            if (ended.get().isAfter(last)) {
                last = ended.get();
            }
        }
        return Duration.between(cleared, last);
    }
}
