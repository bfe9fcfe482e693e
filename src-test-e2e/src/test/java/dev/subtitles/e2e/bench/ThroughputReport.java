package dev.subtitles.e2e.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.subtitles.e2e.chaos.JobKind;

/**
 * The benchmark's printed table: throughput, latencies, lost and duplicated jobs of the measured phase, and CPU per
 * job of each process group and of the machine.
 *
 * @param settings the run's options
 * @param warmup the warm-up's figures, if there was one
 * @param measured the measured phase's figures
 * @param cpu each group's CPU time over the measured phase, in clock ticks
 * @param machineTicks the machine's busy time over the measured phase, in clock ticks
 * @param ticksPerSecond {@code getconf CLK_TCK}
 * @param cpuSeconds how long the CPU was measured: from just before the first submission to just after the last
 *        terminal event (or the bound)
 */
record ThroughputReport(BenchSettings settings, Optional<RunFigures> warmup, RunFigures measured,
        List<CpuMeter.Usage> cpu, long machineTicks, long ticksPerSecond, double cpuSeconds) {

    /** The CPU group of the benchmark's own JVM: it submits and watches, it is not the system measured. */
    static final String LOAD_GENERATOR = "load generator (this JVM)";

    /** The target in the open loop at 400 jobs/s: p99 submit → terminal under this. */
    private static final double TARGET_P99_MILLIS = 2_000;

    private static final String LATENCY_ROW = "| %-28s | %6s | %9s | %9s | %9s |%n";
    private static final String CPU_ROW = "| %-28s | %5s | %10s | %11s |%n";

    String text(String started) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "==== end-to-end throughput: mode %s, %d jobs, %s, warm-up %d jobs;"
                + " %d cores; started %s ====%n", settings.mode().name().toLowerCase(Locale.ROOT), settings.jobs(),
                settings.load(), settings.warmup(), Runtime.getRuntime().availableProcessors(), started));
        warmup.ifPresent(figures -> text.append(String.format(Locale.ROOT,
                "warm-up: %d jobs in %.1f s (%.1f jobs/s), lost %d, duplicated %d, refused %d%n", figures.submitted(),
                figures.seconds(), figures.jobsPerSecond(), figures.lost(), figures.duplicated(), figures.refused())));
        text.append(String.format(Locale.ROOT, "jobs/s                      %8.1f   (%d jobs ended, first submission to"
                + " last terminal event %.2f s)%n", measured.jobsPerSecond(), measured.ended(), measured.seconds()));
        text.append(String.format(Locale.ROOT, "submitted / refused         %d / %d%n", measured.submitted(),
                measured.refused()));
        text.append(String.format(Locale.ROOT, "lost                        %d   (no terminal event within %d s of"
                + " submission)%n", measured.lost(), settings.bound().toSeconds()));
        text.append(String.format(Locale.ROOT, "duplicated terminal events  %d   (jobs with two or more, different"
                + " ids)%n", measured.duplicated()));
        text.append(String.format(Locale.ROOT, "ended otherwise             %d   (first terminal event not the one"
                + " the job's kind leads to)%n", measured.endedOtherwise()));
        if (settings.openLoop()) {
            text.append(String.format(Locale.ROOT, "sent                        %.1f jobs/s   (offered %d; sent behind"
                    + " schedule p99 %s ms, max %s ms)%n", measured.sentPerSecond(), settings.rate(),
                    millis(measured.behindSchedule().p99()), millis(measured.behindSchedule().max())));
            text.append(String.format(Locale.ROOT, "target at 400 jobs/s offered: p99 submit -> terminal < 2 s;"
                    + " here %d jobs/s offered, p99 %.0f ms: %s%n", settings.rate(), measured.submitToTerminal().p99(),
                    measured.submitToTerminal().p99() < TARGET_P99_MILLIS ? "under" : "over"));
        }
        text.append(System.lineSeparator()).append(latencies());
        text.append(System.lineSeparator()).append(cpuTable());
        return text.toString();
    }

    private String latencies() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(LATENCY_ROW, "latency", "jobs", "p50 ms", "p99 ms", "max ms"));
        table.append(String.format(LATENCY_ROW, "-".repeat(28), "-".repeat(6), "-".repeat(9), "-".repeat(9),
                "-".repeat(9)));
        table.append(latencyRow("submit -> terminal", measured.submitToTerminal()));
        if (measured.byKind().size() > 1) {
            for (Map.Entry<JobKind, Latencies> kind : measured.byKind().entrySet()) {
                table.append(latencyRow("  " + kind.getKey().name().toLowerCase(Locale.ROOT), kind.getValue()));
            }
        }
        table.append(latencyRow("submit HTTP (POST /jobs)", measured.http()));
        return table.toString();
    }

    private static String latencyRow(String name, Latencies latencies) {
        return String.format(Locale.ROOT, LATENCY_ROW, name, latencies.count(), millis(latencies.p50()),
                millis(latencies.p99()), millis(latencies.max()));
    }

    private String cpuTable() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(CPU_ROW, "CPU (utime+stime)", "procs", "core-ms", "core-ms/job"));
        table.append(String.format(CPU_ROW, "-".repeat(28), "-".repeat(5), "-".repeat(10), "-".repeat(11)));
        long sum = 0;
        long loadGenerator = 0;
        for (CpuMeter.Usage usage : cpu) {
            table.append(cpuRow(usage.group(), Integer.toString(usage.processes()), usage.ticks()));
            sum += usage.ticks();
            loadGenerator += usage.group().equals(LOAD_GENERATOR) ? usage.ticks() : 0;
        }
        table.append(cpuRow("sum of the rows above", "", sum));
        table.append(cpuRow("services and servers", "", sum - loadGenerator));
        table.append(cpuRow("other (total - sum)", "", machineTicks - sum));
        table.append(cpuRow("machine total (/proc/stat)", "", machineTicks));
        table.append(String.format(Locale.ROOT, "per job: divided by the %d accepted jobs; CPU measured over %.2f s"
                + " (%d ticks/s), machine capacity %.0f core-ms%n", measured.accepted(), cpuSeconds, ticksPerSecond,
                cpuSeconds * 1000 * Runtime.getRuntime().availableProcessors()));
        return table.toString();
    }

    private String cpuRow(String name, String processes, long ticks) {
        double coreMillis = ticks * 1000.0 / ticksPerSecond;
        return String.format(Locale.ROOT, CPU_ROW, name, processes, String.format(Locale.ROOT, "%.0f", coreMillis),
                String.format(Locale.ROOT, "%.2f", coreMillis / Math.max(1, measured.accepted())));
    }

    private static String millis(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.1f", millis);
    }
}
