package dev.subtitles.common.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.subtitles.common.event.payload.CancelRequested;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.SubtitleUpgraded;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.event.payload.TranslateStarted;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.event.payload.UpgradeChecked;
import dev.subtitles.common.event.payload.UpgradeRequested;

/**
 * Every kind of event in the pipeline (docs/events.md). The CloudEvent {@code type} is also the RabbitMQ routing key,
 * so one string names an event everywhere: on the wire, in bindings, in the audit log.
 */
public enum EventType {

    DOWNLOAD_REQUESTED("subtitle.download.requested", 1, DownloadRequested.class),
    DOWNLOAD_STARTED("subtitle.download.started", 1, DownloadStarted.class),
    SUBTITLE_READY("subtitle.ready", 1, SubtitleReady.class),
    TRANSLATE_REQUESTED("subtitle.translate.requested", 1, TranslateRequested.class),
    TRANSLATE_STARTED("subtitle.translate.started", 1, TranslateStarted.class),
    TRANSLATED("subtitle.translated", 1, Translated.class),
    RETRY_SCHEDULED("job.retry.scheduled", 1, RetryScheduled.class),
    JOB_FAILED("job.failed", 1, JobFailed.class),
    CANCEL_REQUESTED("job.cancel.requested", 1, CancelRequested.class),
    JOB_CANCELLED("job.cancelled", 1, JobCancelled.class),
    UPGRADE_REQUESTED("subtitle.upgrade.requested", 1, UpgradeRequested.class),
    SUBTITLE_UPGRADED("subtitle.upgraded", 1, SubtitleUpgraded.class),
    UPGRADE_CHECKED("subtitle.upgrade.checked", 1, UpgradeChecked.class);

    private static final Map<String, EventType> BY_ROUTING_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::routingKey, Function.identity()));

    private final String routingKey;
    private final int schemaVersion;
    private final String dataSchema;
    private final Class<? extends EventPayload> payloadType;

    EventType(String routingKey, int schemaVersion, Class<? extends EventPayload> payloadType) {
        this.routingKey = routingKey;
        this.schemaVersion = schemaVersion;
        this.dataSchema = "urn:subtitles:" + routingKey + ":v" + schemaVersion;
        this.payloadType = payloadType;
    }

    /** The CloudEvent {@code type} and the RabbitMQ routing key, e.g. {@code subtitle.ready}. */
    public String routingKey() {
        return routingKey;
    }

    /** Version of this type's payload schema; bumped on any change an older consumer could not read. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The CloudEvent {@code dataschema}: {@code urn:subtitles:<type>:v<schemaVersion>}. */
    public String dataSchema() {
        return dataSchema;
    }

    /** The record carried as {@code data} by events of this type. */
    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** The type whose routing key (= CloudEvent type) is {@code routingKey}, or empty for an unknown one. */
    public static Optional<EventType> fromRoutingKey(String routingKey) {
        return Optional.ofNullable(routingKey).map(BY_ROUTING_KEY::get);
    }

    /**
     * The type an event with this payload has. Every payload record belongs to exactly one type.
     *
     * @throws IllegalArgumentException for a class that is not one of the payload records
     */
    public static EventType forPayload(Class<? extends EventPayload> payloadClass) {
        for (EventType type : values()) {
            if (type.payloadType.equals(payloadClass)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no event type carries a " + payloadClass.getName());
    }
}
