package dev.subtitles.downloader.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server standing in for the OpenSubtitles REST API v1. By default every search finds nothing; tests add
 * stubs for their own titles, reproducing the documented requests and responses.
 */
public class OpenSubtitlesStub implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "test-api-key";
    public static final String USER_AGENT = "subtitle-pipeline-tests v1";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).atPriority(10)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"total_pages\":0,\"total_count\":0,\"per_page\":60,\"page\":1,\"data\":[]}")));
        return Map.of("downloader.opensubtitles.url", server.baseUrl(),
                "downloader.opensubtitles.api-key", API_KEY,
                "downloader.opensubtitles.user-agent", USER_AGENT,
                "downloader.opensubtitles.timeout", "3S");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A search answer with one subtitle result, shaped like the documented {@code GET /api/v1/subtitles} one. */
    public static String searchResult(long fileId, String language, String title, int year, long downloads,
            boolean hashMatch) {
        return """
                {"total_pages":1,"total_count":1,"per_page":60,"page":1,"data":[{
                  "id":"%d","type":"subtitle",
                  "attributes":{
                    "subtitle_id":"%d","language":"%s","download_count":%d,"new_download_count":3,
                    "hearing_impaired":false,"hd":true,"fps":23.976,"votes":0,"ratings":0.0,
                    "from_trusted":true,"foreign_parts_only":false,"ai_translated":false,"machine_translated":false,
                    "upload_date":"2021-03-04T12:00:00Z","release":"%s.%d.1080p.WEB","comments":"",
                    "moviehash_match":%s,
                    "uploader":{"uploader_id":1,"name":"tester","rank":"trusted"},
                    "feature_details":{"feature_id":77,"feature_type":"Movie","year":%d,"title":"%s",
                      "movie_name":"%d - %s","imdb_id":9900077,"tmdb_id":1234},
                    "url":"https://example.invalid/subtitles/x",
                    "files":[{"file_id":%d,"cd_number":1,"file_name":"%s.%d.%s.srt"}]
                  }}]}
                """.formatted(fileId, fileId, language, downloads, title.replace(' ', '.'), year, hashMatch, year,
                title, year, title, fileId, title.replace(' ', '.'), year, language);
    }

    /** A download answer, shaped like the documented {@code POST /api/v1/download} one. */
    public static String downloadLink(String link) {
        return """
                {"link":"%s","file_name":"file.srt","requests":3,"remaining":97,
                 "message":"Your quota will be renewed in 23 hours and 59 minutes (2031-01-01 00:00:00 UTC) ",
                 "reset_time":"23 hours and 59 minutes","reset_time_utc":"2031-01-01T00:00:00.000Z"}
                """.formatted(link);
    }
}
