package dev.subtitles.downloader.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.VideoRef;

/**
 * Jobs whose attempt takes a while: the OpenSubtitles stub finds a Spanish subtitle for a title of their own, after a
 * delay shorter than the test profile's provider timeout, so a test can act while the attempt runs.
 */
public final class SlowSearches {

    private static final AtomicLong FILE_IDS = new AtomicLong(7_000);
    private static final String SRT = "1\n00:00:01,000 --> 00:00:02,500\nLas mareas mienten otra vez.\n";

    private SlowSearches() {
    }

    /** A request for a title of its own that the stub answers after {@code delayMillis}. */
    public static JobEvent<DownloadRequested> request(WireMockServer wireMock, int delayMillis) {
        String title = "Slow Tide " + UUID.randomUUID().toString().substring(0, 8);
        long fileId = FILE_IDS.incrementAndGet();
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles"))
                .withQueryParam("query", equalTo(title.toLowerCase(Locale.ROOT)))
                .willReturn(aResponse().withFixedDelay(delayMillis).withHeader("Content-Type", "application/json")
                        .withBody(OpenSubtitlesStub.searchResult(fileId, "es", title, 2022, 100, false))));
        wireMock.stubFor(post(urlEqualTo("/api/v1/download"))
                .withRequestBody(equalToJson("{\"file_id\":" + fileId + "}"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenSubtitlesStub.downloadLink(wireMock.baseUrl() + "/files/" + fileId + ".srt"))));
        wireMock.stubFor(get(urlEqualTo("/files/" + fileId + ".srt")).willReturn(aResponse().withBody(SRT)));
        return EventProbe.request(new VideoRef(title, 2022, null, null, null, null, null, null), "es");
    }
}
