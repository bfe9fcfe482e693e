package dev.subtitles.e2e.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.subtitles.common.event.EventType;
import dev.subtitles.e2e.chaos.JobKind;

/**
 * What one phase of the benchmark (warm-up or measured) came to, judged once every job has ended or its bound has
 * passed.
 *
 * @param submitted {@code POST /jobs} sent
 * @param refused of those, not accepted (no answer, or not 202)
 * @param ended accepted jobs with a terminal event within the bound of their submission
 * @param lost accepted jobs without
 * @param duplicated jobs with two or more terminal events of different ids
 * @param endedOtherwise ended jobs whose first terminal event is not the one their kind leads to (a library hit that
 *        failed, say)
 * @param seconds from the first submission to the last terminal event
 * @param submitToTerminal from the submission (or its scheduled time, in the open loop) to the first terminal event
 * @param byKind the same per kind of job
 * @param http how long {@code POST /jobs} took to answer, refused ones included
 * @param sentPerSecond requests sent per second, first to last
 * @param behindSchedule how long after its start (its scheduled time, in the open loop) each request was sent
 */
record RunFigures(int submitted, int refused, int ended, int lost, int duplicated, int endedOtherwise,
        double seconds, Latencies submitToTerminal, Map<JobKind, Latencies> byKind, Latencies http,
        double sentPerSecond, Latencies behindSchedule) {

    static RunFigures of(List<Submission> submissions, TerminalEvents ends, Duration bound) {
        long first = submissions.stream().mapToLong(Submission::startNanos).min().orElse(0);
        long last = first;
        int ended = 0;
        int lost = 0;
        int duplicated = 0;
        int endedOtherwise = 0;
        Map<JobKind, List<Long>> byKind = new EnumMap<>(JobKind.class);
        List<Long> all = new ArrayList<>();
        for (Submission submission : submissions) {
            if (submission.job().isEmpty()) {
                continue;
            }
            UUID job = submission.job().get();
            duplicated += ends.terminalEvents(job) > 1 ? 1 : 0;
            Optional<TerminalEvents.End> end = ends.firstEnd(job)
                    .filter(it -> it.nanos() - submission.startNanos() <= bound.toNanos());
            if (end.isEmpty()) {
                lost++;
                continue;
            }
            ended++;
            endedOtherwise += end.get().type().equals(expectedEnd(submission.kind())) ? 0 : 1;
            last = Math.max(last, end.get().nanos());
            long latency = end.get().nanos() - submission.startNanos();
            all.add(latency);
            byKind.computeIfAbsent(submission.kind(), kind -> new ArrayList<>()).add(latency);
        }
        Map<JobKind, Latencies> kinds = new EnumMap<>(JobKind.class);
        byKind.forEach((kind, latencies) -> kinds.put(kind, Latencies.ofNanos(latencies)));
        long refused = submissions.stream().filter(submission -> !submission.accepted()).count();
        long firstSent = submissions.stream().mapToLong(Submission::sentNanos).min().orElse(0);
        long lastSent = submissions.stream().mapToLong(Submission::sentNanos).max().orElse(0);
        double sentPerSecond = lastSent > firstSent ? (submissions.size() - 1) / ((lastSent - firstSent) / 1e9)
                : Double.NaN;
        return new RunFigures(submissions.size(), (int) refused, ended, lost, duplicated, endedOtherwise,
                (last - first) / 1e9, Latencies.ofNanos(all), kinds,
                Latencies.ofNanos(submissions.stream().map(Submission::httpNanos).toList()), sentPerSecond,
                Latencies.ofNanos(submissions.stream()
                        .map(submission -> submission.sentNanos() - submission.startNanos()).toList()));
    }

    /** Terminal events seen per second, first submission to last terminal event. */
    double jobsPerSecond() {
        return seconds > 0 ? ended / seconds : Double.NaN;
    }

    int accepted() {
        return submitted - refused;
    }

    private static String expectedEnd(JobKind kind) {
        return switch (kind) {
            case FOUND -> EventType.SUBTITLE_READY.routingKey();
            case TRANSLATED -> EventType.TRANSLATED.routingKey();
            case NOT_FOUND -> EventType.JOB_FAILED.routingKey();
        };
    }
}
