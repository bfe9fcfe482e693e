package dev.subtitles.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.subtitles.e2e.Stack;

/**
 * The chaos suite (issue 15): faults applied to the four packaged services while jobs of every kind are in flight,
 * each judged by {@link ChaosChecker}; one test per fault, and the table of all of them printed at the end.
 * <p>
 * By default (in {@code ./mvnw -B verify}) it runs {@link #SHORT_FORM} with a few jobs per fault. With
 * {@code -Dchaos=full} it runs {@link #fullForm()}, every fault, {@code chaos.jobs} (150) jobs per fault, for
 * {@code chaos.rounds} (3) rounds. Restarts of the shared servers join the full form only with
 * {@code -Dchaos.sharedServers=restart}. {@code -Dchaos.only=<text>,<text>} keeps the faults whose name contains one
 * of them. A scenario's jobs that have not ended {@code chaos.bound.seconds} after the fault cleared are stuck.
 * After a fault that left jobs stuck, the services it acted on are restarted so that the next fault starts from a
 * healthy stack (a wedged consumer would otherwise fail the faults after it).
 */
class ChaosIT {

    private static final boolean FULL = "full".equals(System.getProperty("chaos"));
    private static final int JOBS = Integer.getInteger("chaos.jobs", FULL ? 150 : 12);
    private static final int ROUNDS = Integer.getInteger("chaos.rounds", FULL ? 3 : 1);
    private static final Duration BOUND = Duration.ofSeconds(Long.getLong("chaos.bound.seconds", FULL ? 150 : 30));

    /** What the default build runs: representative, about four minutes on two cores. */
    static final List<Fault> SHORT_FORM = List.of(
            ProcessFault.kill("downloader"),
            ProcessFault.kill("translator"),
            new LinkCutFault("downloader", ChaosStack.Server.RABBITMQ, Duration.ofSeconds(5)),
            new PoisonHttpFault(),
            new PoisonAmqpFault(),
            new CancelFault());

    private static final List<FaultReport> REPORTS = new CopyOnWriteArrayList<>();
    private static ChaosStack stack;

    /** Every fault of the suite, as {@code -Dchaos=full} runs them. */
    static List<Fault> fullForm() {
        List<Fault> faults = new ArrayList<>();
        for (String service : Stack.SERVICES) {
            faults.add(ProcessFault.kill(service));
            faults.add(ProcessFault.terminate(service));
        }
        Duration pause = Duration.ofSeconds(Long.getLong("chaos.pause.seconds", 70));
        faults.add(new PauseFault("downloader", pause));
        faults.add(new PauseFault("translator", pause));
        for (String service : Stack.SERVICES) {
            for (ChaosStack.Server server : ChaosStack.Server.values()) {
                faults.add(new LinkCutFault(service, server, Duration.ofSeconds(10)));
            }
        }
        for (String service : Stack.SERVICES) {
            faults.add(new ConnectionCloseFault(service));
        }
        faults.add(new ProjectionLossFault());
        faults.add(new PoisonAmqpFault());
        faults.add(new PoisonHttpFault());
        faults.add(new CancelFault());
        if ("restart".equals(System.getProperty("chaos.sharedServers"))) {
            for (ChaosStack.Server server : ChaosStack.Server.values()) {
                faults.add(new ServerRestartFault(server, Duration.ofSeconds(10)));
            }
        }
        return faults;
    }

    @BeforeAll
    static void startStack() throws Exception {
        stack = ChaosStack.start();
    }

    @AfterAll
    static void printTableAndStop() throws Exception {
        System.out.println("\nChaos suite (" + (FULL ? "full" : "short") + " form, " + JOBS + " jobs per fault, "
                + ROUNDS + " round(s), stuck after " + BOUND.toSeconds() + " s)\n" + FaultReport.table(REPORTS));
        if (stack != null) {
            stack.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJobEndsOnceAndInOrderWhateverTheFault() {
        List<String> only = List.of(System.getProperty("chaos.only", "").split(",")).stream()
                .filter(text -> !text.isBlank()).toList();
        List<Fault> faults = (FULL ? fullForm() : SHORT_FORM).stream()
                .filter(fault -> only.isEmpty() || only.stream().anyMatch(fault.name()::contains)).toList();
        List<DynamicTest> tests = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String suffix = ROUNDS > 1 ? " (round " + round + ")" : "";
            for (Fault fault : faults) {
                tests.add(DynamicTest.dynamicTest(fault.name() + suffix, () -> holds(fault)));
            }
        }
        return tests.stream();
    }

    private static void holds(Fault fault) throws Exception {
        FaultReport report = Scenario.run(stack, fault, JOBS, BOUND);
        REPORTS.add(report);
        if (report.lost() + report.stuck() > 0) {
            for (String service : fault.services()) {
                Scenario.log("restarting %s after %s", service, fault.name());
                stack.stack().stop(service);
                stack.stack().restart(service);
            }
        }
        assertThat(report.held()).withFailMessage("%s did not hold:%n%s", fault.name(),
                String.join("\n", report.evidence(10))).isTrue();
    }
}
