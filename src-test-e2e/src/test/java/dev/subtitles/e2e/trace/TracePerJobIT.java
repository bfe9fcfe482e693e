package dev.subtitles.e2e.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.subtitles.e2e.E2eNames;
import dev.subtitles.e2e.Stack;
import dev.subtitles.e2e.trace.OtlpReceiver.ReceivedSpan;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * With tracing on, a translated job is one trace across the four packaged services, exported over OTLP to a receiver
 * in the test: the projection of its last event descends from the translation, which descends from the download,
 * which descends from the relay's publish of the request, which descends from the submission.
 */
class TracePerJobIT {

    private static final Set<String> TERMINAL = Set.of("DONE", "FAILED", "CANCELLED");

    private static final E2eNames NAMES = new E2eNames();
    private static OtlpReceiver receiver;
    private static Stack stack;

    @BeforeAll
    static void startStack() throws Exception {
        receiver = OtlpReceiver.start();
        Map<String, String> environment = new HashMap<>(NAMES.environment());
        environment.put("OTEL_SDK_DISABLED", "false");
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        environment.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        environment.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        environment.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        stack = Stack.start(environment, Stack.SERVICES, Map.of());
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        NAMES.delete();
    }

    @Test
    void aTranslatedJobIsOneTraceFromSubmissionToProjection() {
        UUID job = submit("Paper Boats", 2015, "es");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> TERMINAL.contains(phase(job)));
        assertThat(phase(job)).isEqualTo("DONE");

        ReceivedSpan submission = await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.spans().stream().filter(span -> span.service().equals("manager")
                        && span.name().contains("submit")).findFirst(), Optional::isPresent)
                .orElseThrow();
        String traceId = submission.traceId();
        ReceivedSpan projected = await().atMost(Duration.ofSeconds(20))
                .until(() -> spanNamed(traceId, "project subtitle.translated"), Optional::isPresent).orElseThrow();

        List<ReceivedSpan> ancestry = ancestry(projected, traceId);
        List<String> services = ancestry.stream().map(ReceivedSpan::service).distinct().toList();
        assertThat(services).as(describe(ancestry)).containsSubsequence("event-consumer", "translator",
                "downloader", "manager");
        assertThat(ancestry).as(describe(ancestry)).anySatisfy(span -> assertThat(span.name())
                .isEqualTo("publish subtitle.download.requested"));
        assertThat(ancestry).as(describe(ancestry)).contains(submission);
        List<ReceivedSpan> elsewhere = receiver.spans().stream().filter(span -> !span.traceId().equals(traceId))
                .filter(span -> span.service().equals("downloader") || span.service().equals("translator"))
                .toList();
        assertThat(elsewhere).as("worker spans outside the job's trace").isEmpty();
    }

    /** The span and its parents, up to the trace's root, as far as the receiver has them. */
    private static List<ReceivedSpan> ancestry(ReceivedSpan span, String traceId) {
        Map<String, ReceivedSpan> byId = receiver.spans().stream().filter(s -> s.traceId().equals(traceId))
                .collect(Collectors.toMap(ReceivedSpan::spanId, s -> s, (first, second) -> first));
        List<ReceivedSpan> chain = new ArrayList<>();
        for (ReceivedSpan at = span; at != null; at = byId.get(at.parentSpanId())) {
            chain.add(at);
        }
        return chain;
    }

    private static Optional<ReceivedSpan> spanNamed(String traceId, String name) {
        return receiver.spans().stream().filter(span -> span.traceId().equals(traceId) && span.name().equals(name))
                .findFirst();
    }

    private static String describe(List<ReceivedSpan> chain) {
        return chain.stream().map(span -> span.service() + ": " + span.name()).collect(Collectors.joining(" <- "));
    }

    private static UUID submit(String title, int year, String language) {
        String id = manager().contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("title", title, "year", year), "language", language))
                .post("/jobs").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    private static String phase(UUID job) {
        return manager().get("/jobs/{id}", job).then().statusCode(200).extract().path("phase");
    }

    private static RequestSpecification manager() {
        return given().baseUri(stack.service("manager").baseUri().toString());
    }
}
