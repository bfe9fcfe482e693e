package dev.subtitles.manager.projection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.JobHash;

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

    /** The state in the job's Redis hash ({@link JobHash}). */
    public static JobState fromHash(Map<String, String> hash) {
        JobPhase phase = JobPhase.valueOf(hash.getOrDefault(JobHash.PHASE, JobPhase.DOWNLOAD_QUEUED.name()));
        Instant updatedAt = hash.containsKey(JobHash.UPDATED_AT) ? Instant.parse(hash.get(JobHash.UPDATED_AT)) : null;
        Result result = hash.containsKey(JobHash.RESULT_FILE_ID)
                ? new Result(UUID.fromString(hash.get(JobHash.RESULT_FILE_ID)), hash.get(JobHash.PROVIDER),
                        hash.get(JobHash.ENGINE), hash.get(JobHash.MODEL), hash.get(JobHash.LANGUAGE))
                : null;
        Error error = hash.containsKey(JobHash.ERROR_CODE) || hash.containsKey(JobHash.ERROR)
                ? new Error(hash.get(JobHash.STAGE), hash.get(JobHash.ERROR_CODE), hash.get(JobHash.ERROR))
                : null;
        return new JobState(phase, updatedAt, result, error);
    }

    /**
     * The state the job's recorded events lead to, in sequence order: the hash the projection writes for them
     * ({@link JobHash#of}), read as {@link #fromHash} reads the Redis view.
     */
    public static JobState fromEvents(List<JobEvent<?>> events) {
        return events.isEmpty() ? notProjectedYet() : fromHash(JobHash.of(events));
    }

    /**
     * Of two views of one job, the one further along by {@link JobPhase#rank()}; {@code first} when they are level
     * (the Redis view, with the same phase, carries the same result and error).
     */
    public static JobState furtherAlong(JobState first, JobState second) {
        return second.phase().rank() > first.phase().rank() ? second : first;
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
