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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.format.SubtitleParser;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A better match found after a job was done (docs/upgrades.md), through the four packaged services: "Paper Boats" has
 * no Spanish file in the library, so a Spanish job ends machine-translated; searched again every two seconds, it finds
 * nothing better until a Spanish file is dropped into the library, which then becomes version 2 and is served.
 */
class UpgradeIT {

    private static final Path SAMPLE_LIBRARY = Path.of(System.getProperty("e2e.root", ".."))
            .resolve("downloader/src/main/resources/library");
    private static final String NATIVE_LINE = "Dobla la esquina hacia abajo. No, la otra esquina.";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /** A database of the run's own: the upgrade migrations are not applied to the one other runs share. */
    private static final E2eNames NAMES = E2eNames.withOwnDatabase();
    private static Path library;
    private static Stack stack;

    @BeforeAll
    static void startStack() throws Exception {
        library = Files.createTempDirectory("upgrade-it-library");
        try (Stream<Path> files = Files.list(SAMPLE_LIBRARY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".srt") || f.toString().endsWith(".vtt"))
                    .toList()) {
                Files.copy(file, library.resolve(file.getFileName().toString()));
            }
        }
        Map<String, String> environment = new HashMap<>(NAMES.environment());
        environment.put("DOWNLOADER_LIBRARY_PATH", library.toString());
        environment.put("UPGRADES_INTERVAL", "2S");
        environment.put("UPGRADES_POLL_INTERVAL", "1s");
        stack = Stack.start(environment);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        NAMES.delete();
        if (library != null) {
            try (Stream<Path> files = Files.walk(library)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void machineTranslatedJobGetsTheSpanishFileOnceItExistsAsVersionTwo() throws IOException {
        String job = manager().contentType(ContentType.JSON).body("""
                {"video": {"title": "Paper Boats", "year": 2015}, "language": "es", "format": "srt"}""")
                .post("/jobs").then().statusCode(202).extract().path("id");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> "DONE".equals(manager().get("/jobs/{id}", job).path("phase")));
        String translated = manager().get("/jobs/{id}/subtitle", job).then().statusCode(200).extract().asString();
        JsonPath first = manager().get("/jobs/{id}/versions", job).then().statusCode(200).extract().jsonPath();
        assertThat(first.getInt("latest")).isEqualTo(1);
        assertThat(first.getBoolean("versions[0].machineTranslated")).isTrue();

        // Searched again with nothing better to find: recorded, and the file stays as it is.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> eventTypes(job).contains("subtitle.upgrade.checked"));
        Files.writeString(library.resolve("Paper Boats (2015).es.srt"), "1\n00:00:00,500 --> 00:00:02,900\n"
                + NATIVE_LINE + "\n\n2\n00:00:03,300 --> 00:00:05,700\nEl mío siempre se hunde antes del puente.\n",
                StandardCharsets.UTF_8);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> manager().get("/jobs/{id}/versions", job).jsonPath().getInt("latest") == 2);
        JsonPath versions = manager().get("/jobs/{id}/versions", job).then().statusCode(200).extract().jsonPath();
        assertThat(versions.getList("versions.version", Integer.class)).containsExactly(1, 2);
        assertThat(versions.getBoolean("versions[1].machineTranslated")).isFalse();
        assertThat(versions.getString("versions[1].provider")).isEqualTo("library");
        assertThat(versions.getString("versions[1].language")).isEqualTo("es");

        String latest = manager().get("/jobs/{id}/subtitle", job).then().statusCode(200).extract().asString();
        assertThat(latest).contains(NATIVE_LINE);
        assertThat(new SubtitleParser().parse(latest, SubtitleFormat.SRT).cues()).hasSize(2);
        assertThat(manager().get("/jobs/{id}/subtitle?version=1", job).then().statusCode(200).extract().asString())
                .isEqualTo(translated);
        assertThat(manager().get("/jobs/{id}", job).path("phase").toString()).isEqualTo("DONE");
        List<String> types = eventTypes(job);
        assertThat(types).containsSubsequence("subtitle.translated", "subtitle.upgrade.requested",
                "subtitle.upgrade.checked", "subtitle.upgrade.requested", "subtitle.upgraded");
        assertThat(types.stream().filter("subtitle.upgraded"::equals)).hasSize(1);
    }

    /** The job's event types, oldest first. */
    private static List<String> eventTypes(String job) {
        List<String> types = new ArrayList<>(manager().get("/jobs/{id}/events?limit=500", job).then().statusCode(200)
                .extract().jsonPath().getList("events.type", String.class));
        Collections.reverse(types);
        return types;
    }

    private static RequestSpecification manager() {
        return given().baseUri(stack.service("manager").baseUri().toString());
    }
}
