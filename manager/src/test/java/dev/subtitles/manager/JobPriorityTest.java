package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.support.Batches;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.PublishedEvents;
import dev.subtitles.manager.support.PublishedEvents.Published;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A job's priority: checked on submission, stored with the job, shown, and carried by its request to the broker. */
@QuarkusTest
class JobPriorityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    ManagerConfig config;

    @Inject
    Pool pool;

    private PublishedEvents published;

    @BeforeEach
    void observe() {
        published = new PublishedEvents(config.exchange());
    }

    @AfterEach
    void stopObserving() throws Exception {
        published.close();
    }

    @Test
    void aJobWithoutPriorityIsNormal() {
        UUID job = Jobs.submit("No priority given");

        given().when().get("/jobs/" + job).then().statusCode(200).body("priority", is("normal"));
        assertThat(storedPriority(job)).isEqualTo("normal");
    }

    @Test
    void thePriorityIsStoredAndShownInCanonicalForm() {
        UUID job = submit("High and mighty", "HIGH");

        given().when().get("/jobs/" + job).then().statusCode(200).body("priority", is("high"));
        given().queryParam("text", "High and mighty").when().get("/jobs")
                .then().statusCode(200).body("jobs.priority", hasItem("high"));
        assertThat(storedPriority(job)).isEqualTo("high");
    }

    @Test
    void anUnknownPriorityIsABadRequestNamingTheField() {
        given().contentType(ContentType.JSON).body(withPriority("Urgent", "urgent"))
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:invalid-request"))
                .body("errors.field", contains("priority"))
                .body("errors.message", contains("must be high, normal or low"));
    }

    @Test
    void aHighJobsRequestIsPublishedWithThePrioritySuffixAndCarriesIt() {
        UUID job = submit("Published high", "high");

        Published message = firstPublished(job);
        assertThat(message.routingKey()).isEqualTo("subtitle.download.requested.high");
        assertThat(message.properties().getType()).isEqualTo(EventType.DOWNLOAD_REQUESTED.routingKey());
        assertThat(message.event().as(DownloadRequested.class).payload().priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void aNormalJobsRequestIsPublishedWithItsTypeAlone() {
        UUID job = submit("Published normal", "normal");

        assertThat(firstPublished(job).routingKey()).isEqualTo("subtitle.download.requested");
    }

    @Test
    void everyJobOfABatchTakesTheBatchsPriority() {
        Batches.Submitted batch = Batches.submitted(Batches.post(given(), """
                {"series": {"title": "Low season"}, "season": 1, "episodes": {"from": 1, "to": 2},
                 "language": "es", "priority": "low"}"""));

        given().when().get("/jobs/" + batch.jobs().get(1)).then().statusCode(200).body("priority", is("low"));
        assertThat(batch.jobs()).allSatisfy(job -> {
            assertThat(storedPriority(job)).isEqualTo("low");
            assertThat(firstPublished(job).routingKey()).isEqualTo("subtitle.download.requested.low");
        });
    }

    @Test
    void aBatchWithAnUnknownPriorityIsABadRequestNamingTheField() {
        Batches.post(given(), """
                {"series": {"title": "Bad season"}, "season": 1, "episodes": {"from": 1, "to": 2},
                 "language": "es", "priority": "asap"}""")
                .then().statusCode(400)
                .body("errors.field", everyItem(is("priority")));
    }

    private static UUID submit(String title, String priority) {
        String id = given().contentType(ContentType.JSON).body(withPriority(title, priority))
                .when().post("/jobs")
                .then().statusCode(202).body("priority", is(Priority.fromName(priority).value()))
                .extract().path("id");
        return UUID.fromString(id);
    }

    private static String withPriority(String title, String priority) {
        return """
                {"video": {"title": "%s"}, "language": "en", "priority": "%s"}""".formatted(title, priority);
    }

    private Published firstPublished(UUID job) {
        await().atMost(TIMEOUT).until(() -> !published.of(job).isEmpty());
        return published.of(job).get(0);
    }

    private String storedPriority(UUID job) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select priority from manager.job where id = $1").execute(Tuple.of(job))
                .await().atMost(TIMEOUT).forEach(rows::add);
        return rows.get(0).getString("priority");
    }
}
