package dev.subtitles.eventconsumer.projection;

import java.util.ArrayList;
import java.util.List;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.Translated;

/**
 * The job hash fields an event contributes beside the phase: the result of a finished job, or the error of a failed
 * one. They are written only by the event that puts the job in its phase, so the fields always describe the phase
 * the hash shows (a late {@code job.failed} after {@code subtitle.ready} changes neither).
 */
final class PhaseFields {

    private PhaseFields() {
    }

    /** Field/value pairs, flattened, as the projection script takes them; empty when the event has none. */
    static List<String> of(JobEvent<?> event) {
        List<String> fields = new ArrayList<>();
        EventPayload payload = event.payload();
        if (payload instanceof SubtitleReady ready) {
            add(fields, "resultFileId", ready.fileId().toString());
            add(fields, "provider", ready.provider());
            add(fields, "language", ready.language());
        } else if (payload instanceof Translated translated) {
            add(fields, "resultFileId", translated.fileId().toString());
            add(fields, "engine", translated.engine());
            add(fields, "model", translated.model());
            add(fields, "language", translated.targetLanguage());
        } else if (payload instanceof JobFailed failed) {
            add(fields, "stage", failed.stage().name());
            add(fields, "errorCode", failed.errorCode());
            add(fields, "error", failed.message());
        }
        return fields;
    }

    private static void add(List<String> fields, String name, String value) {
        if (value != null) {
            fields.add(name);
            fields.add(value);
        }
    }
}
