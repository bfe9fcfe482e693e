package dev.subtitles.e2e.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The outcome of one fault: the checker's verdict on each job submitted during it, problems the fault's own checks
 * found (an HTTP answer that is no problem+json, a poison message missing from the DLQ, ...), and the time from the
 * fault's end until the last job ended ({@code null} when some never did). A fault held when every job held and no
 * problem was found.
 *
 * @param fault the fault's name, as in the table
 * @param verdicts one per job of the scenario
 * @param problems the fault's own findings, each a line a person can act on
 * @param recovery fault cleared until the last job ended; {@code null} if not all ended within the bound
 */
public record FaultReport(String fault, List<JobVerdict> verdicts, List<String> problems, Duration recovery) {

    public FaultReport {
        verdicts = List.copyOf(verdicts);
        problems = List.copyOf(problems);
    }

    public boolean held() {
        return problems.isEmpty() && verdicts.stream().allMatch(JobVerdict::held);
    }

    public long lost() {
        return count(JobVerdict::lost);
    }

    public long stuck() {
        return count(JobVerdict::stuck);
    }

    public long duplicatedTerminal() {
        return count(JobVerdict::duplicatedTerminal);
    }

    public long duplicatedWork() {
        return count(JobVerdict::duplicatedWork);
    }

    public long seqGaps() {
        return count(JobVerdict::seqGap);
    }

    public long regressions() {
        return count(JobVerdict::regression);
    }

    public long wrongFinalPhase() {
        return count(JobVerdict::wrongFinalPhase);
    }

    private long count(Predicate<JobVerdict> flag) {
        return verdicts.stream().filter(flag).count();
    }

    /** What went wrong, job by job and problem by problem, at most {@code limit} jobs; empty when it held. */
    public List<String> evidence(int limit) {
        List<String> lines = new ArrayList<>(problems);
        verdicts.stream().filter(verdict -> !verdict.held()).limit(limit)
                .forEach(verdict -> lines.add("job " + verdict.jobId() + ": " + String.join("; ", verdict.details())));
        long more = verdicts.stream().filter(verdict -> !verdict.held()).count() - limit;
        if (more > 0) {
            lines.add("... and " + more + " more jobs");
        }
        return lines;
    }

    /** The per-fault table of the chaos suite, one row per report. */
    public static String table(List<FaultReport> reports) {
        String format = "| %-44s | %5s | %10s | %8s | %8s | %4s | %5s | %5s | %8s | %6s | %-7s |%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format(format, "fault", "jobs", "lost/stuck", "dup term", "dup work", "gaps", "regr",
                "wrong", "problems", "recov", "verdict"));
        table.append(String.format(format, "-".repeat(44), "-".repeat(5), "-".repeat(10), "-".repeat(8),
                "-".repeat(8), "-".repeat(4), "-".repeat(5), "-".repeat(5), "-".repeat(8), "-".repeat(6),
                "-".repeat(7)));
        for (FaultReport report : reports) {
            table.append(String.format(format, report.fault(), report.verdicts().size(),
                    report.lost() + "/" + report.stuck(), report.duplicatedTerminal(), report.duplicatedWork(),
                    report.seqGaps(), report.regressions(), report.wrongFinalPhase(), report.problems().size(),
                    report.recovery() == null ? "-" : report.recovery().toSeconds() + " s",
                    report.held() ? "HELD" : "FAILED"));
        }
        return table.toString();
    }
}
