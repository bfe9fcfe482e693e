package dev.subtitles.downloader.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.testing.BrokerProxy;
import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The downloader's link to the broker cut in a burst of jobs, through a proxy (the shared broker and other
 * connections stay untouched): no job stranded, none doubled in its history.
 */
@QuarkusTest
@TestProfile(BrokerLinkCutTest.ThroughAProxy.class)
class BrokerLinkCutTest {

    private static final int BURST = 20;
    private static final Set<EventType> RESULTS = Set.of(EventType.SUBTITLE_READY, EventType.TRANSLATE_REQUESTED,
            EventType.JOB_FAILED, EventType.JOB_CANCELLED);

    public static class ThroughAProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "downloader.delivery.confirm-timeout", "2S",
                    "downloader.delivery.check-interval", "1S",
                    "downloader.redis.claim-lease", "3S",
                    "mp.messaging.incoming.requests.reconnect-interval", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestLibrary.class), new TestResourceEntry(TestBroker.class),
                    new TestResourceEntry(OpenSubtitlesStub.class), new TestResourceEntry(BrokerProxy.class));
        }
    }

    @BrokerProxy.Inject
    TcpProxy proxy;

    private final EventProbe probe = new EventProbe();

    @AfterEach
    void closeProbe() throws IOException, TimeoutException {
        proxy.restore();
        probe.close();
    }

    @Test
    void linkCutInABurstStrandsNoJobAndDoublesNone() throws IOException {
        List<JobEvent<DownloadRequested>> requests = IntStream.range(0, BURST)
                .mapToObj(i -> EventProbe.request(new VideoRef(TestLibrary.SPANISH_ONLY, 2019, null, null, null, null,
                        null, null), "es"))
                .toList();
        requests.forEach(probe::publish);

        await().atMost(Duration.ofSeconds(60)).until(() -> finished(requests) >= 3);
        proxy.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> readinessStatus() == 503);
        proxy.restore();

        await().atMost(Duration.ofSeconds(120)).until(() -> finished(requests) == BURST);
        assertThat(requests).allSatisfy(request -> assertThat(distinctTypes(request.jobId()))
                .as("history of job %s", request.jobId())
                .containsExactly(EventType.DOWNLOAD_STARTED, EventType.SUBTITLE_READY));
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.channel().messageCount(TestBroker.QUEUE) == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> readinessStatus() == 200);
    }

    private long finished(List<JobEvent<DownloadRequested>> requests) {
        return requests.stream().filter(request -> probe.typesOf(request.jobId()).stream().anyMatch(RESULTS::contains))
                .count();
    }

    private List<EventType> distinctTypes(UUID jobId) {
        Map<UUID, EventType> byId = new LinkedHashMap<>();
        probe.eventsOf(jobId).forEach(event -> byId.putIfAbsent(event.id(), event.type()));
        return List.copyOf(byId.values());
    }

    private static int readinessStatus() {
        return given().get("/q/health/ready").then().extract().statusCode();
    }
}
