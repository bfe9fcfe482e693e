package dev.subtitles.common.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.tenant.Tenants;

/**
 * Turns a {@link JobEvent} into a CloudEvents 1.0 structured-mode JSON message body and back (docs/events.md), in
 * one pass each way: the envelope is written field by field and read from the one parsed tree, which is all the
 * checks need.
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

    static final String CONTENT_TYPE = "application/cloudevents+json";
    static final String SPEC_VERSION = "1.0";
    static final String DATA_CONTENT_TYPE = "application/json";
    static final String TRACEPARENT = "traceparent";
    static final String TENANT = "tenant";
    /** The attributes our contract requires, in the order they are checked. */
    static final List<String> REQUIRED_ATTRIBUTES = List.of("specversion", "id", "source", "type", "subject", "time",
            "datacontenttype", "dataschema");

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
        return CONTENT_TYPE;
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
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("specversion", SPEC_VERSION);
            json.writeStringField("id", event.id().toString());
            json.writeStringField("source", event.source().toString());
            json.writeStringField("type", event.type().routingKey());
            json.writeStringField("subject", event.jobId().toString());
            json.writeStringField(TENANT, event.tenant());
            json.writeStringField("time", EventTimes.format(event.time()));
            json.writeStringField("datacontenttype", DATA_CONTENT_TYPE);
            json.writeStringField("dataschema", event.type().dataSchema());
            if (event.traceparent() != null) {
                json.writeStringField(TRACEPARENT, event.traceparent());
            }
            json.writeFieldName("data");
            mapper.writeValue(json, event.payload());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.id(), e);
        }
        byte[] body = out.toByteArray();
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
        EventType type = EventType.fromRoutingKey(text(json, "type"))
                .orElseThrow(() -> new EventDecodingException("unknown event type '" + text(json, "type") + "'"));
        UUID id = uuid(text(json, "id"), "id");
        UUID jobId = uuid(text(json, "subject"), "subject");
        URI source = source(text(json, "source"));
        Instant time = time(text(json, "time"));
        requireDataSchema(text(json, "dataschema"), type);
        String tenant = tenant(json.get(TENANT));
        String traceparent = traceparent(json.get(TRACEPARENT));
        EventPayload payload = payload(json.get("data"), type);
        return new JobEvent<>(id, type, source, jobId, tenant, time, traceparent, payload);
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
     * The envelope our contract requires, stricter than CloudEvents 1.0 itself, which makes subject, time and
     * datacontenttype optional and allows data of a non-JSON content type.
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
        if (json.has("data_base64")) {
            throw new EventDecodingException("not a valid CloudEvent: it has both 'data' and 'data_base64'");
        }
    }

    /** A required attribute, checked to be a non-blank string by {@link #requireEnvelope}. */
    private static String text(ObjectNode json, String attribute) {
        return json.get(attribute).textValue();
    }

    /** The {@code source} attribute: a URI-reference (CloudEvents 1.0). */
    private static URI source(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new EventDecodingException("not a valid CloudEvent: attribute 'source' is not a URI-reference: "
                    + e.getMessage(), e);
        }
    }

    /** The {@code time} attribute: an RFC 3339 timestamp, with an offset. */
    private static Instant time(String value) {
        try {
            return EventTimes.parse(value);
        } catch (DateTimeParseException e) {
            throw new EventDecodingException("not a valid CloudEvent: attribute 'time' is not an RFC 3339 timestamp: '"
                    + value + "'", e);
        }
    }

    private static UUID uuid(String value, String attribute) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException("attribute '" + attribute + "' must be a UUID, found '" + value + "'", e);
        }
    }

    private static void requireDataSchema(String found, EventType type) {
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

    /** The {@code tenant} extension; events written before tenants existed have none and belong to the default. */
    private static String tenant(JsonNode value) {
        if (value == null || value.isNull()) {
            return Tenants.DEFAULT;
        }
        if (value.isTextual() && Tenants.isValid(value.textValue())) {
            return value.textValue();
        }
        throw new EventDecodingException("extension 'tenant' must be a tenant id (1 to 64 letters, digits, '.', '_'"
                + " or '-'), found " + value);
    }

    private static String traceparent(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() && !value.textValue().isBlank()) {
            return value.textValue();
        }
        throw new EventDecodingException("extension 'traceparent' must be a non-blank string, found " + value);
    }

    private EventPayload payload(JsonNode json, EventType type) {
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
}
