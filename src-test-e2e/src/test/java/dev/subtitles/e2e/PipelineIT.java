package dev.subtitles.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.subtitles.common.format.Cue;
import dev.subtitles.common.format.Subtitle;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.format.SubtitleParser;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The pipeline as users meet it: the four packaged services as separate processes, driven only through the
 * manager's HTTP API and watched on the broker.
 */
class PipelineIT {

    private static final Path LIBRARY = Path.of(System.getProperty("e2e.root", ".."))
            .resolve("downloader/src/main/resources/library");
    private static final Set<String> TERMINAL = Set.of("DONE", "FAILED", "CANCELLED");

    private static final E2eNames NAMES = new E2eNames();
    private static Stack stack;
    private static BrokerTap tap;

    @BeforeAll
    static void startStack() throws Exception {
        tap = BrokerTap.on(NAMES.exchange());
        stack = Stack.start(withTracing(NAMES.environment()));
    }

    /**
     * Tracing on, as an operator turns it on, so that events carry the job's trace; no span is sampled, since no
     * collector listens here (the ids travel all the same).
     */
    private static Map<String, String> withTracing(Map<String, String> environment) {
        Map<String, String> traced = new HashMap<>(environment);
        traced.put("OTEL_SDK_DISABLED", "false");
        traced.put("QUARKUS_OTEL_TRACES_SAMPLER", "parentbased_always_off");
        return traced;
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (tap != null) {
            tap.close();
        }
        NAMES.delete();
    }

    @Test
    void subtitleFoundInTheTargetLanguageIsDownloadableAsSrtAndWebVtt() {
        UUID job = submit("The Lighthouse Clock", 2011, "es");

        assertThat(awaitTerminalPhase(job)).isEqualTo("DONE");
        assertThat(eventTypes(job)).containsExactly("subtitle.download.requested", "subtitle.download.started",
                "subtitle.ready");

        Response srt = manager().get("/jobs/{id}/subtitle?format=srt", job);
        assertThat(srt.statusCode()).isEqualTo(200);
        assertThat(srt.contentType()).startsWith("application/x-subrip");
        assertThat(srt.header("Content-Disposition")).contains(".srt");
        Subtitle parsedSrt = new SubtitleParser().parse(srt.asString(), SubtitleFormat.SRT);

        Response vtt = manager().get("/jobs/{id}/subtitle?format=vtt", job);
        assertThat(vtt.statusCode()).isEqualTo(200);
        assertThat(vtt.contentType()).startsWith("text/vtt");
        assertThat(vtt.asString()).startsWith("WEBVTT");
        Subtitle parsedVtt = new SubtitleParser().parse(vtt.asString(), SubtitleFormat.VTT);
        assertThat(timings(parsedVtt)).isEqualTo(timings(parsedSrt));
    }

    @Test
    void subtitleFoundOnlyInEnglishIsTranslatedIntoSpanishKeepingCuesAndTiming() throws IOException {
        UUID job = submit("Paper Boats", 2015, "es");

        assertThat(awaitTerminalPhase(job)).isEqualTo("DONE");
        assertThat(eventTypes(job)).containsExactly("subtitle.download.requested", "subtitle.download.started",
                "subtitle.translate.requested", "subtitle.translate.started", "subtitle.translated");

        Subtitle english = new SubtitleParser().parse(
                Files.readString(LIBRARY.resolve("Paper Boats (2015).en.srt"), StandardCharsets.UTF_8),
                SubtitleFormat.SRT);
        Subtitle spanish = new SubtitleParser().parse(manager().get("/jobs/{id}/subtitle?format=srt", job).asString(),
                SubtitleFormat.SRT);
        assertThat(spanish.cues()).hasSameSizeAs(english.cues());
        assertThat(timings(spanish)).isEqualTo(timings(english));
        assertThat(texts(spanish)).isNotEqualTo(texts(english));
        JsonNode translated = latestEvent(job);
        assertThat(translated.path("data").path("engine").asText()).isEqualTo("apertium");
    }

    @Test
    void subtitleFoundNowhereFailsWithAnErrorAUserCanActOn() {
        UUID job = submit("A Film Nobody Ever Subtitled", 1999, "fi");

        assertThat(awaitTerminalPhase(job)).isEqualTo("FAILED");
        JsonNode failure = latestEvent(job);
        assertThat(failure.path("type").asText()).isEqualTo("job.failed");
        assertThat(failure.path("data").path("errorCode").asText()).isNotBlank();
        assertThat(failure.path("data").path("message").asText()).containsIgnoringCase("A Film Nobody Ever Subtitled");
        assertThat(manager().get("/jobs/{id}/subtitle", job).statusCode()).isEqualTo(409);
    }

