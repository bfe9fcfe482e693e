package dev.subtitles.common.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.subtitles.common.event.payload.EventPayload;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;

/**
 * Turns a {@link JobEvent} into a CloudEvents 1.0 structured-mode JSON message body and back (DESIGN.md §4), with
 * the CloudEvents Java SDK doing the envelope.
 * <p>
 * Decoding is strict: anything that is not an event of our contract fails with one exception type,
 * {@link EventDecodingException}, whose message names the problem and goes to the dead-letter queue with the message.
 * A decoded event is always complete. Two things are deliberately lenient: unknown CloudEvent extension attributes
 * and unknown payload fields are ignored, so that producers can add optional information without a lock-step
 * release of every consumer. A payload change that drops, renames or retypes a field needs a new schema version,
 * which older consumers reject.
 * <p>
 * An instance is immutable and thread-safe, and building one costs a Jackson mapper: create one per service (for
 * example as an application-scoped bean or a {@code static final} field) and share it.
 *
 * <pre>{@code
 * private static final EventCodec CODEC = new EventCodec();
 *
 * byte[] body = CODEC.encode(JobEvent.create(jobId, JobEvent.source("downloader", host), payload));
 * JobEvent<?> event = CODEC.decode(body); // throws EventDecodingException
 * }</pre>
 */
public final class EventCodec {

    /** Default largest body accepted: events carry ids, never files, so anything bigger is not ours. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    static final String SPEC_VERSION = "1.0";
    static final String DATA_CONTENT_TYPE = "application/json";
    static final String TRACEPARENT = "traceparent";
    /** The attributes our contract requires, in the order they are checked. */
    static final List<String> REQUIRED_ATTRIBUTES = List.of("specversion", "id", "source", "type", "subject", "time",
            "datacontenttype", "dataschema");

    /**
     * Always six fraction digits: the SDK's ISO format drops trailing zeros, which would make times of one event
     * stream differ in length and stop sorting as strings.
     */
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern DATA_SCHEMA = Pattern.compile("urn:subtitles:(.+):v(\\d+)");

    private final ObjectMapper mapper = EventJson.newMapper();
    private final int maxBytes;

    /** A codec accepting bodies up to {@link #DEFAULT_MAX_BYTES}. */
    public EventCodec() {
        this(DEFAULT_MAX_BYTES);
    }

