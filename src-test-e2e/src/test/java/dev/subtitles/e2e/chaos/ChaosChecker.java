package dev.subtitles.e2e.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.phase.JobPhase;

/**
 * The one judge of every chaos scenario: from what was seen of a job (its events on the broker, its audit trail, the
 * phases a poller read) it says whether a fault lost, stranded, doubled or garbled it. A pure function, so that each
 * verdict is shown to fire on a synthetic history in {@code ChaosCheckerTest}.
 * <p>
 * <b>Terminal events</b> (from {@link EventType} and {@code PhaseMachine}): {@code subtitle.translated},
 * {@code job.failed}, {@code job.cancelled}, and {@code subtitle.ready} unless a translation follows it (a
 * {@code subtitle.translate.requested} of the same job). {@code job.cancel.requested} also leads to
 * {@code CANCELLED}, but it is the user's request, not a worker's outcome: a job cancelled while queued has no worker
 * to acknowledge it, so a job whose trail holds a cancel request and whose phase is {@code CANCELLED} has ended too.
 * <p>
 * <b>Work events</b>: {@code subtitle.download.requested}, {@code subtitle.download.started},
 * {@code subtitle.translate.requested}, {@code subtitle.translate.started} and {@code job.retry.scheduled}. Two of the
 * same type (and the same {@code attempt} and {@code stage} where the payload has them) with different ids mean a
 * step ran twice; the same id twice is a redelivery, which consumers ignore.
 */
public final class ChaosChecker {

    private static final Set<String> WORK = Set.of(
            EventType.DOWNLOAD_REQUESTED.routingKey(),
            EventType.DOWNLOAD_STARTED.routingKey(),
            EventType.TRANSLATE_REQUESTED.routingKey(),
            EventType.TRANSLATE_STARTED.routingKey(),
            EventType.RETRY_SCHEDULED.routingKey());

    private ChaosChecker() {
    }

    /** Judges one job. */
    public static JobVerdict check(JobObservation job) {
        List<String> details = new ArrayList<>();
        List<ObservedEvent> events = distinctById(job);
        boolean translationFollows = events.stream()
                .anyMatch(event -> event.type().equals(EventType.TRANSLATE_REQUESTED.routingKey()));
        List<ObservedEvent> terminal = events.stream().filter(event -> isTerminal(event, translationFollows))
                .toList();

        boolean lost = job.published().isEmpty() && job.history().isEmpty();
        boolean stuck = !lost && !ended(job, translationFollows);
        if (lost) {
            details.add("no event seen");
        } else if (stuck) {
            details.add("no end: phase " + job.finalPhase() + ", terminal events in the trail: "
                    + describe(job.history().stream().filter(event -> isTerminal(event, translationFollows))
                            .toList())
                    + ", on the broker: " + describe(terminal));
        }

        boolean duplicatedTerminal = terminal.size() > 1;
        if (duplicatedTerminal) {
            details.add("terminal events: " + describe(terminal));
        }

        Map<String, List<ObservedEvent>> steps = events.stream().filter(event -> WORK.contains(event.type()))
                .collect(Collectors.groupingBy(ChaosChecker::stepKey, LinkedHashMap::new, Collectors.toList()));
        List<String> repeated = steps.entrySet().stream().filter(step -> step.getValue().size() > 1)
                .map(step -> step.getKey() + " x" + step.getValue().size()).toList();
        boolean duplicatedWork = !repeated.isEmpty();
        if (duplicatedWork) {
            details.add("work done twice: " + String.join(", ", repeated));
        }

        String gap = seqGap(job);
        if (gap != null) {
            details.add(gap);
        }

        String regression = regression(job.polledPhases());
        if (regression != null) {
            details.add(regression);
        }

        String wrong = wrongFinalPhase(job, terminal);
        if (wrong != null) {
            details.add(wrong);
        }
        if (!details.isEmpty()) {
            details.add("trail: " + trail(job.history()));
        }
        return new JobVerdict(job.jobId(), lost, stuck, duplicatedTerminal, duplicatedWork, gap != null,
                regression != null, wrong != null, details);
    }

    /** Judges every job. */
    public static List<JobVerdict> check(List<JobObservation> jobs) {
        return jobs.stream().map(ChaosChecker::check).toList();
    }

