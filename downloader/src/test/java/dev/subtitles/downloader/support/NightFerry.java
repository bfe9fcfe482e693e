package dev.subtitles.downloader.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.VideoRef;

/**
 * A job that stays in progress for a while: OpenSubtitles (a WireMock stub) finds the Spanish subtitle of
 * "Night Ferry" (2021) only after a delay the test chooses, then serves it.
 */
public final class NightFerry {

    private static final String TITLE = "Night Ferry";

    private NightFerry() {
    }

    /** A started OpenSubtitles stub whose search for the film answers after {@code searchDelayMillis}. */
    public static WireMockServer openSubtitles(int searchDelayMillis) {
        WireMockServer openSubtitles = new WireMockServer(wireMockConfig().dynamicPort());
        openSubtitles.start();
        openSubtitles.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).withQueryParam("query", equalTo("night ferry"))
                .willReturn(aResponse().withFixedDelay(searchDelayMillis).withHeader("Content-Type", "application/json")
                        .withBody(OpenSubtitlesStub.searchResult(901, "es", TITLE, 2021, 100, false))));
        openSubtitles.stubFor(post(urlEqualTo("/api/v1/download")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(OpenSubtitlesStub.downloadLink(openSubtitles.baseUrl() + "/files/901.srt"))));
        openSubtitles.stubFor(get(urlEqualTo("/files/901.srt"))
                .willReturn(aResponse().withBody("1\n00:00:01,000 --> 00:00:02,000\nEl transbordador espera.\n")));
        return openSubtitles;
    }

    /** The environment that has a downloader search OpenSubtitles only, at the stub. */
    public static Map<String, String> environment(WireMockServer openSubtitles) {
        return Map.of(
                "DOWNLOADER_PROVIDERS", "opensubtitles",
                "DOWNLOADER_OPENSUBTITLES_URL", openSubtitles.baseUrl(),
                "DOWNLOADER_OPENSUBTITLES_API_KEY", OpenSubtitlesStub.API_KEY,
                "DOWNLOADER_OPENSUBTITLES_TIMEOUT", "30S");
    }

    /** A request for the film's Spanish subtitle, for a new job. */
    public static JobEvent<DownloadRequested> request() {
        return EventProbe.request(new VideoRef(TITLE, 2021, null, null, null, null, null, null), "es");
    }
}
