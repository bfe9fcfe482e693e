package dev.subtitles.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import io.restassured.http.ContentType;

/**
 * Webhooks across the packaged services: a hook registered through the manager's API receives the events of a job
 * submitted through the manager, delivered by the packaged event-consumer to a real local receiver, signed with the
 * secret the registration answered; the manager then shows the deliveries the event-consumer logged.
 */
class WebhooksIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final E2eNames NAMES = E2eNames.withOwnDatabase();

    private static Stack stack;
    private static ExchangePublisher downloader;
    private static HttpServer receiver;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/hook", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("Webhook-Id"),
                        exchange.getRequestHeaders().getFirst("Webhook-Signature"), body.readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        stack = Stack.start(NAMES.environment(), List.of("event-consumer", "manager"), Map.of(
                "event-consumer", Map.of("WEBHOOKS_HOOKS_REFRESH_INTERVAL", "200ms"),
                "manager", Map.of("MANAGER_HOOKS_ALLOW_HTTP_LOOPBACK", "true")));
        downloader = ExchangePublisher.to(NAMES.exchange(), "e2e-webhooks");
    }

    @AfterAll
    static void stop() throws Exception {
        if (downloader != null) {
            downloader.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        NAMES.delete();
    }

    @Test
    void registeredHookReceivesTheJobsEventsSignedAndTheManagerShowsTheDeliveries() throws Exception {
        Map<String, Object> registration = given().baseUri(manager()).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "eventTypes", List.of("subtitle.download.requested", "subtitle.ready")))
                .post("/hooks").then().statusCode(201).extract().as(Map.class);
        String hook = (String) registration.get("id");
        String secret = (String) registration.get("secret");

        // The event-consumer reads the hooks every 200 ms here: jobs are submitted until one's first event reaches
        // the receiver, which proves the registration reached the delivery.
        List<UUID> jobs = new ArrayList<>();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            jobs.add(submit("Paper Boats " + jobs.size()));
            return !RECEIVED.isEmpty();
        });
        Received requested = RECEIVED.get(0);
        JsonNode requestedEvent = JSON.readTree(requested.body());
        assertThat(requestedEvent.path("type").asText()).isEqualTo("subtitle.download.requested");
        assertThat(jobs).contains(UUID.fromString(requestedEvent.path("subject").asText()));
        assertThat(requested.webhookId()).isEqualTo(requestedEvent.path("id").asText());
        assertThat(signatureTime(requested, secret)).isCloseTo(Instant.now().getEpochSecond(), within(60L));

        UUID job = UUID.fromString(requestedEvent.path("subject").asText());
        JobEvent<?> ready = downloader.publish(job, new SubtitleReady(UUID.randomUUID(), "library", "es", 0.9,
                List.of(), SubtitleFormat.SRT));
        downloader.awaitConfirms();

        await().atMost(TIMEOUT).until(() -> RECEIVED.stream().anyMatch(r -> ready.id().toString().equals(r.webhookId())));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                given().baseUri(manager()).get("/hooks/{id}/deliveries", hook).then().statusCode(200).extract()
                        .jsonPath().getList("deliveries.eventId", String.class))
                .contains(ready.id().toString(), requested.webhookId()));
        given().baseUri(manager()).get("/hooks/{id}", hook).then().statusCode(200)
                .body("enabled", is(true)).body("lastSuccessAt", notNullValue());
    }

    private static String manager() {
        return stack.service("manager").baseUri().toString();
    }

    private static UUID submit(String title) {
        String id = given().baseUri(manager()).contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("title", title), "language", "es"))
                .post("/jobs").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    /** The signature's time if it verifies with {@code secret} (docs/webhooks.md), else a failed assertion. */
    private static long signatureTime(Received request, String secret) throws GeneralSecurityException {
        Map<String, String> parts = new HashMap<>();
        for (String part : request.signature().split(",")) {
            String[] pair = part.split("=", 2);
            parts.put(pair[0], pair[1]);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((parts.get("t") + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(MessageDigest.isEqual(mac.doFinal(request.body()), HexFormat.of().parseHex(parts.get("v1"))))
                .as("signature verifies").isTrue();
        return Long.parseLong(parts.get("t"));
    }

    private record Received(String webhookId, String signature, byte[] body) {
    }
}