    static boolean isTerminal(ObservedEvent event, boolean translationFollows) {
        String type = event.type();
        if (type.equals(EventType.SUBTITLE_READY.routingKey())) {
            return !translationFollows;
        }
        return type.equals(EventType.TRANSLATED.routingKey()) || type.equals(EventType.JOB_FAILED.routingKey())
                || type.equals(EventType.JOB_CANCELLED.routingKey());
    }

    /** The job's phase is terminal and its trail shows why: a terminal event, or a cancel request. */
    private static boolean ended(JobObservation job, boolean translationFollows) {
        if (job.finalPhase() == null || !job.finalPhase().isTerminal()) {
            return false;
        }
        return job.history().stream().anyMatch(event -> isTerminal(event, translationFollows)
                || event.type().equals(EventType.CANCEL_REQUESTED.routingKey()));
    }

    /** The trail's sequence numbers must be exactly 1..eventCount: none missing, none twice. */
    private static String seqGap(JobObservation job) {
        List<Long> seqs = job.history().stream()
                .map(event -> event.seq().isPresent() ? event.seq().getAsLong() : -1L).sorted().toList();
        long expected = Math.max(job.eventCount(), seqs.size());
        List<Long> wanted = new ArrayList<>();
        for (long seq = 1; seq <= expected; seq++) {
            wanted.add(seq);
        }
        if (seqs.equals(wanted)) {
            return null;
        }
        return "sequence numbers " + seqs + " for eventCount " + job.eventCount();
    }

    private static String regression(List<JobPhase> polled) {
        JobPhase furthest = null;
        for (JobPhase phase : polled) {
            if (furthest != null && furthest.isTerminal() && phase != furthest) {
                return "phase left terminal " + furthest + " for " + phase + " (polled " + compact(polled) + ")";
            }
            if (furthest != null && phase.rank() < furthest.rank()) {
                return "phase went back from " + furthest + " to " + phase + " (polled " + compact(polled) + ")";
            }
            if (furthest == null || phase.rank() > furthest.rank()) {
                furthest = phase;
            }
        }
        return null;
    }

    private static String wrongFinalPhase(JobObservation job, List<ObservedEvent> terminal) {
        JobPhase last = job.finalPhase();
        if (last == null || !last.isTerminal()) {
            return null;
        }
        if (job.promised().isPresent() && job.promised().get() != last) {
            return "ended " + last + " although the API promised " + job.promised().get();
        }
        Set<JobPhase> told = terminal.stream().map(ObservedEvent::phaseAfter).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (told.isEmpty() && job.history().stream()
                .anyMatch(event -> event.type().equals(EventType.CANCEL_REQUESTED.routingKey()))) {
            told.add(JobPhase.CANCELLED);
        }
        if (!told.isEmpty() && !told.contains(last)) {
            return "phase " + last + " but the terminal events say " + told;
        }
        return null;
    }

    /** Broker and trail together, each event id once, trail entries (with their seq) first. */
    private static List<ObservedEvent> distinctById(JobObservation job) {
        Map<String, ObservedEvent> byId = new LinkedHashMap<>();
        job.history().stream().sorted(Comparator.comparingLong(event -> event.seq().orElse(Long.MAX_VALUE)))
                .forEach(event -> byId.putIfAbsent(event.id(), event));
        job.published().forEach(event -> byId.putIfAbsent(event.id(), event));
        return List.copyOf(byId.values());
    }

    private static String stepKey(ObservedEvent event) {
        StringBuilder key = new StringBuilder(event.type());
        if (event.stage() != null) {
            key.append(" stage ").append(event.stage());
        }
        if (event.attempt() != null) {
            key.append(" attempt ").append(event.attempt());
        }
        return key.toString();
    }

    private static String describe(List<ObservedEvent> events) {
        return events.stream().map(event -> event.type() + " " + shortId(event.id()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The trail in seq order: {@code 1 subtitle.download.requested, 2 ...}. */
    static String trail(List<ObservedEvent> history) {
        return history.stream().sorted(Comparator.comparingLong(event -> event.seq().orElse(0)))
                .map(event -> event.seq().orElse(0) + " " + event.type()
                        + (event.attempt() == null ? "" : "#" + event.attempt()) + " " + shortId(event.id()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String compact(List<JobPhase> polled) {
        List<JobPhase> changes = new ArrayList<>();
        for (JobPhase phase : polled) {
            if (changes.isEmpty() || changes.get(changes.size() - 1) != phase) {
                changes.add(phase);
            }
        }
        return changes.toString();
    }
}
