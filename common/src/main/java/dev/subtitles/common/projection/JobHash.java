package dev.subtitles.common.projection;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.phase.PhaseMachine;

/**
 * The job hash of the projection ({@link ProjectionKeys#job}): its fields, and the fold of a job's events into it.
 * The event-consumer writes it event by event through {@link ProjectionScript}, with the fields of
 * {@link #phaseFields}; the manager reads it, and folds the events of the event log with {@link #of} when Redis has
 * no view of a job, so both views of a job come from one definition.
 */
public final class JobHash {

    /**
     * The tenant the job belongs to ({@link JobEvent#tenant()}), named by the first projected event and never changed
     * (every event of a job carries the same one). A hash written before tenants existed has none: read it as
     * {@link dev.subtitles.common.tenant.Tenants#DEFAULT}, the tenant those events decode to.
     */
    public static final String TENANT = "tenant";
    /** The job's {@link JobPhase} name; only ever moves forward ({@link PhaseMachine#apply}). */
    public static final String PHASE = "phase";
    /** The {@code time} of the newest event by sequence number, as in its CloudEvent. */
    public static final String UPDATED_AT = "updatedAt";
    /** The id of the newest event by sequence number. */
    public static final String LAST_EVENT_ID = "lastEventId";
    /** The type (routing key) of the newest event by sequence number. */
    public static final String LAST_EVENT_TYPE = "lastEventType";
    /** The sequence number of the newest event. */
    public static final String LAST_SEQ = "lastSeq";
    /** The produced subtitle file of a done job. */
    public static final String RESULT_FILE_ID = "resultFileId";
    /** The provider a done job's subtitle was downloaded from. */
    public static final String PROVIDER = "provider";
    /** The engine that translated a done job's subtitle. */
    public static final String ENGINE = "engine";
    /** The translation model, when the engine names one. */
    public static final String MODEL = "model";
    /** The language of a done job's subtitle. */
    public static final String LANGUAGE = "language";
    /** The stage a failed job failed in ({@code DOWNLOAD} or {@code TRANSLATE}). */
    public static final String STAGE = "stage";
    /** The machine-readable error code of a failed job. */
    public static final String ERROR_CODE = "errorCode";
    /** What went wrong, for a person. */
    public static final String ERROR = "error";

    private JobHash() {
    }

    /**
     * The fields an event contributes beside the phase: the result of a finished job, or the error of a failed one;
     * empty for other events. They are written only by the event that puts the job in its phase, so the fields always
     * describe the phase the hash shows (a late {@code job.failed} after {@code subtitle.ready} changes neither).
     */
    public static Map<String, String> phaseFields(JobEvent<?> event) {
        Map<String, String> fields = new LinkedHashMap<>();
        EventPayload payload = event.payload();
        if (payload instanceof SubtitleReady ready) {
            put(fields, RESULT_FILE_ID, ready.fileId().toString());
            put(fields, PROVIDER, ready.provider());
            put(fields, LANGUAGE, ready.language());
        } else if (payload instanceof Translated translated) {
            put(fields, RESULT_FILE_ID, translated.fileId().toString());
            put(fields, ENGINE, translated.engine());
            put(fields, MODEL, translated.model());
            put(fields, LANGUAGE, translated.targetLanguage());
        } else if (payload instanceof JobFailed failed) {
            put(fields, STAGE, failed.stage().name());
            put(fields, ERROR_CODE, failed.errorCode());
            put(fields, ERROR, failed.message());
        }
        return fields;
    }

    /**
     * The hash a projection of {@code events}, numbered 1, 2, ... in the order given, writes: the tenant of the first
     * event, the phase {@link PhaseMachine} folds them to, the {@link #phaseFields} of the event that set it, and the
     * newest event.
     * Empty for no events. {@link #UPDATED_AT} is the event's time as {@link java.time.Instant#toString()} writes it,
     * which names the same instant as the CloudEvent's {@code time}.
     */
    public static Map<String, String> of(List<JobEvent<?>> events) {
        Map<String, String> hash = new HashMap<>();
        JobPhase phase = null;
        long seq = 0;
        for (JobEvent<?> event : events) {
            seq++;
            hash.putIfAbsent(TENANT, event.tenant());
            JobPhase next = PhaseMachine.apply(phase, event.type());
            if (next != phase) {
                hash.put(PHASE, next.name());
                if (PhaseMachine.phaseAfter(event.type()).equals(Optional.of(next))) {
                    hash.putAll(phaseFields(event));
                }
                phase = next;
            }
            hash.put(UPDATED_AT, event.time().toString());
            hash.put(LAST_EVENT_ID, event.id().toString());
            hash.put(LAST_EVENT_TYPE, event.type().routingKey());
            hash.put(LAST_SEQ, Long.toString(seq));
        }
        return hash;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
