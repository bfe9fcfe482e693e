package dev.subtitles.manager.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.GetResponse;

import dev.subtitles.common.messaging.Topology;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** The dead-letter tools under {@code /admin/dead-letters}, against the local broker. */
@QuarkusTest
@TestProfile(StatusProfile.class)
class DeadLetterToolsTest {

    private static final String PATH = "/admin/dead-letters/" + StatusProfile.DOWNLOADS;

    private TestQueues queues;

    @BeforeEach
    void declareQueues() throws Exception {
        queues = TestQueues.declare(StatusProfile.DOWNLOADS);
    }

    @AfterEach
    void deleteQueues() throws Exception {
        queues.close();
    }

    @Test
    void listingShowsEachMessageWithItsReasonAndLeavesThemInPlaceInOrder() throws Exception {
        String job = UUID.randomUUID().toString();
        queues.deadLetterCopy("event-1", job, "undecodable: no data");
        queues.deadLetterCopy("event-2", job, "unknown language pair");
        queues.deadLetterCopy("event-3", job, "unknown language pair");

        for (int i = 0; i < 3; i++) {
            given().when().get(PATH + "?limit=2").then().statusCode(200)
                    .body("deadLetterQueue", is(StatusProfile.DOWNLOADS + ".dlq"))
                    .body("messages.id", contains("event-1", "event-2"))
                    .body("messages[0].reason", is("undecodable: no data"))
                    .body("messages[0].jobId", is(job))
                    .body("messages[0].type", is("subtitle.download.requested"))
                    .body("messages[0].originalRoutingKey", is("subtitle.download.requested"))
                    .body("messages[0].originalQueue", is(StatusProfile.DOWNLOADS));
        }
        assertThat(queues.deadLettered()).isEqualTo(3);
    }

    @Test
    void aMessageTheBrokerDeadLetteredShowsTheBrokersReasonAndDeathCount() throws Exception {
        queues.rejected("event-r", UUID.randomUUID().toString());

        given().when().get(PATH).then().statusCode(200)
                .body("messages.id", contains("event-r"))
                .body("messages[0].reason", is("rejected"))
                .body("messages[0].deaths", is(1))
                .body("messages[0].originalQueue", is(StatusProfile.DOWNLOADS))
                .body("messages[0].originalRoutingKey", is(StatusProfile.DOWNLOADS));
    }

    @Test
    void requeuingOneMovesOnlyThatMessageBackWithoutItsOldReason() throws Exception {
        String job = UUID.randomUUID().toString();
        queues.deadLetterCopy("event-1", job, "first");
        queues.deadLetterCopy("event-2", job, "second");

        given().when().post(PATH + "/event-2/requeue").then().statusCode(200).body("requeued", is(1));

        List<GetResponse> requeued = queues.drainWorkQueue();
        assertThat(requeued).hasSize(1);
        GetResponse message = requeued.get(0);
        assertThat(message.getProps().getMessageId()).isEqualTo("event-2");
        assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(message.getProps().getHeaders()).doesNotContainKey(Topology.DEAD_LETTER_REASON_HEADER)
                .containsEntry("x-requeue-count", 1);
        assertThat(message.getProps().getHeaders().get("x-original-routing-key").toString())
                .isEqualTo("subtitle.download.requested");
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains(job);
        given().when().get(PATH).then().statusCode(200).body("messages.id", contains("event-1"));
    }

    @Test
    void requeuingAllMovesEveryMessageOnceEvenWhenTwoOperatorsDoItAtOnce() throws Exception {
        for (int i = 0; i < 30; i++) {
            queues.deadLetterCopy("event-" + i, UUID.randomUUID().toString(), "reason " + i);
        }

        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> given().post(PATH + "/requeue"));
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> given().post(PATH + "/requeue"));
        int moved = first.get().then().statusCode(200).extract().<Integer> path("requeued")
                + second.get().then().statusCode(200).extract().<Integer> path("requeued");

        List<GetResponse> requeued = queues.drainWorkQueue();
        assertThat(requeued).hasSize(30);
        assertThat(requeued.stream().map(get -> get.getProps().getMessageId()).distinct()).hasSize(30);
        assertThat(moved).isEqualTo(30);
        assertThat(queues.deadLettered()).isZero();
    }

    @Test
    void discardingDeletesOnlyThatMessage() throws Exception {
        queues.deadLetterCopy("event-1", UUID.randomUUID().toString(), "first");
        queues.deadLetterCopy("event-2", UUID.randomUUID().toString(), "second");

        given().when().delete(PATH + "/event-1").then().statusCode(204);

        given().when().get(PATH).then().statusCode(200).body("messages.id", contains("event-2"));
        assertThat(queues.ready()).isZero();
    }

    @Test
    void aMessageThatIsNotThereIsNotFound() throws Exception {
        queues.deadLetterCopy("event-1", UUID.randomUUID().toString(), "first");

        given().when().post(PATH + "/nobody/requeue").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:dead-letter-not-found"));
        given().when().delete(PATH + "/nobody").then().statusCode(404);
        assertThat(queues.deadLettered()).isEqualTo(1);
    }

    @Test
    void aMessageWhoseWorkQueueIsGoneStaysDeadLettered() throws Exception {
        queues.deadLetterCopy("event-1", UUID.randomUUID().toString(), "first");
        queues.deleteWorkQueue();

        given().when().post(PATH + "/event-1/requeue").then().statusCode(404)
                .body("type", is("urn:subtitles:problem:queue-missing"));
        given().when().post(PATH + "/requeue").then().statusCode(404);
        assertThat(queues.deadLettered()).isEqualTo(1);
    }

    @Test
    void aQueueThatIsNotAWorkQueueIsRefused() {
        given().when().get("/admin/dead-letters/some.other.queue").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:unknown-queue"));
        given().when().post("/admin/dead-letters/some.other.queue/requeue").then().statusCode(404);
    }

    @Test
    void aLimitOutOfRangeIsABadRequest() {
        given().when().get(PATH + "?limit=0").then().statusCode(400);
        given().when().get(PATH + "?limit=100000").then().statusCode(400);
    }
}
