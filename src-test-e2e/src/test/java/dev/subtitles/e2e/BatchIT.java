package dev.subtitles.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.format.SubtitleParser;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A season submitted as one batch to the four packaged services and followed as a whole, through the manager's API
 * only: the sample library has episode 1 of "Night Market" in Spanish, episode 2 only in English (translated) and no
 * episode 3.
 */
class BatchIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A database of the run's own: the batch's migration is not applied to the database other runs share. */
    private static final E2eNames NAMES = E2eNames.withOwnDatabase();
    private static Stack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.start(NAMES.environment());
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        NAMES.delete();
    }

    @Test
    void aSeasonRunsToItsEndAndItsFilesComeAsOneArchive() throws IOException {
        Response submitted = manager().contentType(ContentType.JSON).body("""
                {"series": {"title": "Night Market"}, "season": 1, "episodes": {"from": 1, "to": 3},
                 "language": "es", "format": "srt"}""").post("/batches");
        submitted.then().statusCode(202);
        String batch = submitted.path("id");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> manager().get("/batches/{id}", batch).then().statusCode(200).extract()
                        .<Boolean> path("complete"));
        JsonNode view = MAPPER.readTree(manager().get("/batches/{id}", batch).asString());
        assertThat(view.path("counts").path("DONE").asInt()).isEqualTo(2);
        assertThat(view.path("counts").path("FAILED").asInt()).isEqualTo(1);
        assertThat(view.path("jobs").findValuesAsText("phase")).containsExactly("DONE", "DONE", "FAILED");

        Response archive = manager().get("/batches/{id}/subtitles.zip", batch);
        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.contentType()).isEqualTo("application/zip");
        Map<String, String> entries = entries(archive.asByteArray());
        assertThat(entries.keySet()).containsExactly("S01E01.es.srt", "S01E02.es.srt", "manifest.json");
        for (String episode : List.of("S01E01.es.srt", "S01E02.es.srt")) {
            assertThat(new SubtitleParser().parse(entries.get(episode), SubtitleFormat.SRT).cues()).as(episode)
                    .isNotEmpty();
        }
        JsonNode manifest = MAPPER.readTree(entries.get("manifest.json"));
        assertThat(manifest.path("jobs").get(2).path("phase").asText()).isEqualTo("FAILED");
        assertThat(manifest.path("jobs").get(2).path("file").isNull()).isTrue();
    }

    private static RequestSpecification manager() {
        return given().baseUri(stack.service("manager").baseUri().toString());
    }

    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
