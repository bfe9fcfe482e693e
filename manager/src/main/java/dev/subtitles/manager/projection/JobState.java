package dev.subtitles.manager.projection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.phase.PhaseMachine;

/**
 * Where a job stands according to the projection: its phase, when it last changed, and its result or error.
 *
 * @param updatedAt time of the newest projected event; {@code null} while none is projected
 * @param result the produced file, once the job is done
 * @param error why the job failed, once it has
 */
public record JobState(JobPhase phase, Instant updatedAt, Result result, Error error) {

    /** A job whose first event is not projected yet: it was accepted, so it is queued for download. */
    public static JobState notProjectedYet() {
        return new JobState(JobPhase.DOWNLOAD_QUEUED, null, null, null);
    }

    /** The state in the job's Redis hash (field names of PROJECTION_CONTRACT.md). */
    public static JobState fromHash(Map<String, String> hash) {
        JobPhase phase = JobPhase.valueOf(hash.getOrDefault("phase", JobPhase.DOWNLOAD_QUEUED.name()));
        Instant updatedAt = hash.containsKey("updatedAt") ? Instant.parse(hash.get("updatedAt")) : null;
        Result result = hash.containsKey("resultFileId")
                ? new Result(UUID.fromString(hash.get("resultFileId")), hash.get("provider"), hash.get("engine"),
                        hash.get("model"), hash.get("language"))
                : null;
        Error error = hash.containsKey("errorCode") || hash.containsKey("error")
                ? new Error(hash.get("stage"), hash.get("errorCode"), hash.get("error"))
                : null;
        return new JobState(phase, updatedAt, result, error);
    }

    /**
     * The state the job's recorded events lead to, in sequence order: the same monotonic {@link PhaseMachine} the
     * projection applies, with the result or error of the event that made the job terminal.
     */
    public static JobState fromEvents(List<JobEvent<?>> events) {
        if (events.isEmpty()) {
            return notProjectedYet();
        }
        JobPhase phase = null;
        Result result = null;
        Error error = null;
        Instant updatedAt = null;
        for (JobEvent<?> event : events) {
            JobPhase before = phase;
            phase = PhaseMachine.apply(phase, event.type());
            updatedAt = event.time();
            if (phase != before && phase.isTerminal()) {
                result = resultOf(event);
                error = errorOf(event);
            }
        }
        return new JobState(phase, updatedAt, result, error);
    }

    /**
     * Of two views of one job, the one further along by {@link JobPhase#rank()}; {@code first} when they are level
     * (the Redis view, with the same phase, carries the same result and error).
     */
    public static JobState furtherAlong(JobState first, JobState second) {
        return second.phase().rank() > first.phase().rank() ? second : first;
    }

    private static Result resultOf(JobEvent<?> event) {
        if (event.payload() instanceof SubtitleReady ready) {
            return new Result(ready.fileId(), ready.provider(), null, null, ready.language());
        }
        if (event.payload() instanceof Translated translated) {
            return new Result(translated.fileId(), null, translated.engine(), translated.model(),
                    translated.targetLanguage());
        }
        return null;
    }

    private static Error errorOf(JobEvent<?> event) {
        if (event.payload() instanceof JobFailed failed) {
            return new Error(failed.stage().name(), failed.errorCode(), failed.message());
        }
        return null;
    }

    /**
     * The subtitle file a done job produced.
     *
     * @param provider the provider it was downloaded from, when downloaded
     * @param engine the engine that translated it, when machine-translated
     * @param model the translation model, when the engine names one
     * @param language the file's language
     */
    public record Result(UUID fileId, String provider, String engine, String model, String language) {
    }

    /**
     * Why a job failed.
     *
     * @param stage {@code DOWNLOAD} or {@code TRANSLATE}
     * @param code a stable, machine-readable error code
     * @param message what went wrong, for a person
     */
    public record Error(String stage, String code, String message) {
    }
}
