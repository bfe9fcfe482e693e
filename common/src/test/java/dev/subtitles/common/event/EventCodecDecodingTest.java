package dev.subtitles.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.tenant.Tenants;

class EventCodecDecodingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventCodec codec = new EventCodec();

    @Test
    void rejectsGarbageBytes() {
        assertRejected(new byte[] { (byte) 0xC3, 0x28, 0x00, 0x7F, 'g', 'a' }).hasMessageStartingWith("body is not JSON");
    }

    @Test
    void rejectsEmptyBody() {
        assertRejected(new byte[0]).hasMessageStartingWith("empty body");
    }

    @Test
    void rejectsWhitespaceOnlyBody() {
        assertRejected(" \n".getBytes(StandardCharsets.UTF_8)).hasMessageContaining("expected a JSON object");
    }

    @Test
    void rejectsJsonArray() {
        assertRejected("[{\"specversion\":\"1.0\"}]".getBytes(StandardCharsets.UTF_8))
                .hasMessage("body is not a CloudEvent: expected a JSON object, found array");
    }

    @Test
    void rejectsJsonFollowedByMoreContent() {
        byte[] valid = validBody();
        byte[] twice = new byte[valid.length * 2];
        System.arraycopy(valid, 0, twice, 0, valid.length);
        System.arraycopy(valid, 0, twice, valid.length, valid.length);

        assertRejected(twice).hasMessageStartingWith("body is not JSON");
    }

    @Test
    void rejectsBodyOverTheSizeLimit() {
        byte[] body = validBody();

        assertThatThrownBy(() -> new EventCodec(body.length - 1).decode(body))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("body of " + body.length + " bytes is over the limit of " + (body.length - 1));
    }

    @ParameterizedTest
    @FieldSource("dev.subtitles.common.event.EventCodec#REQUIRED_ATTRIBUTES")
    void rejectsEventWithoutRequiredAttribute(String attribute) {
        assertRejected(changed(json -> json.remove(attribute)))
                .hasMessage("missing required attribute '" + attribute + "'");
    }

    @ParameterizedTest
    @FieldSource("dev.subtitles.common.event.EventCodec#REQUIRED_ATTRIBUTES")
    void rejectsRequiredAttributeThatIsNotAString(String attribute) {
        assertRejected(changed(json -> json.put(attribute, 42)))
                .hasMessage("attribute '" + attribute + "' must be a non-blank string, found 42");
    }

    @Test
    void rejectsEventWithoutData() {
        assertRejected(changed(json -> json.remove("data"))).hasMessageContaining("missing data");
    }

    @Test
    void rejectsWrongSpecVersion() {
        assertRejected(changed(json -> json.put("specversion", "0.3")))
                .hasMessage("unsupported specversion '0.3', expected 1.0");
    }

    @Test
    void rejectsUnknownType() {
        assertRejected(changed(json -> json.put("type", "subtitle.exploded")))
                .hasMessage("unknown event type 'subtitle.exploded'");
    }

    @Test
    void rejectsIdThatIsNotAUuid() {
        assertRejected(changed(json -> json.put("id", "event-1")))
                .hasMessage("attribute 'id' must be a UUID, found 'event-1'");
    }

    @Test
    void rejectsSubjectThatIsNotAUuid() {
        assertRejected(changed(json -> json.put("subject", "job-1")))
                .hasMessage("attribute 'subject' must be a UUID, found 'job-1'");
    }

    @Test
    void rejectsSourceThatIsNotAUri() {
        assertRejected(changed(json -> json.put("source", "/subtitles/down loader/{1}")))
                .hasMessageStartingWith("not a valid CloudEvent")
                .hasMessageContaining("source");
    }

    @Test
    void rejectsTimeThatIsNotRfc3339() {
        assertRejected(changed(json -> json.put("time", "25.11.2026 14:01")))
                .hasMessageStartingWith("not a valid CloudEvent")
                .hasMessageContaining("time");
    }

    @Test
    void rejectsTimeWithoutOffset() {
        assertRejected(changed(json -> json.put("time", "2026-11-25T14:01:30.123456")))
                .hasMessageContaining("time");
    }

    @Test
    void readsTimeWithAnotherOffsetAsTheSameInstant() {
        JobEvent<?> event = codec.decode(changed(json -> json.put("time", "2026-11-25T15:01:30.123456+01:00")));

        assertThat(event.time()).hasToString("2026-11-25T14:01:30.123456Z");
    }

    @Test
    void rejectsWrongDataContentType() {
        assertRejected(changed(json -> json.put("datacontenttype", "text/plain")))
                .hasMessage("attribute 'datacontenttype' must be application/json, found 'text/plain'");
    }

    @Test
    void rejectsDataSchemaOfAnotherType() {
        assertRejected(changed(json -> json.put("dataschema", "urn:subtitles:subtitle.ready:v1")))
                .hasMessage("attribute 'dataschema' is 'urn:subtitles:subtitle.ready:v1', which does not match type "
                        + "subtitle.download.requested (expected urn:subtitles:subtitle.download.requested:v1)");
    }

    @Test
    void rejectsUnsupportedSchemaVersion() {
        assertRejected(changed(json -> json.put("dataschema", "urn:subtitles:subtitle.download.requested:v2")))
                .hasMessageStartingWith("unsupported schema version v2 of subtitle.download.requested");
    }

    @Test
    void rejectsTraceparentThatIsNotAString() {
        assertRejected(changed(json -> json.put("traceparent", 7)))
                .hasMessage("extension 'traceparent' must be a non-blank string, found 7");
    }

    @Test
    void rejectsMalformedTenant() {
        assertRejected(changed(json -> json.put("tenant", "a b")))
                .hasMessageStartingWith("extension 'tenant' must be a tenant id");
    }

    @Test
    void readsEventWithoutTenantAsTheDefaultTenant() {
        JobEvent<?> event = codec.decode(changed(json -> json.remove("tenant")));

        assertThat(event.tenant()).isEqualTo(Tenants.DEFAULT);
    }

    @Test
    void readsTheTenant() {
        assertThat(codec.decode(changed(json -> json.put("tenant", "acme-films"))).tenant()).isEqualTo("acme-films");
    }

    @Test
    void rejectsNullPayload() {
        assertRejected(changed(json -> json.putNull("data")))
                .hasMessage("data of a subtitle.download.requested event must be a JSON object, found null");
    }

    @Test
    void rejectsPayloadThatIsNotAnObject() {
        assertRejected(changed(json -> json.put("data", "de")))
                .hasMessageContaining("must be a JSON object, found string");
    }

    @Test
    void rejectsPayloadMissingARequiredField() {
        assertRejected(changed(json -> data(json).remove("language")))
                .hasMessageStartingWith("data does not match urn:subtitles:subtitle.download.requested:v1")
                .hasMessageContaining("'language'");
    }

    @Test
    void rejectsPayloadMissingARequiredNestedField() {
        assertRejected(changed(json -> ((ObjectNode) data(json).get("video")).remove("title")))
                .hasMessageContaining("'title'");
    }

    @Test
    void rejectsPayloadWithNullRequiredField() {
        assertRejected(changed(json -> data(json).putNull("language")))
                .hasMessage("data does not match urn:subtitles:subtitle.download.requested:v1: language is required");
    }

    @Test
    void rejectsPayloadFieldOfTheWrongType() {
        assertRejected(changed(json -> data(json).putArray("language").add("de")))
                .hasMessageStartingWith("data does not match")
                .hasMessageContaining("at language");
    }

    @Test
    void rejectsNumberWhereTextIsExpected() {
        assertRejected(changed(json -> data(json).put("language", 7)))
                .hasMessageContaining("at language");
    }

    @Test
    void rejectsTextWhereANumberIsExpected() {
        byte[] body = changed(EventType.DOWNLOAD_STARTED, json -> data(json).put("attempt", "2"));

        assertRejected(body).hasMessageContaining("at attempt");
    }

    @Test
    void rejectsFractionWhereAWholeNumberIsExpected() {
        byte[] body = changed(EventType.DOWNLOAD_STARTED, json -> data(json).put("attempt", 1.5));

        assertRejected(body).hasMessageContaining("at attempt");
    }

    @Test
    void rejectsPayloadMissingARequiredNumber() {
        byte[] body = changed(EventType.TRANSLATED, json -> data(json).remove("cueCount"));

        assertRejected(body).hasMessageContaining("'cueCount'");
    }

    @Test
    void rejectsPayloadBreakingARecordRule() {
        byte[] body = changed(EventType.DOWNLOAD_STARTED, json -> data(json).put("attempt", 0));

        assertRejected(body).hasMessage(
                "data does not match urn:subtitles:subtitle.download.started:v1: attempt must be at least 1, was 0");
    }

    @Test
    void rejectsUnknownSubtitleFormat() {
        assertRejected(changed(json -> data(json).put("format", "ass")))
                .hasMessageContaining("unknown subtitle format 'ass'");
    }

    @Test
    void readsARequestWithoutPriorityAsNormal() {
        JobEvent<?> download = codec.decode(changed(json -> data(json).remove("priority")));
        JobEvent<?> translate = codec.decode(changed(EventType.TRANSLATE_REQUESTED,
                json -> data(json).remove("priority")));

        assertThat(download.priority()).isEqualTo(Priority.NORMAL);
        assertThat(translate.priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void readsThePriority() {
        JobEvent<?> event = codec.decode(changed(json -> data(json).put("priority", "low")));

        assertThat(((DownloadRequested) event.payload()).priority()).isEqualTo(Priority.LOW);
    }

    @Test
    void rejectsUnknownPriority() {
        assertRejected(changed(json -> data(json).put("priority", "urgent")))
                .hasMessageContaining("unknown priority 'urgent'");
    }

    @Test
    void rejectsUnknownStage() {
        byte[] body = changed(EventType.JOB_FAILED, json -> data(json).put("stage", "UPLOAD"));

        assertRejected(body).hasMessageContaining("UPLOAD").hasMessageContaining("at stage");
    }

    @Test
    void rejectsNumberWhereATimeIsExpected() {
        byte[] body = changed(EventType.RETRY_SCHEDULED, json -> data(json).put("nextAttemptAt", 1_795_000_000));

        assertRejected(body).hasMessageContaining("at nextAttemptAt");
    }

    @Test
    void rejectsDataAlongsideBase64Data() {
        assertRejected(changed(json -> json.put("data_base64", "AAAA")))
                .hasMessageContaining("both 'data' and 'data_base64'");
    }

    @Test
    void rejectsDuplicateKeys() {
        String body = new String(validBody(), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"type\":\"job.failed\",");

        assertRejected(body.getBytes(StandardCharsets.UTF_8)).hasMessageContaining("Duplicate field 'type'");
    }

    @Test
    void ignoresUnknownPayloadFields() {
        JobEvent<?> event = codec.decode(changed(json -> data(json).put("addedInALaterRelease", true)));

        assertThat(event.payload()).isInstanceOf(DownloadRequested.class);
    }

    @Test
    void ignoresUnknownExtensionAttributes() {
        JobEvent<?> event = codec.decode(changed(json -> json.put("tracestate", "vendor=1")));

        assertThat(event.type()).isEqualTo(EventType.DOWNLOAD_REQUESTED);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] body) {
        return assertThatThrownBy(() -> codec.decode(body)).isExactlyInstanceOf(EventDecodingException.class);
    }

    private byte[] validBody() {
        return codec.encode(EventSamples.event(EventType.DOWNLOAD_REQUESTED).withTraceparent(EventSamples.TRACEPARENT));
    }

    /** A valid download.requested event, with {@code change} applied to its JSON. */
    private byte[] changed(Consumer<ObjectNode> change) {
        return changed(EventType.DOWNLOAD_REQUESTED, change);
    }

    private byte[] changed(EventType type, Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(
                    codec.encode(EventSamples.event(type).withTraceparent(EventSamples.TRACEPARENT)));
            change.accept(json);
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode data(ObjectNode json) {
        return (ObjectNode) json.get("data");
    }
}
