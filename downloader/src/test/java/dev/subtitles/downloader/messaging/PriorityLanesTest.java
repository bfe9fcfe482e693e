package dev.subtitles.downloader.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.InjectWireMock;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.SlowSearches;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A high or low job does not wait behind a backlog of normal ones: the normal queue holds more slow requests than the
 * normal consumers can take (8 consumers, 2 each in hand), and a high or low request published after them is done
 * while normal requests still wait on their queue.
 */
@QuarkusTest
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class PriorityLanesTest {

    /** Normal requests of the backlog, each answered by the stub after {@link #SEARCH_MILLIS}. */
    private static final int BACKLOG = 48;
    private static final int SEARCH_MILLIS = 1500;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectWireMock
    WireMockServer wireMock;

    private final EventProbe probe = new EventProbe();
    private List<JobEvent<DownloadRequested>> backlog = List.of();

    @AfterEach
    void drainTheBacklogAndCloseProbe() throws IOException, TimeoutException {
        backlog.forEach(request -> probe.awaitResult(request.jobId(), WAIT));
        probe.close();
    }

    @Test
    void highAndLowRequestsAreDoneWhileNormalOnesStillWait() throws IOException {
        queueBacklog();
        JobEvent<DownloadRequested> high = spanishFilm(Priority.HIGH);
        JobEvent<DownloadRequested> low = spanishFilm(Priority.LOW);

        probe.publish(high);
        probe.publish(low);

        assertThat(probe.awaitResult(high.jobId(), WAIT).type()).isEqualTo(EventType.SUBTITLE_READY);
        assertThat(probe.awaitResult(low.jobId(), WAIT).type()).isEqualTo(EventType.SUBTITLE_READY);
        assertThat(probe.channel().messageCount(TestBroker.QUEUE)).as("normal requests still waiting").isPositive();
    }

    @Test
    void aRetryOfAHighRequestReturnsToTheHighQueue() throws IOException {
        JobEvent<DownloadRequested> high = failingOnceThenFound("Harbour Lights", 611, Priority.HIGH);
        queueBacklog();

        probe.publish(high);

        assertThat(probe.awaitResult(high.jobId(), WAIT).type()).isEqualTo(EventType.SUBTITLE_READY);
        assertThat(probe.channel().messageCount(TestBroker.QUEUE)).as("normal requests still waiting").isPositive();
        assertThat(probe.typesOf(high.jobId())).containsExactly(EventType.DOWNLOAD_STARTED,
                EventType.RETRY_SCHEDULED, EventType.DOWNLOAD_STARTED, EventType.SUBTITLE_READY);
        assertThat(probe.eventsOf(high.jobId())).filteredOn(event -> event.type() == EventType.RETRY_SCHEDULED)
                .extracting(event -> ((RetryScheduled) event.payload()).attempt()).containsExactly(1);
    }

    /** Publishes the normal backlog and waits until some of it waits on the normal queue. */
    private void queueBacklog() throws IOException {
        backlog = IntStream.range(0, BACKLOG).mapToObj(n -> SlowSearches.request(wireMock, SEARCH_MILLIS)).toList();
        backlog.forEach(probe::publish);
        await().atMost(WAIT).until(() -> probe.channel().messageCount(TestBroker.QUEUE) > BACKLOG / 2);
    }

    private static JobEvent<DownloadRequested> spanishFilm(Priority priority) {
        return EventProbe.request(new VideoRef(TestLibrary.SPANISH_ONLY, 2019, null, null, null, null, null, null),
                "es", priority);
    }

    /** A request whose first search OpenSubtitles answers with 503 and whose second finds the subtitle. */
    private JobEvent<DownloadRequested> failingOnceThenFound(String title, long fileId, Priority priority) {
        String query = title.toLowerCase();
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).withQueryParam("query", equalTo(query))
                .inScenario(title).whenScenarioStateIs(STARTED).willSetStateTo("failed once")
                .willReturn(aResponse().withStatus(503)));
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).withQueryParam("query", equalTo(query))
                .inScenario(title).whenScenarioStateIs("failed once")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenSubtitlesStub.searchResult(fileId, "es", title, 2023, 10, false))));
        wireMock.stubFor(post(urlEqualTo("/api/v1/download")).withRequestBody(equalToJson("{\"file_id\":" + fileId + "}"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenSubtitlesStub.downloadLink(wireMock.baseUrl() + "/files/" + fileId + ".srt"))));
        wireMock.stubFor(get(urlEqualTo("/files/" + fileId + ".srt"))
                .willReturn(aResponse().withBody("1\n00:00:01,000 --> 00:00:02,000\nLuces del puerto.\n")));
        return EventProbe.request(new VideoRef(title, 2023, null, null, null, null, null, null), "es", priority);
    }
}
