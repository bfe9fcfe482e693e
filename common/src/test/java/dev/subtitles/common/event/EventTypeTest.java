package dev.subtitles.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.subtitles.common.event.payload.EventPayload;

class EventTypeTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void routingKeyFindsItsType(EventType type) {
        assertThat(EventType.fromRoutingKey(type.routingKey())).contains(type);
    }

    @Test
    void unknownRoutingKeyFindsNothing() {
        assertThat(EventType.fromRoutingKey("subtitle.exploded")).isEmpty();
        assertThat(EventType.fromRoutingKey(null)).isEmpty();
    }

    @Test
    void routingKeysAreTheTypesOfTheDesign() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::routingKey)).containsExactly(
                "subtitle.download.requested", "subtitle.download.started", "subtitle.ready",
                "subtitle.translate.requested", "subtitle.translate.started", "subtitle.translated",
                "job.retry.scheduled", "job.failed", "job.cancel.requested", "job.cancelled",
                "subtitle.upgrade.requested", "subtitle.upgraded", "subtitle.upgrade.checked");
    }

    @Test
    void everyTypeIsRoutedToTheProjectionQueue() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::routingKey))
                .allMatch(key -> key.startsWith("subtitle.") || key.startsWith("job."));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void dataSchemaNamesTypeAndVersion(EventType type) {
        assertThat(type.schemaVersion()).isEqualTo(1);
        assertThat(type.dataSchema()).isEqualTo("urn:subtitles:" + type.routingKey() + ":v1");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void payloadClassLeadsBackToItsType(EventType type) {
        assertThat(EventType.forPayload(type.payloadType())).isEqualTo(type);
    }

    @Test
    void everyTypeHasItsOwnPayloadClass() {
        assertThat(Arrays.stream(EventType.values()).<Class<?>> map(EventType::payloadType))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(EventPayload.class.getPermittedSubclasses());
    }

    @Test
    void forPayloadRejectsTheSealedInterfaceItself() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventType.forPayload(EventPayload.class))
                .withMessageContaining("EventPayload");
    }
}
