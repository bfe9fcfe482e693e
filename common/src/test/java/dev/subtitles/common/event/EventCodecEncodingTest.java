package dev.subtitles.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.tenant.Tenants;

class EventCodecEncodingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventCodec codec = new EventCodec();

    @Test
    void contentTypeIsStructuredCloudEventJson() {
        assertThat(codec.contentType()).isEqualTo("application/cloudevents+json");
    }

    @Test
    void writesEveryContextAttribute() throws IOException {
        JobEvent<EventPayload> event = EventSamples.event(EventType.SUBTITLE_READY)
                .withTraceparent(EventSamples.TRACEPARENT);

        JsonNode json = JSON.readTree(codec.encode(event));

        assertThat(json.get("specversion").textValue()).isEqualTo("1.0");
        assertThat(json.get("id").textValue()).isEqualTo(event.id().toString());
        assertThat(json.get("type").textValue()).isEqualTo("subtitle.ready");
        assertThat(json.get("source").textValue()).isEqualTo("/subtitles/test/instance-1");
        assertThat(json.get("subject").textValue()).isEqualTo(event.jobId().toString());
        assertThat(json.get("tenant").textValue()).isEqualTo(event.tenant());
        assertThat(json.get("datacontenttype").textValue()).isEqualTo("application/json");
        assertThat(json.get("dataschema").textValue()).isEqualTo("urn:subtitles:subtitle.ready:v1");
        assertThat(json.get("traceparent").textValue()).isEqualTo(EventSamples.TRACEPARENT);
    }

    @Test
    void writesTimeInUtcWithSixFractionDigits() throws IOException {
        JobEvent<EventPayload> event = atTime(Instant.parse("2026-11-25T14:01:30.123456Z"));

        assertThat(JSON.readTree(codec.encode(event)).get("time").textValue())
                .isEqualTo("2026-11-25T14:01:30.123456Z");
    }

    @Test
    void keepsTrailingZerosOfTheFraction() throws IOException {
        JobEvent<EventPayload> event = atTime(Instant.parse("2026-11-25T14:01:30Z"));

        assertThat(JSON.readTree(codec.encode(event)).get("time").textValue())
                .isEqualTo("2026-11-25T14:01:30.000000Z");
    }

    @Test
    void leavesOutTraceparentWhenThereIsNone() throws IOException {
        JsonNode json = JSON.readTree(codec.encode(EventSamples.event(EventType.DOWNLOAD_STARTED)));

        assertThat(json.has("traceparent")).isFalse();
    }

    @Test
    void writesThePayloadAsData() throws IOException {
        UUID fileId = UUID.randomUUID();
        JobEvent<SubtitleReady> event = JobEvent.create(UUID.randomUUID(), Tenants.DEFAULT, EventSamples.SOURCE,
                new SubtitleReady(fileId, "podnapisi", "sl", 0.5, List.of("title"), SubtitleFormat.SRT));

        JsonNode data = JSON.readTree(codec.encode(event)).get("data");

        assertThat(data.get("fileId").textValue()).isEqualTo(fileId.toString());
        assertThat(data.get("provider").textValue()).isEqualTo("podnapisi");
        assertThat(data.get("language").textValue()).isEqualTo("sl");
        assertThat(data.get("score").doubleValue()).isEqualTo(0.5);
        assertThat(data.get("matched")).containsExactly(JSON.getNodeFactory().textNode("title"));
    }

    @Test
    void writesSubtitleFormatByItsApiName() throws IOException {
        JsonNode data = JSON.readTree(codec.encode(EventSamples.event(EventType.TRANSLATE_REQUESTED))).get("data");

        assertThat(data.get("format").textValue()).isEqualTo("vtt");
    }

    @Test
    void writesThePriorityOfARequestByItsApiName() throws IOException {
        JsonNode data = JSON.readTree(codec.encode(EventSamples.event(EventType.DOWNLOAD_REQUESTED))).get("data");

        assertThat(data.get("priority").textValue()).isEqualTo("high");
    }

    @Test
    void leavesOutAbsentOptionalFields() throws IOException {
        JsonNode video = JSON.readTree(codec.encode(EventSamples.event(EventType.DOWNLOAD_REQUESTED)))
                .get("data").get("video");

        assertThat(video.has("season")).isFalse();
        assertThat(video.get("imdbId").textValue()).isEqualTo("tt0133093");
    }

    @Test
    void writesInstantsInPayloadsAsRfc3339() throws IOException {
        JsonNode data = JSON.readTree(codec.encode(EventSamples.event(EventType.RETRY_SCHEDULED))).get("data");

        assertThat(data.get("nextAttemptAt").textValue()).isEqualTo("2026-11-25T14:02:00.500Z");
    }

    @Test
    void refusesToEncodeAnEventOverTheSizeLimit() {
        EventCodec small = new EventCodec(200);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> small.encode(EventSamples.event(EventType.DOWNLOAD_REQUESTED)))
                .withMessageContaining("over the limit of 200");
    }

    private static JobEvent<EventPayload> atTime(Instant time) {
        JobEvent<EventPayload> sample = EventSamples.event(EventType.DOWNLOAD_STARTED);
        return new JobEvent<>(sample.id(), sample.type(), sample.source(), sample.jobId(), sample.tenant(), time, null,
                sample.payload());
    }
}
