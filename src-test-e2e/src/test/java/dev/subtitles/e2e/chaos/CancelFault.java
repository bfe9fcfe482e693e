package dev.subtitles.e2e.chaos;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.e2e.ServiceProcess;

/**
 * {@code DELETE /jobs/{id}} at every phase: queued (the downloader held with SIGSTOP), download in progress (right
 * after submission), translate queued (the translator held), translate in progress, and done. A 202 promises
 * {@code CANCELLED}, which the checker holds the job to; a 409 must be problem+json and leave the job as it ended;
 * the checker also wants exactly one terminal event per job.
 */
public final class CancelFault implements Fault {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PHASE_BOUND = Duration.ofSeconds(30);

    private final Map<String, Integer> coverage = new TreeMap<>();

    @Override
    public String name() {
        return "cancel at every phase";
    }

    @Override
    public int jobs(int usual) {
        return 0;
    }

    @Override
    public void apply(FaultContext context) throws Exception {
        coverage.clear();
        PhasePoller poller = context.poller();

        // translate in progress: while the translator runs
        List<UUID> translating = submit(context, JobKind.TRANSLATED, 3);
        FaultContext.awaitUpTo(PHASE_BOUND, () -> translating.stream()
                .anyMatch(job -> poller.latest(job).filter(JobPhase.TRANSLATE_IN_PROGRESS::equals).isPresent()));
        for (UUID job : translating) {
            cancel(context, job);
        }

        // download queued and translate queued: the workers held
        ServiceProcess downloader = context.stack().stack().service("downloader");
        ServiceProcess translator = context.stack().stack().service("translator");
        translator.signal("STOP");
        try {
            List<UUID> toTranslate = submit(context, JobKind.TRANSLATED, 3);
            FaultContext.awaitUpTo(PHASE_BOUND, () -> toTranslate.stream()
                    .allMatch(job -> poller.latest(job).filter(JobPhase.TRANSLATE_QUEUED::equals).isPresent()));
            downloader.signal("STOP");
            try {
                List<UUID> queued = submit(context, JobKind.FOUND, 3);
                FaultContext.awaitUpTo(PHASE_BOUND, () -> queued.stream()
                        .allMatch(job -> poller.latest(job).filter(JobPhase.DOWNLOAD_QUEUED::equals).isPresent()));
                for (UUID job : queued) {
                    cancel(context, job);
                }
            } finally {
                downloader.signal("CONT");
            }
            for (UUID job : toTranslate) {
                cancel(context, job);
            }
        } finally {
            translator.signal("CONT");
        }

        // download in progress: right after submission, at a few delays
        for (int delay : new int[] { 0, 10, 30, 60, 100, 200 }) {
            Optional<UUID> job = context.submit(JobKind.ofMix(delay));
            Thread.sleep(delay);
            if (job.isPresent()) {
                cancel(context, job.get());
            }
        }

        // done: the DELETE must say 409 and change nothing
        List<UUID> done = submit(context, JobKind.FOUND, 2);
        FaultContext.awaitUpTo(PHASE_BOUND, () -> done.stream()
                .allMatch(job -> poller.latest(job).filter(JobPhase::isTerminal).isPresent()));
        for (UUID job : done) {
            cancel(context, job);
        }
        Scenario.log("DELETE answers by the phase they reported: %s", coverage);
    }

    private static List<UUID> submit(FaultContext context, JobKind kind, int count) {
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            context.submit(kind).ifPresent(jobs::add);
        }
        return jobs;
    }

    private void cancel(FaultContext context, UUID job) throws Exception {
        HttpResponse<String> answer = context.stack().manager().cancel(job);
        String type = answer.headers().firstValue("Content-Type").orElse("none");
        JsonNode body = answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
        if (answer.statusCode() == 202) {
            context.promise(job, JobPhase.CANCELLED);
            coverage.merge("202 at " + body.path("phase").asText("?"), 1, Integer::sum);
        } else if (answer.statusCode() == 409 && type.startsWith("application/problem+json")) {
            coverage.merge("409", 1, Integer::sum);
        } else {
            context.problem("DELETE /jobs/" + job + " answered " + answer.statusCode() + " " + type + " "
                    + answer.body());
        }
    }
}
