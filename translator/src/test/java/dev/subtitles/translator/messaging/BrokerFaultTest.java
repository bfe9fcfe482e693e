package dev.subtitles.translator.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.testing.BrokerProxy;
import dev.subtitles.common.testing.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Broker faults in the middle of a job, on the real broker: the translator reaches it through a proxy the test cuts
 * (the shared broker stays up), and LibreTranslate answers from a stub whose answers the test slows down.
 */
@QuarkusTest
@TestProfile(BrokerFaultTest.ThroughAProxy.class)
class BrokerFaultTest {

    private static final Duration MAX_DELIVERY_TIME = Duration.ofSeconds(8);
    private static final int BURST = 40;

    public static class ThroughAProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "translator.delivery.confirm-timeout", "2S",
                    "translator.delivery.max-delivery-time", MAX_DELIVERY_TIME.toSeconds() + "S",
                    "translator.delivery.check-interval", "1S",
                    "translator.libretranslate.timeout", "120S",
                    "mp.messaging.incoming.requests.reconnect-interval", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LibreTranslateStub.class), new TestResourceEntry(BrokerProxy.class));
        }
    }

    @LibreTranslateStub.Inject
    WireMockServer libreTranslate;

    @BrokerProxy.Inject
    TcpProxy proxy;

    @Inject
    SubtitleStore store;

    @ConfigProperty(name = "translator.messaging.exchange")
    String exchange;

    @ConfigProperty(name = "translator.messaging.queue")
    String queue;

    private final UUID jobId = UUID.randomUUID();
    private Broker broker;

    @BeforeEach
    void connect() throws IOException, TimeoutException {
        broker = new Broker(exchange);
        LibreTranslateStub.reset(libreTranslate);
    }

    @AfterEach
    void disconnect() throws IOException, TimeoutException {
        proxy.restore();
        broker.close();
    }

    @Test
    void requestWhoseResultIsPublishedWhileTheLinkIsCutCompletesOnceTheLinkReturns() throws Exception {
        libreTranslate.stubFor(post("/translate").willReturn(okJson(EnglishFixture.TRANSLATION).withFixedDelay(3_000)));

        broker.publish(request(storeEnglishFixture()));
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATE_STARTED));
        proxy.cut();

        await().atMost(Duration.ofSeconds(10)).until(() -> readinessStatus() == 503);
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7))
                .until(() -> !broker.typesOf(jobId).contains(EventType.TRANSLATED));
        proxy.restore();

        await().atMost(Duration.ofSeconds(60)).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATED));
        assertThat(broker.distinctEventsOf(jobId).values()).extracting(JobEvent::type)
                .containsExactly(EventType.TRANSLATE_STARTED, EventType.TRANSLATED);
        await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.messagesIn(queue) == 0);
    }

    @Test
    void linkCutInABurstOfPublishesStrandsNoJobAndDoublesNone() throws Exception {
        libreTranslate.stubFor(post("/translate").willReturn(okJson(EnglishFixture.TRANSLATION).withFixedDelay(50)));
        List<UUID> jobs = IntStream.range(0, BURST).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID job : jobs) {
            broker.publish(request(job, storeEnglishFixture(job)));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> finished(jobs) >= 3);
        proxy.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> readinessStatus() == 503);
        proxy.restore();

        await().atMost(Duration.ofSeconds(120)).until(() -> finished(jobs) == BURST);
        assertThat(jobs).allSatisfy(job -> assertThat(broker.distinctEventsOf(job).values())
                .extracting(JobEvent::type).as("history of job %s", job)
                .containsExactly(EventType.TRANSLATE_STARTED, EventType.TRANSLATED));
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.messagesIn(queue) == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 200);
    }

    private long finished(List<UUID> jobs) {
        return jobs.stream().filter(job -> broker.typesOf(job).contains(EventType.TRANSLATED)).count();
    }

    @Test
    void deliveryThatNeverCompletesIsFailedRedeliveredAndReadinessRecovers() throws Exception {
        libreTranslate.stubFor(post("/translate").inScenario("hang").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(EnglishFixture.TRANSLATION).withFixedDelay(60_000)).willSetStateTo("answering"));
        libreTranslate.stubFor(post("/translate").inScenario("hang").whenScenarioStateIs("answering")
                .willReturn(okJson(EnglishFixture.TRANSLATION)));

        broker.publish(request(storeEnglishFixture()));

        await().atMost(MAX_DELIVERY_TIME.plusSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> readinessStatus() == 503);
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.typesOf(jobId).contains(EventType.TRANSLATED));
        await().atMost(Duration.ofSeconds(10)).until(() -> readinessStatus() == 200);
        assertThat(broker.distinctEventsOf(jobId).values()).extracting(JobEvent::type)
                .containsExactly(EventType.TRANSLATE_STARTED, EventType.TRANSLATED);
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.messagesIn(queue) == 0);
    }

    private static int readinessStatus() {
        return given().get("/q/health/ready").then().extract().statusCode();
    }

    private StoredSubtitleFile storeEnglishFixture() throws IOException {
        return storeEnglishFixture(jobId);
    }

    private StoredSubtitleFile storeEnglishFixture(UUID job) throws IOException {
        return EnglishFixture.store(store, job);
    }

    private JobEvent<TranslateRequested> request(StoredSubtitleFile source) {
        return request(jobId, source);
    }

    private static JobEvent<TranslateRequested> request(UUID job, StoredSubtitleFile source) {
        return EnglishFixture.requestToSpanish(job, source);
    }
}
