package dev.subtitles.translator.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.event.payload.TranslateStarted;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.worker.EventIds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Transient engine failures, with LibreTranslate answering from a stub: retried later, then given up. */
@QuarkusTest
@TestProfile(TransientFailureRetryTest.WithLibreTranslateStub.class)
class TransientFailureRetryTest {

    public static class WithLibreTranslateStub implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LibreTranslateStub.class));
        }
    }

    @LibreTranslateStub.Inject
    WireMockServer libreTranslate;

    @Inject
    SubtitleStore store;

    @ConfigProperty(name = "translator.messaging.exchange")
    String exchange;

    private final UUID jobId = UUID.randomUUID();
    private Broker broker;

    @BeforeEach
    void connect() throws IOException, TimeoutException {
        broker = new Broker(exchange);
        LibreTranslateStub.reset(libreTranslate);
    }

    @AfterEach
    void disconnect() throws IOException, TimeoutException {
        broker.close();
    }

    @Test
    void unavailableEngineIsRetriedLaterAndTheJobSucceeds() throws Exception {
        libreTranslate.stubFor(post("/translate").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        libreTranslate.stubFor(post("/translate").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(EnglishFixture.TRANSLATION)));
        Instant published = Instant.now();

        JobEvent<TranslateRequested> request = request(storeEnglishFixture());
        broker.publish(request);

        await().atMost(Duration.ofSeconds(30)).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATED));
        assertThat(broker.typesOf(jobId)).containsExactly(EventType.TRANSLATE_STARTED, EventType.RETRY_SCHEDULED,
                EventType.TRANSLATE_STARTED, EventType.TRANSLATED);
        JobEvent<?> retried = broker.eventsOf(jobId).get(1);
        assertThat(retried.id()).isEqualTo(EventIds.derive(request.id(), 1, EventType.RETRY_SCHEDULED));
        RetryScheduled retry = (RetryScheduled) retried.payload();
        assertThat(retry.stage()).isEqualTo(Stage.TRANSLATE);
        assertThat(retry.attempt()).isEqualTo(1);
        assertThat(retry.error()).contains("503");
        assertThat(retry.nextAttemptAt()).isAfter(published);
        assertThat(broker.eventsOf(jobId).get(2).payload()).isEqualTo(new TranslateStarted(2, "libretranslate"));
        assertThat(broker.eventsOf(jobId).get(2).id())
                .isEqualTo(EventIds.derive(request.id(), 2, EventType.TRANSLATE_STARTED));
    }

    @Test
    void engineThatStaysUnavailableFailsTheJobAfterTheLastAttempt() throws Exception {
        libreTranslate.stubFor(post("/translate").willReturn(aResponse().withStatus(429)));

        broker.publish(request(storeEnglishFixture()));

        await().atMost(Duration.ofSeconds(30)).until(() -> broker.typesOf(jobId).contains(EventType.JOB_FAILED));
        assertThat(broker.typesOf(jobId)).containsExactly(EventType.TRANSLATE_STARTED, EventType.RETRY_SCHEDULED,
                EventType.TRANSLATE_STARTED, EventType.RETRY_SCHEDULED, EventType.TRANSLATE_STARTED,
                EventType.JOB_FAILED);
        JobFailed failed = (JobFailed) broker.eventsOf(jobId).get(5).payload();
        assertThat(failed.errorCode()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(failed.message()).contains("3 times").contains("429");
    }

    @Test
    void malformedEngineReplyIsRetriedLikeAnOutage() throws Exception {
        libreTranslate.stubFor(post("/translate").inScenario("garbled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("<html>Bad gateway</html>"))
                .willSetStateTo("fine"));
        libreTranslate.stubFor(post("/translate").inScenario("garbled").whenScenarioStateIs("fine")
                .willReturn(okJson(EnglishFixture.TRANSLATION)));

        broker.publish(request(storeEnglishFixture()));

        await().atMost(Duration.ofSeconds(30)).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATED));
        assertThat(broker.typesOf(jobId)).contains(EventType.RETRY_SCHEDULED);
    }

    private StoredSubtitleFile storeEnglishFixture() throws IOException {
        return EnglishFixture.store(store, jobId);
    }

    private JobEvent<TranslateRequested> request(StoredSubtitleFile source) {
        return EnglishFixture.requestToSpanish(jobId, source);
    }
}
