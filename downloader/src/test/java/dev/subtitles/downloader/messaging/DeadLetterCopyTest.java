package dev.subtitles.downloader.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;

import dev.subtitles.common.messaging.Topology;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the downloader's DLQ receives for a message it cannot handle: the original, whole, plus the reason. */
@QuarkusTest
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class DeadLetterCopyTest {

    private final EventProbe probe = new EventProbe();

    @AfterEach
    void closeProbe() throws IOException, TimeoutException {
        probe.close();
    }

    @Test
    void deadLetterCopyKeepsEveryPropertyAndHeaderOfTheOriginal() throws IOException {
        Date timestamp = Date.from(Instant.parse("2026-01-02T03:04:05Z"));
        AMQP.BasicProperties original = new AMQP.BasicProperties.Builder().messageId("message-1")
                .contentType("application/cloudevents+json").contentEncoding("identity").correlationId("correlation-1")
                .timestamp(timestamp).type("subtitle.download.requested").appId("a-producer").priority(3)
                .deliveryMode(2).headers(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                        "x-custom", "kept"))
                .build();

        probe.channel().basicPublish(TestBroker.EXCHANGE, "subtitle.download.requested", original,
                "not an event".getBytes(StandardCharsets.UTF_8));

        GetResponse dead = await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.channel().basicGet(TestBroker.DLQ, true), response -> response != null);
        AMQP.BasicProperties copy = dead.getProps();
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("not an event");
        assertThat(copy.getMessageId()).isEqualTo("message-1");
        assertThat(copy.getContentType()).isEqualTo("application/cloudevents+json");
        assertThat(copy.getContentEncoding()).isEqualTo("identity");
        assertThat(copy.getCorrelationId()).isEqualTo("correlation-1");
        assertThat(copy.getTimestamp()).isEqualTo(timestamp);
        assertThat(copy.getType()).isEqualTo("subtitle.download.requested");
        assertThat(copy.getAppId()).isEqualTo("a-producer");
        assertThat(copy.getPriority()).isEqualTo(3);
        assertThat(copy.getDeliveryMode()).isEqualTo(2);
        assertThat(copy.getHeaders()).extractingByKeys("traceparent", "x-custom").extracting(String::valueOf)
                .containsExactly("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "kept");
        assertThat(String.valueOf(copy.getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER)))
                .startsWith("undecodable event");
        assertThat(copy.getHeaders()).extractingByKeys(DeadLetterPublisher.ORIGINAL_EXCHANGE_HEADER,
                DeadLetterPublisher.ORIGINAL_ROUTING_KEY_HEADER).extracting(String::valueOf)
                .containsExactly(TestBroker.EXCHANGE, "subtitle.download.requested");
    }
}
