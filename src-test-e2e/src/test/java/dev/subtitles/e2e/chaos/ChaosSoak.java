package dev.subtitles.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.subtitles.e2e.Stack;

/**
 * The soak: {@code soak.jobs} (10,000) jobs of the mix submitted at {@code soak.rate} (20) per second while a chaos
 * loop applies a random fault every {@code soak.faultEvery.seconds} (45) s: kills, graceful stops, short pauses,
 * link cuts, closed AMQP connections, a lost projection. At the end every job must have ended once, in order, with a
 * gap-free trail. Prints jobs, faults applied, lost / duplicated / stuck.
 * <p>
 * Not part of any default build; run with {@code ./mvnw -B verify -Djacoco.skip=true -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=ChaosSoak -Dsoak=true}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "soak", matches = "true")
class ChaosSoak {

    private static final int JOBS = Integer.getInteger("soak.jobs", 10_000);
    private static final int RATE = Integer.getInteger("soak.rate", 20);
    private static final Duration FAULT_EVERY = Duration.ofSeconds(Long.getLong("soak.faultEvery.seconds", 45));
    private static final Duration BOUND = Duration.ofSeconds(Long.getLong("soak.bound.seconds", 600));

    @Test
    void tenThousandJobsUnderRandomFaultsAllEndOnce() throws Exception {
        Random random = new Random(Long.getLong("soak.seed", System.nanoTime()));
        Map<String, Integer> applied = new TreeMap<>();
        try (ChaosStack stack = ChaosStack.start(); PhasePoller poller = new PhasePoller(stack.manager())) {
            FaultContext context = new FaultContext(stack, poller, 5 * RATE);
            Thread submitter = new Thread(() -> submit(context), "soak-submitter");
            Instant started = Instant.now();
            submitter.start();
            Instant nextFault = Instant.now().plus(FAULT_EVERY);
            while (submitter.isAlive()) {
                Thread.sleep(500);
                if (Instant.now().isAfter(nextFault)) {
                    List<Fault> faults = faults();
                    Fault fault = faults.get(random.nextInt(faults.size()));
                    Scenario.log("soak: %s (%d jobs submitted)", fault.name(), poller.jobs().size());
                    try {
                        fault.apply(context);
                    } catch (Exception e) {
                        context.problem(fault.name() + " could not be applied: " + e);
                    }
                    applied.merge(fault.name(), 1, Integer::sum);
                    nextFault = Instant.now().plus(FAULT_EVERY);
                }
            }
            FaultContext.awaitUpTo(BOUND, poller::allEnded);
            Thread.sleep(3_000);
            List<JobVerdict> verdicts = new ArrayList<>();
            for (UUID job : poller.jobs()) {
                verdicts.add(ChaosChecker.check(Scenario.observe(stack, poller, context, job)));
            }
            FaultReport report = new FaultReport("soak", verdicts, context.problems(), null);
            System.out.printf("%nSoak: %d jobs in %s, faults applied %d %s%nlost %d, stuck %d, duplicated terminal %d,"
                    + " duplicated work %d, seq gaps %d, regressions %d, wrong final phase %d, problems %d%n%s%n",
                    verdicts.size(), Duration.between(started, Instant.now()).withNanos(0),
                    applied.values().stream().mapToInt(Integer::intValue).sum(), applied, report.lost(),
                    report.stuck(), report.duplicatedTerminal(), report.duplicatedWork(), report.seqGaps(),
                    report.regressions(), report.wrongFinalPhase(), report.problems().size(),
                    String.join("\n", report.evidence(20)));
            assertThat(report.held()).isTrue();
        }
    }

    private static void submit(FaultContext context) {
        long pauseNanos = 1_000_000_000L / Math.max(1, RATE);
        long next = System.nanoTime();
        for (int i = 0; i < JOBS; i++) {
            context.submit(JobKind.ofMix(i));
            next += pauseNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The faults the loop picks from: those that act on the stack alone (the poison and cancel checks do not). */
    private static List<Fault> faults() {
        List<Fault> faults = new ArrayList<>();
        for (String service : Stack.SERVICES) {
            faults.add(ProcessFault.kill(service));
            faults.add(ProcessFault.terminate(service));
            faults.add(new ConnectionCloseFault(service));
            for (ChaosStack.Server server : ChaosStack.Server.values()) {
                faults.add(new LinkCutFault(service, server, Duration.ofSeconds(5)));
            }
        }
        faults.add(new PauseFault("downloader", Duration.ofSeconds(20)));
        faults.add(new PauseFault("translator", Duration.ofSeconds(20)));
        faults.add(new ProjectionLossFault());
        return faults;
    }
}
