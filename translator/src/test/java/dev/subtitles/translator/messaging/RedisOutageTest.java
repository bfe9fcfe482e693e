package dev.subtitles.translator.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.testing.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Redis, where a job's outcome is decided, away while a translation ends: no terminal event without a decision. */
@QuarkusTest
@TestProfile(RedisOutageTest.ThroughAProxy.class)
class RedisOutageTest {

    public static class ThroughAProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("translator.delivery.max-delivery-time", "20S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LibreTranslateStub.class), new TestResourceEntry(RedisProxy.class));
        }
    }

    @LibreTranslateStub.Inject
    WireMockServer libreTranslate;

    @RedisProxy.Inject
    TcpProxy redisProxy;

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
        redisProxy.restore();
        broker.close();
    }

    @Test
    void redisAwayWhenTheResultIsDecidedDefersTheAttemptWithoutATerminalEvent() throws Exception {
        libreTranslate.stubFor(post("/translate").willReturn(okJson(EnglishFixture.TRANSLATION).withFixedDelay(2_000)));

        broker.publish(request(storeEnglishFixture()));
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATE_STARTED));
        redisProxy.cut();

        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7))
                .until(() -> !broker.typesOf(jobId).contains(EventType.TRANSLATED));
        redisProxy.restore();

        await().atMost(Duration.ofSeconds(60)).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATED));
        assertThat(broker.distinctEventsOf(jobId).values()).extracting(JobEvent::type)
                .containsExactly(EventType.TRANSLATE_STARTED, EventType.TRANSLATED);
    }

    private StoredSubtitleFile storeEnglishFixture() throws IOException {
        return EnglishFixture.store(store, jobId);
    }

    private JobEvent<TranslateRequested> request(StoredSubtitleFile source) {
        return EnglishFixture.requestToSpanish(jobId, source);
    }
}