    /**
     * A codec accepting bodies up to {@code maxBytes}.
     *
     * @throws IllegalArgumentException when {@code maxBytes} is not positive
     */
    public EventCodec(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The content type of an encoded body: {@code application/cloudevents+json}. */
    public String contentType() {
        return JsonFormat.CONTENT_TYPE;
    }

    /** The largest body this codec encodes or decodes, in bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * The structured-mode CloudEvent for {@code event}, as UTF-8 JSON.
     *
     * @throws IllegalArgumentException when the encoded event would be larger than {@link #maxBytes()}, which
     *         {@link #decode(byte[])} would reject
     */
    public byte[] encode(JobEvent<?> event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id().toString())
                .withSource(event.source())
                .withType(event.type().routingKey())
                .withSubject(event.jobId().toString())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataContentType(DATA_CONTENT_TYPE)
                .withDataSchema(URI.create(event.type().dataSchema()))
                .withData(JsonCloudEventData.wrap(mapper.valueToTree(event.payload())));
        if (event.traceparent() != null) {
            builder.withExtension(TRACEPARENT, event.traceparent());
        }
        ObjectNode json = mapper.valueToTree(builder.build());
        json.put("time", TIME_FORMAT.format(event.time()));
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.id(), e);
        }
        if (body.length > maxBytes) {
            throw new IllegalArgumentException("event " + event.id() + " encodes to " + body.length
                    + " bytes, over the limit of " + maxBytes);
        }
        return body;
    }

    /**
     * The event in {@code body}, a structured-mode CloudEvent of our contract.
     *
     * @throws EventDecodingException naming what is wrong, whatever is wrong
     */
    public JobEvent<?> decode(byte[] body) {
        ObjectNode json = parseObject(body);
        requireEnvelope(json);
        CloudEvent cloudEvent = toCloudEvent(json);
        EventType type = EventType.fromRoutingKey(cloudEvent.getType())
                .orElseThrow(() -> new EventDecodingException("unknown event type '" + cloudEvent.getType() + "'"));
        UUID id = uuid(cloudEvent.getId(), "id");
        UUID jobId = uuid(cloudEvent.getSubject(), "subject");
        requireDataSchema(cloudEvent.getDataSchema(), type);
        String traceparent = traceparent(cloudEvent.getExtension(TRACEPARENT));
        EventPayload payload = payload(cloudEvent.getData(), type);
        return new JobEvent<>(id, type, cloudEvent.getSource(), jobId, cloudEvent.getTime().toInstant(), traceparent,
                payload);
    }

    private ObjectNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new EventDecodingException("empty body, expected a CloudEvent as JSON");
        }
        if (body.length > maxBytes) {
            throw new EventDecodingException("body of " + body.length + " bytes is over the limit of " + maxBytes);
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            throw new EventDecodingException("body is not JSON: " + originalMessage(e), e);
        }
        if (json instanceof ObjectNode object) {
            return object;
        }
        throw new EventDecodingException("body is not a CloudEvent: expected a JSON object, found "
                + json.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    /**
     * Our own check of what the SDK reports in less precise words or not at all: it finds subject, time and
     * datacontenttype optional, and it reads data of a non-JSON content type as a string.
     */
    private static void requireEnvelope(ObjectNode json) {
        for (String name : REQUIRED_ATTRIBUTES) {
            JsonNode value = json.get(name);
            if (value == null || value.isNull()) {
                throw new EventDecodingException("missing required attribute '" + name + "'");
            }
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw new EventDecodingException("attribute '" + name + "' must be a non-blank string, found " + value);
            }
        }
        String specVersion = json.get("specversion").textValue();
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new EventDecodingException("unsupported specversion '" + specVersion + "', expected " + SPEC_VERSION);
        }
        String dataContentType = json.get("datacontenttype").textValue();
        if (!DATA_CONTENT_TYPE.equals(dataContentType)) {
            throw new EventDecodingException("attribute 'datacontenttype' must be " + DATA_CONTENT_TYPE + ", found '"
                    + dataContentType + "'");
        }
        if (!json.has("data")) {
            throw new EventDecodingException("missing data: the event has no payload");
        }
    }

    private CloudEvent toCloudEvent(ObjectNode json) {
        try {
            return mapper.treeToValue(json, CloudEvent.class);
        } catch (JacksonException | CloudEventRWException e) {
            throw new EventDecodingException("not a valid CloudEvent: " + sdkMessage(e), e);
        }
    }

    private static UUID uuid(String value, String attribute) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException("attribute '" + attribute + "' must be a UUID, found '" + value + "'", e);
        }
    }

    private static void requireDataSchema(URI dataSchema, EventType type) {
        String found = String.valueOf(dataSchema);
        if (found.equals(type.dataSchema())) {
            return;
        }
        Matcher matcher = DATA_SCHEMA.matcher(found);
        if (matcher.matches() && matcher.group(1).equals(type.routingKey())) {
            throw new EventDecodingException("unsupported schema version v" + matcher.group(2) + " of "
                    + type.routingKey() + " in attribute 'dataschema', this codec reads " + type.dataSchema());
        }
        throw new EventDecodingException("attribute 'dataschema' is '" + found + "', which does not match type "
                + type.routingKey() + " (expected " + type.dataSchema() + ")");
    }

    private static String traceparent(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw new EventDecodingException("extension 'traceparent' must be a non-blank string, found " + value);
    }

    private EventPayload payload(CloudEventData data, EventType type) {
        JsonNode json = data instanceof JsonCloudEventData jsonData ? jsonData.getNode() : null;
        if (json == null || !json.isObject()) {
            throw new EventDecodingException("data of a " + type.routingKey() + " event must be a JSON object, found "
                    + (json == null ? "none" : json.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        try {
            return mapper.treeToValue(json, type.payloadType());
        } catch (JacksonException e) {
            throw new EventDecodingException("data does not match " + type.dataSchema() + ": " + originalMessage(e), e);
        }
    }

    /** Jackson's message without the location suffix, or the message of the record check that failed. */
    private static String originalMessage(Exception e) {
        if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException) {
            return e.getCause().getMessage();
        }
        if (e instanceof JsonMappingException mapping) {
            return mapping.getOriginalMessage() + pathOf(mapping);
        }
        return e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
    }

    /** Where in the payload the problem is, as {@code video.title} or {@code matched[2]}. */
    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : " (at " + path + ")";
    }

    /** The SDK wraps its own exception in Jackson's; its message is the one that says what is wrong. */
    private static String sdkMessage(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CloudEventRWException) {
                return cause.getMessage();
            }
        }
        return originalMessage(e);
    }
}
