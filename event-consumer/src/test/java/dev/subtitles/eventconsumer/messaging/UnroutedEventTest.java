package dev.subtitles.eventconsumer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An event published with a routing key no queue binds is kept in the unrouted queue and counted, not dropped. */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnroutedEventTest extends ConsumerTest {

    @Inject
    MeterRegistry registry;

    @Test
    void anEventNoQueueBindsIsKeptAndCounted() {
        byte[] body = "{\"note\":\"nobody binds this\"}".getBytes(StandardCharsets.UTF_8);

        broker.declareUnroutedQueue();
        broker.publishRaw("nobody.binds.this", body, "application/json");

        assertThat(broker.readyInUnroutedQueue()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(registry.get("events.unrouted").gauge().value()).isEqualTo(1.0));
        assertThat(broker.readyInQueue()).isZero();
    }
}
