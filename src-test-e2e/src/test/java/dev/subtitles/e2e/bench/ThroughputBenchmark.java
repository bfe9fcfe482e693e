package dev.subtitles.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.subtitles.e2e.IsolatedStack;
import dev.subtitles.e2e.Stack;
import dev.subtitles.e2e.chaos.ManagerClient;

/**
 * End-to-end throughput of the four packaged services, each a process of its own on the local servers with names
 * and a database of their own ({@link IsolatedStack}): {@code bench.warmup} (2,000) jobs first, then
 * {@code bench.jobs} (5,000) through {@code POST /jobs}, {@code bench.inFlight} (100) at a time, or at
 * {@code bench.rate} jobs/s (open loop), each job ended by its first terminal event on a tap bound to {@code #}.
 * {@code bench.mode}: {@code hit} (library hits), {@code mixed} (found, translated by Apertium through APy, not found)
 * or {@code cold} (the first 1,000 library hits right after start, no warm-up). Prints jobs/s, submit → terminal and
 * submit HTTP p50/p99, lost and duplicated jobs, and CPU per job of each service, of PostgreSQL, Redis and RabbitMQ,
 * of this JVM and of the machine, the servers' counts per job ({@link ServerCounters}), and writes the same to
 * {@code target/bench/throughput-<mode>-<timestamp>.txt}.
 * Fails if a job is lost or has two terminal events; never on speed.
 * <p>
 * Not part of any default build; run with {@code ./mvnw -B verify -Djacoco.skip=true -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=ThroughputBenchmark
 * -Dbench=true} (add {@code -Dbench.mode=mixed}, {@code -Dbench.rate=400}, ...).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ThroughputBenchmark {

    /** After the last job ended, how long a second terminal event of a job may take to show. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @Test
    void everyJobEndsOnceAndTheThroughputIsPrinted() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        LocalDateTime started = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (ApertiumApy engine = settings.mode().translates() ? ApertiumApy.start() : null;
                IsolatedStack run = IsolatedStack.start(services(engine))) {
            TerminalEvents ends = new TerminalEvents();
            run.tap().listen(ends);
            JobSubmitter submitter = new JobSubmitter(
                    new ManagerClient(() -> run.stack().service("manager").baseUri()), settings.mode());
            ClosedLoop closedLoop = new ClosedLoop(submitter, ends, settings.inFlight(), settings.bound());

            List<Submission> warmup = closedLoop.offer(settings.warmup());
            awaitEnds(warmup, ends, settings.bound());

            CpuMeter meter = meter(run.stack(), engine);
            long ticksPerSecond = ProcStat.ticksPerSecond();
            ServerCounters counters = ServerCounters.of(run.names().database());
            Thread.sleep(SETTLE.toMillis());
            ServerCounters.Snapshot countedBefore = counters.snapshot();
            CpuMeter.Snapshot before = meter.snapshot();
            long cpuStart = System.nanoTime();
            Load load = settings.openLoop() ? new OpenLoop(submitter, settings.rate()) : closedLoop;
            List<Submission> submissions = load.offer(settings.jobs());
            awaitEnds(submissions, ends, settings.bound());
            CpuMeter.Snapshot after = meter.snapshot();
            double cpuSeconds = (System.nanoTime() - cpuStart) / 1e9;
            Thread.sleep(SETTLE.toMillis());
            ServerCounters.Snapshot countedAfter = counters.snapshot();
            RunFigures measured = RunFigures.of(submissions, ends, settings.bound());
            Optional<RunFigures> warmedUp = warmup.isEmpty() ? Optional.empty()
                    : Optional.of(RunFigures.of(warmup, ends, settings.bound()));

            ThroughputReport report = new ThroughputReport(settings, warmedUp, measured, after.since(before),
                    after.machineBusyTicksSince(before), ticksPerSecond, cpuSeconds);
            String text = report.text(started.toString()) + System.lineSeparator()
                    + countedAfter.perJob(countedBefore, measured.accepted());
            System.out.println(text);
            Path file = write(settings.mode(), started, text);
            System.out.println("written to " + file.toAbsolutePath());

            warmedUp.ifPresent(figures -> {
                assertThat(figures.lost()).as("warm-up jobs lost").isZero();
                assertThat(figures.duplicated()).as("warm-up jobs with duplicated terminal events").isZero();
            });
            assertThat(measured.lost()).as("jobs lost").isZero();
            assertThat(measured.duplicated()).as("jobs with duplicated terminal events").isZero();
        }
    }

    /** Waits until every accepted job ended, at most {@code bound} after the last submission. */
    private static void awaitEnds(List<Submission> submissions, TerminalEvents ends, Duration bound)
            throws InterruptedException {
        long lastSent = submissions.stream().mapToLong(Submission::sentNanos).max().orElse(System.nanoTime());
        List<UUID> jobs = submissions.stream().flatMap(submission -> submission.job().stream()).toList();
        ends.awaitEnds(jobs, lastSent + bound.toNanos());
    }

    /** The processes whose CPU time is counted. */
    /**
     * The manager keeps its default cap on jobs in flight (the harness lifts it for the other tests): counting a
     * tenant's jobs and settling the ended ones is part of what a submission costs.
     */
    private static Map<String, Map<String, String>> services(ApertiumApy engine) {
        Map<String, String> manager = Map.of("MANAGER_LIMITS_JOBS_IN_FLIGHT", "1000");
        return engine == null
                ? Map.of("manager", manager)
                : Map.of("manager", manager, "translator", engine.translatorEnvironment());
    }

    private static CpuMeter meter(Stack stack, ApertiumApy engine) {
        CpuMeter meter = new CpuMeter();
        for (String service : Stack.SERVICES) {
            meter.process(service, stack.service(service).pid());
        }
        meter.command("postgres (all processes)", "postgres")
                .command("redis-server", "redis-server")
                .command("rabbitmq (beam.smp)", "beam.smp");
        if (engine != null) {
            meter.tree("apertium-apy and pipelines", engine.pid());
        }
        return meter.process(ThroughputReport.LOAD_GENERATOR, ProcessHandle.current().pid());
    }

    private static Path write(BenchMode mode, LocalDateTime started, String text) throws IOException {
        Path directory = Path.of("target", "bench");
        Files.createDirectories(directory);
        Path file = directory.resolve(String.format("throughput-%s-%s.txt", mode.name().toLowerCase(Locale.ROOT),
                started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