    @Test
    void jobCancelledWhileQueuedIsNeverStarted() throws Exception {
        stack.stop("downloader");
        UUID job;
        try {
            job = submit("The Lighthouse Clock", 2011, "en");
            await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes(job).contains("subtitle.download.requested"));

            assertThat(manager().delete("/jobs/{id}", job).statusCode()).isEqualTo(202);
            assertThat(awaitTerminalPhase(job)).isEqualTo("CANCELLED");
        } finally {
            stack.restart("downloader");
        }
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(phase(job)).isEqualTo("CANCELLED"));
        assertThat(eventTypes(job)).containsExactly("subtitle.download.requested", "job.cancelled");
    }

    @Test
    void everyEventOfAJobHasASourceAndTheJobsTraceId() {
        UUID job = submit("Paper Boats", 2015, "es");
        assertThat(awaitTerminalPhase(job)).isEqualTo("DONE");

        await().atMost(Duration.ofSeconds(10)).until(() -> tap.eventsOf(job).size() == 5);
        List<JsonNode> published = tap.eventsOf(job);
        assertThat(published).allSatisfy(event -> assertThat(event.path("source").asText()).startsWith("/subtitles/"));
        Set<String> traceIds = published.stream()
                .map(event -> event.path("traceparent").asText())
                .map(traceparent -> traceparent.split("-"))
                .map(parts -> parts.length == 4 ? parts[1] : "missing")
                .collect(Collectors.toSet());
        assertThat(traceIds).hasSize(1).doesNotContain("missing");
        assertThat(events(job)).allSatisfy(event -> assertThat(event.path("source").asText()).isNotBlank());
    }

    @Test
    void fiveHundredJobsSubmittedAtOnceAllEndOnceAndNoneIsLost() {
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            jobs.add(i % 5 == 0 ? submit("Nothing Here " + i, 2000, "fi") : submit("The Lighthouse Clock", 2011, "es"));
        }

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(() -> jobs.stream().allMatch(job -> TERMINAL.contains(phase(job))));
        for (UUID job : jobs) {
            List<String> terminalEvents = eventTypes(job).stream()
                    .filter(type -> type.equals("subtitle.ready") || type.equals("job.failed"))
                    .toList();
            assertThat(terminalEvents).as("terminal events of %s", job).hasSize(1);
        }
        Map<String, Long> phases = jobs.stream().collect(Collectors.groupingBy(this::phase, Collectors.counting()));
        assertThat(phases).containsExactlyInAnyOrderEntriesOf(Map.of("DONE", 400L, "FAILED", 100L));
    }

    private static RequestSpecification manager() {
        return given().baseUri(stack.service("manager").baseUri().toString());
    }

    private static UUID submit(String title, int year, String language) {
        String id = manager().contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("title", title, "year", year), "language", language))
                .post("/jobs")
                .then().statusCode(202)
                .extract().path("id");
        return UUID.fromString(id);
    }

    private String phase(UUID job) {
        return manager().get("/jobs/{id}", job).then().statusCode(200).extract().path("phase");
    }

    private String awaitTerminalPhase(UUID job) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> TERMINAL.contains(phase(job)));
        return phase(job);
    }

    /** The audit trail, oldest first. */
    private static List<JsonNode> events(UUID job) {
        JsonNode page = manager().get("/jobs/{id}/events?limit=100", job).then().statusCode(200)
                .extract().as(JsonNode.class);
        List<JsonNode> newestFirst = new ArrayList<>();
        page.path("events").forEach(newestFirst::add);
        List<JsonNode> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static List<String> eventTypes(UUID job) {
        return events(job).stream().map(event -> event.path("type").asText()).toList();
    }

    private static JsonNode latestEvent(UUID job) {
        List<JsonNode> events = events(job);
        return events.get(events.size() - 1);
    }

    private static List<String> timings(Subtitle subtitle) {
        return subtitle.cues().stream().map(cue -> cue.start() + "-" + cue.end()).toList();
    }

    private static List<List<String>> texts(Subtitle subtitle) {
        return subtitle.cues().stream().map(Cue::lines).toList();
    }
}
