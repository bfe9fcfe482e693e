package dev.subtitles.eventconsumer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;

import dev.subtitles.common.event.EventSamples;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestBroker.DeadLetter;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeadLetterTest extends ConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    JobViews views;

    @Test
    void garbageGoesToTheDeadLetterQueueWithItsReasonAndTheNextEventIsProjected() {
        byte[] garbage = "this is not JSON at all".getBytes(StandardCharsets.UTF_8);
        JobEvent<EventPayload> next = TestEvents.event(UUID.randomUUID(), EventType.DOWNLOAD_REQUESTED);

        broker.publishRaw("subtitle.ready", garbage, "application/cloudevents+json");
        broker.publish(next);

        DeadLetter deadLetter = awaitDeadLetter();
        assertThat(deadLetter.body()).isEqualTo(garbage);
        assertThat(deadLetter.reason()).startsWith("body is not JSON");
        await().atMost(PATIENCE).until(() -> "DOWNLOAD_QUEUED".equals(views.phase(next.jobId())));
    }

    @Test
    void validJsonThatIsNotAValidCloudEventGoesToTheDeadLetterQueueWithItsReason() {
        String jobId = UUID.randomUUID().toString();
        byte[] invalid = ("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/subtitles/x/y\","
                + "\"type\":\"subtitle.ready\",\"subject\":\"" + jobId + "\",\"time\":\"2026-11-25T14:01:30.123456Z\","
                + "\"datacontenttype\":\"application/json\",\"dataschema\":\"urn:subtitles:subtitle.ready:v1\","
                + "\"data\":{\"provider\":\"opensubtitles\"}}").getBytes(StandardCharsets.UTF_8);
        JobEvent<EventPayload> next = TestEvents.event(UUID.randomUUID(), EventType.DOWNLOAD_REQUESTED);

        broker.publishRaw("subtitle.ready", invalid, "application/cloudevents+json");
        broker.publish(next);

        DeadLetter deadLetter = awaitDeadLetter();
        assertThat(deadLetter.body()).isEqualTo(invalid);
        assertThat(deadLetter.reason()).contains("does not match urn:subtitles:subtitle.ready:v1");
        assertThat(deadLetter.headers()).containsKey("x-original-routing-key");
        await().atMost(PATIENCE).until(() -> "DOWNLOAD_QUEUED".equals(views.phase(next.jobId())));
        assertThat(views.job(UUID.fromString(jobId))).isEmpty();
    }

    @Test
    void deadLetterCopyKeepsTheOriginalHeadersAndProperties() {
        byte[] garbage = "not an event either".getBytes(StandardCharsets.UTF_8);
        Date timestamp = Date.from(Instant.parse("2026-11-25T14:01:30Z"));
        AMQP.BasicProperties original = new AMQP.BasicProperties.Builder()
                .messageId(UUID.randomUUID().toString())
                .contentType("application/cloudevents+json")
                .contentEncoding("identity")
                .correlationId("correlation-42")
                .timestamp(timestamp)
                .type("subtitle.ready")
                .appId("downloader")
                .deliveryMode(2)
                .headers(Map.of("traceparent", EventSamples.TRACEPARENT, "x-custom", "kept"))
                .build();

        broker.publishRaw("subtitle.ready", garbage, original);

        DeadLetter copy = awaitDeadLetter();
        assertThat(copy.body()).isEqualTo(garbage);
        AMQP.BasicProperties properties = copy.properties();
        assertThat(properties.getMessageId()).isEqualTo(original.getMessageId());
        assertThat(properties.getContentType()).isEqualTo("application/cloudevents+json");
        assertThat(properties.getContentEncoding()).isEqualTo("identity");
        assertThat(properties.getCorrelationId()).isEqualTo("correlation-42");
        assertThat(properties.getTimestamp()).isEqualTo(timestamp);
        assertThat(properties.getType()).isEqualTo("subtitle.ready");
        assertThat(properties.getAppId()).isEqualTo("downloader");
        assertThat(properties.getDeliveryMode()).isEqualTo(2);
        assertThat(copy.headers()).extractingByKeys("traceparent", "x-custom", "x-original-exchange",
                "x-original-routing-key")
                .map(String::valueOf)
                .containsExactly(EventSamples.TRACEPARENT, "kept", TestTopology.EXCHANGE, "subtitle.ready");
        assertThat(copy.reason()).startsWith("body is not JSON");
    }

    private static DeadLetter awaitDeadLetter() {
        AtomicReference<DeadLetter> received = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            received.set(broker.nextDeadLetter());
            return received.get() != null;
        });
        return received.get();
    }
}
