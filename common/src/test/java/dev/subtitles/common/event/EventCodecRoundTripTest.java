package dev.subtitles.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.tenant.Tenants;

class EventCodecRoundTripTest {

    private final EventCodec codec = new EventCodec();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventWithoutTraceparentSurvivesRoundTrip(EventType type) {
        JobEvent<EventPayload> event = EventSamples.event(type);

        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventWithTraceparentSurvivesRoundTrip(EventType type) {
        JobEvent<EventPayload> event = EventSamples.event(type).withTraceparent(EventSamples.TRACEPARENT);

        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void absentOptionalPayloadFieldsSurviveRoundTrip() {
        JobEvent<Translated> event = JobEvent.create(UUID.randomUUID(), Tenants.DEFAULT, EventSamples.SOURCE,
                new Translated(UUID.randomUUID(), "deepl", null, 12, "en", "fr", SubtitleFormat.SRT));

        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void oneCodecDecodesFromManyThreadsAtOnce() throws Exception {
        List<JobEvent<EventPayload>> events = EventSamples.oneOfEachType();
        List<byte[]> bodies = events.stream().map(codec::encode).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<JobEvent<?>>>> results = pool.invokeAll(List.of(
                    () -> decodeRepeatedly(bodies), () -> decodeRepeatedly(bodies),
                    () -> decodeRepeatedly(bodies), () -> decodeRepeatedly(bodies)));

            for (Future<List<JobEvent<?>>> result : results) {
                assertThat(result.get()).containsExactlyElementsOf(events);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<JobEvent<?>> decodeRepeatedly(List<byte[]> bodies) {
        List<JobEvent<?>> decoded = List.of();
        for (int i = 0; i < 50; i++) {
            decoded = bodies.stream().<JobEvent<?>> map(codec::decode).toList();
        }
        return decoded;
    }
}
