package dev.subtitles.translator.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.tenant.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A high job does not wait behind a backlog of normal ones at the translator: the normal queue holds more requests
 * than the normal consumers can take (2 consumers, 2 each in hand), each answered by the engine after
 * {@link #ENGINE_MILLIS}, and a high request published after them is translated while normal requests still wait on
 * their queue, its retry included.
 */
@QuarkusTest
@TestProfile(TransientFailureRetryTest.WithLibreTranslateStub.class)
class PriorityLanesTest {

    private static final int BACKLOG = 12;
    private static final int ENGINE_MILLIS = 1500;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LIGHTHOUSE = "1\n00:00:01,000 --> 00:00:02,000\nThe lighthouse is dark.\n";

    @LibreTranslateStub.Inject
    WireMockServer libreTranslate;

    @Inject
    SubtitleStore store;

    @ConfigProperty(name = "translator.messaging.exchange")
    String exchange;

    @ConfigProperty(name = "translator.messaging.queue")
    String queue;

    private final List<UUID> backlog = new ArrayList<>();
    private Broker broker;

    @BeforeEach
    void connect() throws IOException, TimeoutException {
        broker = new Broker(exchange);
        LibreTranslateStub.reset(libreTranslate);
        libreTranslate.stubFor(post("/translate").withRequestBody(containing("red car"))
                .willReturn(okJson(EnglishFixture.TRANSLATION).withFixedDelay(ENGINE_MILLIS)));
    }

    @AfterEach
    void drainTheBacklogAndDisconnect() throws IOException, TimeoutException {
        await().atMost(WAIT).until(() -> backlog.stream()
                .allMatch(job -> broker.typesOf(job).contains(EventType.TRANSLATED)));
        broker.close();
    }

    @Test
    void aHighRequestIsTranslatedWhileNormalOnesStillWait() throws Exception {
        libreTranslate.stubFor(post("/translate").withRequestBody(containing("lighthouse"))
                .willReturn(okJson("{\"translatedText\":[\"El faro está oscuro.\"]}")));
        queueBacklog();
        UUID high = UUID.randomUUID();

        broker.publish(lighthouseRequest(high, Priority.HIGH));

        await().atMost(WAIT).until(() -> broker.typesOf(high).contains(EventType.TRANSLATED));
        assertThat(broker.messagesIn(queue)).as("normal requests still waiting").isPositive();
    }

    @Test
    void aRetryOfAHighRequestReturnsToTheHighQueue() throws Exception {
        libreTranslate.stubFor(post("/translate").withRequestBody(containing("lighthouse")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        libreTranslate.stubFor(post("/translate").withRequestBody(containing("lighthouse")).inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"translatedText\":[\"El faro está oscuro.\"]}")));
        queueBacklog();
        UUID high = UUID.randomUUID();

        broker.publish(lighthouseRequest(high, Priority.HIGH));

        await().atMost(WAIT).until(() -> broker.typesOf(high).contains(EventType.TRANSLATED));
        assertThat(broker.messagesIn(queue)).as("normal requests still waiting").isPositive();
        assertThat(broker.typesOf(high)).containsExactly(EventType.TRANSLATE_STARTED, EventType.RETRY_SCHEDULED,
                EventType.TRANSLATE_STARTED, EventType.TRANSLATED);
    }

    /** Publishes the normal backlog and waits until some of it waits on the normal queue. */
    private void queueBacklog() throws Exception {
        for (int n = 0; n < BACKLOG; n++) {
            UUID job = UUID.randomUUID();
            backlog.add(job);
            broker.publish(EnglishFixture.requestToSpanish(job, EnglishFixture.store(store, job)));
        }
        await().atMost(WAIT).until(() -> broker.messagesIn(queue) > BACKLOG / 2);
    }

    private JobEvent<TranslateRequested> lighthouseRequest(UUID job, Priority priority) {
        StoredSubtitleFile source = store.save(NewSubtitleFile.downloaded(job, "en", SubtitleFormat.SRT, LIGHTHOUSE,
                "test")).await().atMost(Duration.ofSeconds(5));
        return JobEvent.create(job, Tenants.DEFAULT, JobEvent.source("downloader", "test"),
                new TranslateRequested(source.id(), "en", "es", SubtitleFormat.SRT, "test", priority));
    }
}
