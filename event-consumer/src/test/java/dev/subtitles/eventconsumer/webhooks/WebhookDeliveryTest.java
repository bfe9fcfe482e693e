package dev.subtitles.eventconsumer.webhooks;

import static dev.subtitles.common.event.EventType.JOB_CANCELLED;
import static dev.subtitles.common.event.EventType.JOB_FAILED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.auth.testing.Management;
import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventSamples;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import dev.subtitles.eventconsumer.webhooks.Receiver.Answer;
import dev.subtitles.eventconsumer.webhooks.TestHooks.Attempt;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Events delivered to hooks on real local HTTP receivers, through the real broker and PostgreSQL, with the test
 * profile's short waits: a receiver time-out of 1 s, retries from 200 ms up to 1 s, at most 4 attempts in progress
 * per hook, a hook disabled after 4 s of failures. Each test's hooks belong to a tenant of its own.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookDeliveryTest extends ConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String SECRET = "whsec_0123456789abcdef";
    private static final EventCodec CODEC = new EventCodec();

    @Inject
    HookDirectory directory;
    @Inject
    JobViews views;

    private final TestHooks hooks = new TestHooks();
    private final List<Receiver> receivers = new ArrayList<>();
    private final String tenant = "hooks-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        hooks.close();
        receivers.forEach(Receiver::close);
    }

    @Test
    void deliversTheEventSignedWithTheHooksSecret() throws Exception {
        Receiver receiver = receiver(Receiver.healthy());
        UUID hook = register(tenant, receiver, SUBTITLE_READY);
        JobEvent<?> event = event(tenant, SUBTITLE_READY);
        long before = Instant.now().getEpochSecond();

        broker.publish(event);

        await().atMost(PATIENCE).until(() -> hooks.deliveryStates(hook).equals(List.of("delivered")));
        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/cloudevents+json");
        assertThat(request.webhookId()).isEqualTo(event.id().toString());
        assertThat(request.attempt()).isEqualTo("1");
        assertThat(request.body()).isEqualTo(CODEC.encode(event));
        assertThat(verify(request, SECRET)).isBetween(before, Instant.now().getEpochSecond());
        assertThat(verify(request, "whsec_another")).isNull();
        assertThat(hooks.attempts(hook)).singleElement().satisfies(attempt -> {
            assertThat(attempt.succeeded()).isTrue();
            assertThat(attempt.statusCode()).isEqualTo(204);
        });
        assertThat(hooks.state(hook).everDelivered()).isTrue();
    }

    @Test
    void deliversOnlyTheEventTypesEachHookWantsOfItsOwnTenant() throws Exception {
        String otherTenant = "hooks-" + UUID.randomUUID().toString().substring(0, 8);
        Receiver failures = receiver(Receiver.healthy());
        Receiver everything = receiver(Receiver.healthy());
        Receiver otherTenants = receiver(Receiver.healthy());
        register(tenant, failures, JOB_FAILED, JOB_CANCELLED);
        register(tenant, everything, "*");
        register(otherTenant, otherTenants, JOB_FAILED);
        JobEvent<?> ready = event(tenant, SUBTITLE_READY);
        JobEvent<?> failed = event(tenant, JOB_FAILED);
        JobEvent<?> othersFailed = event(otherTenant, JOB_FAILED);

        broker.publish(othersFailed, ready, failed);

        await().atMost(PATIENCE).until(() -> ids(everything).size() == 2 && ids(failures).size() == 1
                && ids(otherTenants).size() == 1);
        assertThat(ids(everything)).containsExactlyInAnyOrder(ready.id().toString(), failed.id().toString());
        assertThat(ids(failures)).containsExactly(failed.id().toString());
        assertThat(ids(otherTenants)).containsExactly(othersFailed.id().toString());
    }

    @Test
    void failingReceiverIsRetriedWithTheSameIdUntilItAcceptsAndGetsTheEventOnce() throws Exception {
        Receiver receiver = receiver(Receiver.answering(n -> Answer.now(n == 1 ? 500 : n == 2 ? 503 : 204)));
        UUID hook = register(tenant, receiver, SUBTITLE_READY);
        JobEvent<?> event = event(tenant, SUBTITLE_READY);

        broker.publish(event);

        await().atMost(PATIENCE).until(() -> hooks.deliveryStates(hook).equals(List.of("delivered")));
        assertThat(receiver.requests()).extracting(Receiver.Request::webhookId).containsOnly(event.id().toString());
        assertThat(receiver.requests()).extracting(Receiver.Request::attempt).containsExactly("1", "2", "3");
        assertThat(hooks.attempts(hook)).extracting(Attempt::attempt, Attempt::succeeded, Attempt::statusCode)
                .containsExactly(tuple(1, false, 500),
                        tuple(2, false, 503),
                        tuple(3, true, 204));
        assertThat(hooks.state(hook)).satisfies(state -> {
            assertThat(state.enabled()).isTrue();
            assertThat(state.failing()).isFalse();
        });

        JobEvent<?> next = event(tenant, SUBTITLE_READY);
        broker.publish(event, next);

        await().atMost(PATIENCE).until(() -> ids(receiver).contains(next.id().toString()));
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE)
                .until(() -> receiver.requests().size() == 4 && hooks.attempts(hook).size() == 4);
    }

    @Test
    void answerAfterTheTimeOutCountsAsFailedAndIsRetried() throws Exception {
        Receiver receiver = receiver(Receiver.answering(
                n -> n == 1 ? new Answer(204, Duration.ofMillis(2500)) : Answer.now(204)));
        UUID hook = register(tenant, receiver, SUBTITLE_READY);

        broker.publish(event(tenant, SUBTITLE_READY));

        await().atMost(PATIENCE).until(() -> hooks.deliveryStates(hook).equals(List.of("delivered")));
        List<Attempt> attempts = hooks.attempts(hook);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0)).satisfies(late -> {
            assertThat(late.succeeded()).isFalse();
            assertThat(late.statusCode()).isNull();
            assertThat(late.error()).isEqualTo("no answer within PT1S");
            assertThat(late.latencyMillis()).isBetween(1000, 2400);
        });
        assertThat(attempts.get(1).succeeded()).isTrue();
        assertThat(receiver.requests()).extracting(Receiver.Request::attempt).containsExactly("1", "2");
    }

    @Test
    void slowReceiverDelaysNeitherAnotherHookNorTheProjection() throws Exception {
        Receiver slow = receiver(Receiver.answering(n -> new Answer(204, Duration.ofSeconds(5))));
        Receiver fast = receiver(Receiver.healthy());
        UUID slowHook = register(tenant, slow, SUBTITLE_READY);
        register(tenant, fast, SUBTITLE_READY);
        List<JobEvent<?>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(event(tenant, SUBTITLE_READY));
        }

        broker.publish(events.toArray(JobEvent<?>[]::new));

        // Had the slow hook's attempts (at most 4 at once, 1 s each before the time-out) held the others, the last
        // event would reach the fast hook after 10 s.
        await().atMost(Duration.ofSeconds(5)).until(() -> ids(fast).size() == events.size());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> events.stream().allMatch(event -> views.history(event.jobId()).size() == 1));
        assertThat(hooks.deliveryStates(slowHook)).hasSize(events.size()).contains("pending");
        assertThat(slow.mostInProgress()).isBetween(1, 4);
    }

    @Test
    void hookFailingPastTheWindowIsDisabledWithTheReasonAndGetsNothingMore() throws Exception {
        Receiver receiver = receiver(Receiver.answering(n -> Answer.now(503)));
        UUID hook = register(tenant, receiver, SUBTITLE_READY);

        broker.publish(event(tenant, SUBTITLE_READY), event(tenant, SUBTITLE_READY));

        await().atMost(PATIENCE).until(() -> !hooks.state(hook).enabled());
        assertThat(hooks.state(hook).disabledReason()).startsWith("no delivery succeeded since ")
                .contains("for longer than PT4S").endsWith("last attempt: HTTP 503");
        assertThat(hooks.deliveryStates(hook)).containsOnly("abandoned");
        int attempted = receiver.requests().size();
        assertThat(attempted).isGreaterThan(2);

        broker.publish(event(tenant, SUBTITLE_READY));

        await().during(Duration.ofMillis(1500)).atMost(PATIENCE)
                .until(() -> receiver.requests().size() == attempted && hooks.deliveryStates(hook).size() == 2);
    }

    @Test
    void metricsCountTheQueuedDeliveriesAndTheAttemptsByOutcome() throws Exception {
        Receiver receiver = receiver(Receiver.answering(n -> Answer.now(n == 1 ? 500 : 204)));
        UUID hook = register(tenant, receiver, SUBTITLE_READY);
        double queued = metric("webhooks_queued_total");
        double delivered = metric("webhooks_attempts_seconds_count{outcome=\"delivered\"}");
        double failed = metric("webhooks_attempts_seconds_count{outcome=\"failed\"}");

        broker.publish(event(tenant, SUBTITLE_READY));

        await().atMost(PATIENCE).until(() -> hooks.deliveryStates(hook).equals(List.of("delivered")));
        assertThat(metric("webhooks_queued_total")).isGreaterThanOrEqualTo(queued + 1);
        assertThat(metric("webhooks_attempts_seconds_count{outcome=\"delivered\"}"))
                .isGreaterThanOrEqualTo(delivered + 1);
        assertThat(metric("webhooks_attempts_seconds_count{outcome=\"failed\"}")).isGreaterThanOrEqualTo(failed + 1);
    }

    private Receiver receiver(Receiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private UUID register(String owner, Receiver receiver, Object... types) {
        String[] names = Arrays.stream(types)
                .map(type -> type instanceof EventType eventType ? eventType.routingKey() : type.toString())
                .toArray(String[]::new);
        UUID hook = hooks.register(owner, receiver.url(), SECRET, names);
        await().atMost(PATIENCE).until(() -> directory.knows(hook));
        return hook;
    }

    private static JobEvent<?> event(String tenant, EventType type) {
        return new JobEvent<>(UUID.randomUUID(), type, TestEvents.SOURCE, UUID.randomUUID(), tenant, Instant.now(),
                EventSamples.TRACEPARENT, EventSamples.payload(type));
    }

    /** The value of one series of {@code /q/metrics}, named with its labels as Prometheus writes them. */
    private static double metric(String series) {
        String text = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series + " in /q/metrics"));
    }

    private static List<String> ids(Receiver receiver) {
        return receiver.requests().stream().map(Receiver.Request::webhookId).distinct().toList();
    }

    /**
     * What a receiver does (docs/webhooks.md): the signature's time if {@code v1} is the HMAC-SHA256 of
     * {@code <t>.<body>} keyed with the secret, else {@code null}.
     */
    private static Long verify(Receiver.Request request, String secret) throws GeneralSecurityException {
        Map<String, String> parts = Arrays.stream(request.signature().split(","))
                .map(part -> part.split("=", 2))
                .collect(Collectors.toMap(part -> part[0], part -> part[1]));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((parts.get("t") + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(request.body());
        boolean valid = MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")));
        return valid ? Long.parseLong(parts.get("t")) : null;
    }
}
