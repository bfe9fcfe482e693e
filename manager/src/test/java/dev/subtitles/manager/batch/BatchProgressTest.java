package dev.subtitles.manager.batch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.manager.support.Batches;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Following a batch as a whole: counts by phase, one live stream of all its jobs, one archive of their files. */
@QuarkusTest
class BatchProgressTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Projection projection;

    @Inject
    SubtitleStore store;

    @AfterEach
    void clear() {
        projection.clear();
    }

    @Test
    void countsByPhaseFollowTheProjectedEvents() {
        Batches.Submitted batch = Batches.submit("Counted", 1, 3);
        given().when().get("/batches/" + batch.id())
                .then().statusCode(200).body("counts.DOWNLOAD_QUEUED", is(3)).body("complete", is(false));

        projection.inRedis(batch.jobs().get(0), new DownloadStarted(1, "downloader-1"));
        done(batch.jobs().get(1), "Hola.");

        given().when().get("/batches/" + batch.id())
                .then().statusCode(200)
                .body("counts.DOWNLOAD_QUEUED", is(1))
                .body("counts.DOWNLOAD_IN_PROGRESS", is(1))
                .body("counts.DONE", is(1))
                .body("ended", is(1))
                .body("complete", is(false))
                .body("jobs.phase", contains("DOWNLOAD_IN_PROGRESS", "DONE", "DOWNLOAD_QUEUED"))
                .body("jobs[1].links.subtitle", is("/jobs/" + batch.jobs().get(1) + "/subtitle"));

        done(batch.jobs().get(0), "Adiós.");
        projection.inRedis(batch.jobs().get(2), new JobCancelled("test"));

        given().when().get("/batches/" + batch.id())
                .then().statusCode(200)
                .body("counts.DONE", is(2))
                .body("counts.CANCELLED", is(1))
                .body("ended", is(3))
                .body("complete", is(true));
    }

    @Test
    void oneStreamSendsEveryJobsHistoryThenLiveEventsAndEndsWhenAllEnded() throws Exception {
        Batches.Submitted batch = Batches.submit("Streamed", 1, 2);
        UUID first = batch.jobs().get(0);
        UUID second = batch.jobs().get(1);
        projection.inRedis(first, new DownloadStarted(1, "downloader-1"));

        BatchSseClient client = BatchSseClient.watch(base, batch.id());
        await().atMost(TIMEOUT).until(() -> client.data(null).size() == 1);
        done(first, "Uno.");
        projection.inRedis(second, new DownloadStarted(1, "downloader-2"));
        await().atMost(TIMEOUT).until(() -> client.data("job-end").size() == 1);
        assertThat(client.ended).isNotDone();
        projection.inRedis(second, new JobCancelled("test"));

        client.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(client.status).isEqualTo(200);
        Map<UUID, List<String>> types = new LinkedHashMap<>();
        for (String data : client.data(null)) {
            JsonNode entry = MAPPER.readTree(data);
            types.computeIfAbsent(UUID.fromString(entry.get("jobId").asText()), job -> new java.util.ArrayList<>())
                    .add(entry.get("type").asText());
        }
        assertThat(types.get(first)).containsExactly("subtitle.download.started", "subtitle.download.started",
                "subtitle.ready");
        assertThat(types.get(second)).containsExactly("subtitle.download.started", "job.cancelled");
        assertThat(client.data("job-end")).containsExactly(
                "{\"jobId\":\"" + first + "\",\"phase\":\"DONE\"}",
                "{\"jobId\":\"" + second + "\",\"phase\":\"CANCELLED\"}");
        assertThat(client.data("end")).containsExactly("{\"counts\":{\"DONE\":1,\"FAILED\":0,\"CANCELLED\":1}}");
        assertThat(client.events.get(client.events.size() - 1).name()).isEqualTo("end");
    }

    @Test
    void aBatchWhoseJobsAllEndedGetsItsHistoryAndTheEndAtOnce() throws Exception {
        Batches.Submitted batch = Batches.submit("Already over", 1, 1);
        done(batch.jobs().get(0), "Fin.");

        BatchSseClient client = BatchSseClient.watch(base, batch.id());

        client.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(client.data(null)).hasSize(2);
        assertThat(client.data("end")).containsExactly("{\"counts\":{\"DONE\":1,\"FAILED\":0,\"CANCELLED\":0}}");
    }

    @Test
    void theStreamOfAnUnknownBatchIsNotFound() throws Exception {
        BatchSseClient client = BatchSseClient.watch(base, UUID.randomUUID());

        client.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(client.status).isEqualTo(404);
        assertThat(client.body).contains("urn:subtitles:problem:batch-not-found");
    }

    @Test
    void theArchiveHoldsEachDoneEpisodesFileAndAManifestOfEveryJob() throws IOException {
        Batches.Submitted batch = Batches.submit("Archived", 2, 4);
        done(batch.jobs().get(0), "Episodio dos.");
        done(batch.jobs().get(2), "Episodio cuatro.");
        projection.inRedis(batch.jobs().get(1), new DownloadStarted(1, "downloader-1"));

        byte[] zip = given().when().get("/batches/" + batch.id() + "/subtitles.zip")
                .then().statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", is("attachment; filename=\"" + batch.id() + ".zip\""))
                .extract().asByteArray();

        Map<String, String> entries = entries(zip);
        assertThat(entries.keySet()).containsExactly("S01E02.es.srt", "S01E04.es.srt", "manifest.json");
        assertThat(entries.get("S01E02.es.srt")).contains("Episodio dos.").contains("00:00:01,000 --> 00:00:02,500");
        assertThat(entries.get("S01E04.es.srt")).contains("Episodio cuatro.");
        JsonNode manifest = MAPPER.readTree(entries.get("manifest.json"));
        assertThat(manifest.get("batchId").asText()).isEqualTo(batch.id().toString());
        assertThat(manifest.get("jobs")).hasSize(3);
        assertThat(manifest.get("jobs").get(1).get("phase").asText()).isEqualTo("DOWNLOAD_IN_PROGRESS");
        assertThat(manifest.get("jobs").get(1).get("file").isNull()).isTrue();
        assertThat(manifest.get("jobs").get(2).get("file").asText()).isEqualTo("S01E04.es.srt");
    }

    @Test
    void theArchiveConvertsEveryFileToTheAskedFormat() throws IOException {
        Batches.Submitted batch = Batches.submit("Archived as WebVTT", 7, 7);
        done(batch.jobs().get(0), "Siete.");

        byte[] zip = given().queryParam("format", "vtt").when().get("/batches/" + batch.id() + "/subtitles.zip")
                .then().statusCode(200).extract().asByteArray();

        Map<String, String> entries = entries(zip);
        assertThat(entries.keySet()).containsExactly("S01E07.es.vtt", "manifest.json");
        assertThat(entries.get("S01E07.es.vtt")).startsWith("WEBVTT").contains("Siete.");
    }

    @Test
    void noArchiveWhileNoJobIsDone() {
        Batches.Submitted batch = Batches.submit("Not yet", 1, 2);

        given().when().get("/batches/" + batch.id() + "/subtitles.zip")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:batch-not-done"));
        given().when().get("/batches/" + UUID.randomUUID() + "/subtitles.zip")
                .then().statusCode(404)
                .body("type", is("urn:subtitles:problem:batch-not-found"));
        given().queryParam("format", "ass").when().get("/batches/" + batch.id() + "/subtitles.zip")
                .then().statusCode(400)
                .body("errors[0].field", is("format"));
    }

    /** Stores a file for the job and projects its download's start and its result. */
    private void done(UUID job, String line) {
        String srt = "1\n00:00:01,000 --> 00:00:02,500\n" + line + "\n\n";
        StoredSubtitleFile file = store.save(NewSubtitleFile.downloaded(job, "es", SubtitleFormat.SRT, srt, "library"))
                .await().atMost(TIMEOUT);
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(job, new SubtitleReady(file.id(), "library", "es", 0.95, List.of(), SubtitleFormat.SRT));
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
