package dev.subtitles.manager.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.EventLogRepository;
import dev.subtitles.manager.repository.Job;
import dev.subtitles.manager.repository.StageTime;
import dev.subtitles.manager.service.JobStateService;
import dev.subtitles.manager.service.Outages;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * What became of the jobs submitted in the last day: how many ended, and how, over the last hour and day, and the
 * same per time slot for the throughput charts, with the time each took from submission to its end; and, from the
 * event log, how long the last hour's jobs spent queued and running in each stage. A job's end is
 * the time of its newest projected event once its phase is terminal. The manager's table holds no phases
 * (docs/phases.md), so the newest {@code manager.status.job-scan-limit} jobs of the day are read with their state,
 * and the answer says whether that was all of them; a job submitted before the day is not counted.
 */
@ApplicationScoped
public class JobActivity {

    private static final Logger LOG = Logger.getLogger(JobActivity.class);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final int HOUR_SLOTS = 12;
    private static final int DAY_SLOTS = 24;

    private final RecentJobs jobs;
    private final JobStateService states;
    private final EventLogRepository eventLog;
    private final Outages outages;
    private final Clock clock;
    private final int limit;
    private final Uni<Activity> kept;
    private volatile Instant staleAt = Instant.MIN;

    public JobActivity(RecentJobs jobs, JobStateService states, EventLogRepository eventLog, Outages outages,
            OperationsConfig config) {
        this.jobs = jobs;
        this.states = states;
        this.eventLog = eventLog;
        this.outages = outages;
        this.clock = Clock.systemUTC();
        this.limit = config.jobScanLimit();
        Duration keptFor = config.activityKeptFor();
        this.kept = Uni.createFrom().deferred(() -> read(clock.instant()))
                .invoke(() -> staleAt = clock.instant().plus(keptFor))
                .memoize().until(() -> !clock.instant().isBefore(staleAt));
    }

    /**
     * The activity as of at most {@code manager.status.activity-kept-for} ago: requests within that time share one
     * read (a failed read is not kept).
     */
    public Uni<Activity> recent() {
        return kept;
    }

    /**
     * Jobs submitted and ended in a stretch of time.
     *
     * @param start where the stretch begins (it ends at the next one's start, or now)
     * @param medianSecondsToEnd the median time from submission to end of the jobs that ended, {@code null} if none
     * @param p95SecondsToEnd the 95th percentile of that time, {@code null} if none
     */
    public record Slot(Instant start, int submitted, int done, int failed, int cancelled, Double medianSecondsToEnd,
            Double p95SecondsToEnd) {
    }

    /**
     * @param lastHour the last hour as one slot
     * @param lastDay the last day as one slot
     * @param hour the last hour in 5-minute slots, oldest first
     * @param day the last day in 1-hour slots, oldest first
     * @param stages how long the jobs submitted in the last hour spent queued and running in each stage
     * @param examined how many jobs were read: the newest of the day, at most {@code manager.status.job-scan-limit}
     * @param complete whether those were all the jobs submitted in the last day
     */
    public record Activity(Slot lastHour, Slot lastDay, List<Slot> hour, List<Slot> day, List<StageTime> stages,
            int examined, boolean complete) {
    }

    /** The activity up to {@code now}. */
    @WithSpan("JobActivity.read")
    public Uni<Activity> read(Instant now) {
        LOG.debugf("reading the activity of the last day's jobs (at most %d)", limit);
        return outages.guard(jobs.submittedSince(now.minus(DAY), limit + 1).flatMap(found -> {
            List<Job> read = found.size() > limit ? found.subList(0, limit) : found;
            List<UUID> lastHour = read.stream().filter(job -> !job.createdAt.isBefore(now.minus(HOUR)))
                    .map(job -> job.id).toList();
            return states.shownStatesOf(read.stream().map(job -> job.id).toList())
                    .flatMap(shown -> eventLog.stageTimes(lastHour).map(stages -> activity(now, ended(read, shown),
                            stages, read.size(), found.size() <= limit)));
        }));
    }

    /** A job's submission, and its end if it has one. */
    private record Lifetime(Instant submittedAt, JobPhase outcome, Instant endedAt) {
    }

    private static List<Lifetime> ended(List<Job> jobs, Map<UUID, JobState> shown) {
        List<Lifetime> lifetimes = new ArrayList<>();
        for (Job job : jobs) {
            JobState state = shown.get(job.id);
            boolean ended = state != null && state.phase().isTerminal() && state.updatedAt() != null;
            lifetimes.add(new Lifetime(job.createdAt, ended ? state.phase() : null, ended ? state.updatedAt() : null));
        }
        return lifetimes;
    }

    private static Activity activity(Instant now, List<Lifetime> lifetimes, List<StageTime> stages, int examined,
            boolean complete) {
        Instant end = now.plusNanos(1);
        return new Activity(slot(now.minus(HOUR), end, lifetimes), slot(now.minus(DAY), end, lifetimes),
                slots(now, HOUR, HOUR_SLOTS, lifetimes), slots(now, DAY, DAY_SLOTS, lifetimes), stages, examined,
                complete);
    }

    private static List<Slot> slots(Instant now, Duration span, int count, List<Lifetime> lifetimes) {
        Duration width = span.dividedBy(count);
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = now.minus(span).plus(width.multipliedBy(i));
            slots.add(slot(start, i == count - 1 ? now.plusNanos(1) : start.plus(width), lifetimes));
        }
        return slots;
    }

    private static Slot slot(Instant from, Instant to, List<Lifetime> lifetimes) {
        int submitted = 0;
        int[] outcomes = new int[3];
        List<Double> seconds = new ArrayList<>();
        for (Lifetime lifetime : lifetimes) {
            if (within(lifetime.submittedAt(), from, to)) {
                submitted++;
            }
            if (lifetime.endedAt() != null && within(lifetime.endedAt(), from, to)) {
                outcomes[switch (lifetime.outcome()) {
                    case DONE -> 0;
                    case FAILED -> 1;
                    default -> 2;
                }]++;
                seconds.add(Math.max(0, Duration.between(lifetime.submittedAt(), lifetime.endedAt()).toMillis())
                        / 1000.0);
            }
        }
        seconds.sort(null);
        return new Slot(from, submitted, outcomes[0], outcomes[1], outcomes[2], percentile(seconds, 50),
                percentile(seconds, 95));
    }

    private static boolean within(Instant time, Instant from, Instant to) {
        return !time.isBefore(from) && time.isBefore(to);
    }

    /** The nearest-rank percentile of sorted values, {@code null} for none. */
    private static Double percentile(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
